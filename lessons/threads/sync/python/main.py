"""A shared queue between one producer and two consumers, guarded by a
threading.Condition: a consumer waits on the condition while the queue is
empty, and the producer notifies it after each put. Goes past the seeds (the
queue that threads-queue takes ready-made, built by hand); stands beside
src/main.rs, where the lock and the condition are a Mutex and a Condvar.
"""

import threading
import time
from collections import deque

ITEMS = 4

items = deque()
cond = threading.Condition()


def consumer():
    while True:
        with cond:
            # wait() can return with the queue empty again: the other
            # consumer got there first. So the test is a loop, never an if.
            while not items:
                cond.wait()
            item = items.popleft()
        if item is None:
            return
        print(f"{threading.current_thread().name} got item {item}")


def producer():
    for i in range(1, ITEMS + 1):
        time.sleep(1)
        with cond:
            items.append(i)
            print(f"producer put item {i}")
            cond.notify()
    time.sleep(1)
    with cond:
        # One stop sign per consumer, and both must wake to see theirs.
        items.extend([None, None])
        print("producer put two stop signs")
        cond.notify_all()


def main():
    threads = [
        threading.Thread(target=consumer, name="consumer A"),
        threading.Thread(target=consumer, name="consumer B"),
        threading.Thread(target=producer, name="producer"),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("both consumers have stopped")


if __name__ == "__main__":
    main()
