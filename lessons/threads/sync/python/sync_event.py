"""Threads that wait for a signal: three workers wait on an Event until the
main thread has loaded the settings they need, and a cleaner waits on a
second Event until the workers are done. Goes past the seeds; stands beside
examples/sync_event.rs, where the first event is a OnceLock that carries the
settings, and the second a parked thread.
"""

import threading
import time

WORKERS = 3

settings = {}
loaded = threading.Event()
cleanup = threading.Event()


def worker(n):
    loaded.wait()
    print(f"worker {n} starts, mode {settings['mode']}")


def cleaner():
    cleanup.wait()
    print("cleaner: woken, cleaning up")


def main():
    the_cleaner = threading.Thread(target=cleaner)
    the_cleaner.start()
    workers = [threading.Thread(target=worker, args=(n,)) for n in range(WORKERS)]
    for w in workers:
        w.start()
    print("main: loading the settings")
    time.sleep(1)
    settings["mode"] = "fast"
    loaded.set()
    for w in workers:
        w.join()
    print("main: the workers are done; waking the cleaner")
    cleanup.set()
    the_cleaner.join()


if __name__ == "__main__":
    main()
