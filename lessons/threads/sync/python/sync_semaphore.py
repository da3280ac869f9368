"""At most two at a time: five threads each download for a second, but a
Semaphore(2) lets only two of them in at once, so the five take three
seconds. Each thread counts itself in and out, and the program prints the
most that were ever in at once. Goes past the seeds; stands beside
examples/sync_semaphore.rs, whose Semaphore is built from a Mutex and a
Condvar, as CPython builds threading.Semaphore from a Condition.
"""

import threading
import time

LIMIT = 2
DOWNLOADS = 5

slots = threading.Semaphore(LIMIT)
count_lock = threading.Lock()
inside = 0
most = 0


def download():
    global inside, most
    with slots:
        with count_lock:
            inside += 1
            most = max(most, inside)
        time.sleep(1)
        with count_lock:
            inside -= 1


def main():
    start = time.perf_counter()
    threads = [threading.Thread(target=download) for _ in range(DOWNLOADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"{DOWNLOADS} downloads done, at most {most} at once")
    print(f"took {time.perf_counter() - start:.1f} seconds")


if __name__ == "__main__":
    main()
