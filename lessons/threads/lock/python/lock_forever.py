"""Two named threads take turns with one lock, once a second, each printing
its name while it holds the lock. Ports 004 互斥锁 and stands beside
examples/lock_forever.rs; as there, each thread runs three rounds instead of
forever, and the main thread waits for both.
"""

import threading
import time

# How many rounds each thread runs, instead of forever.
ROUNDS = 3

num = 0
locked = threading.Lock()


def func():
    global num
    for _ in range(ROUNDS):
        # The seed's other form, `with locked:`, releases it the same way.
        locked.acquire()
        num += 1
        num -= 1
        print(threading.current_thread().name)
        locked.release()
        time.sleep(1)


def main():
    th1 = threading.Thread(target=func, name="thread1")
    th2 = threading.Thread(target=func, name="thread2")
    th1.start()
    th2.start()
    th1.join()
    th2.join()


if __name__ == "__main__":
    main()
