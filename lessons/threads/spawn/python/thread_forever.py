"""Two threads share one counter, each adding one and taking it away again
once a second; nothing is printed, as in the seed. Ports 004 多线程 and stands
beside examples/thread_forever.rs; as there, each thread runs three rounds
instead of forever, and the main thread waits for both.
"""

import threading
import time

# How many rounds each thread runs, instead of forever.
ROUNDS = 3

num = 0


def funa():
    global num
    for _ in range(ROUNDS):
        # No lock, as in the seed: Python allows it; Rust needs an atomic.
        num += 1
        num -= 1
        time.sleep(1)


def main():
    th1 = threading.Thread(target=funa)
    th2 = threading.Thread(target=funa)
    th1.start()
    th2.start()
    th1.join()
    th2.join()


if __name__ == "__main__":
    main()
