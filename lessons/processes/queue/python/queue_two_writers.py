"""Two processes write three URLs each into one queue at random intervals;
a third reads them all, in the order they arrive, and is terminated once
both writers are done. Port of 002 §4.1; the Python twin of
`examples/queue_two_writers.rs`.
"""

import os
import random
import time
from multiprocessing import Process, Queue


def proc_write(q, urls, seed):
    # A forked child re-seeds `random` from the OS. Seeded from the parent's
    # generator instead, each writer's pauses repeat when the parent's do.
    random.seed(seed)
    print(f"Process ({os.getpid()}) is writing...")
    for url in urls:
        q.put(url)
        print(f"Put {url} to queue...")
        time.sleep(random.random())


def proc_read(q):
    print(f"Process ({os.getpid()}) is reading...")
    while True:
        url = q.get(True)
        print(f"Get {url} from queue.")


if __name__ == "__main__":
    q = Queue()
    urls1, urls2 = ["url_1", "url_2", "url_3"], ["url_4", "url_5", "url_6"]
    writer1 = Process(target=proc_write, args=(q, urls1, random.randrange(2**64)))
    writer2 = Process(target=proc_write, args=(q, urls2, random.randrange(2**64)))
    # The reader's loop never ends by itself. As a daemon, it goes when the
    # parent does, however the parent leaves (Ctrl-C too), rather than keep
    # the parent waiting for it at exit.
    reader = Process(target=proc_read, args=(q,), daemon=True)
    writer1.start()
    writer2.start()
    reader.start()
    writer1.join()
    writer2.join()
    # Both writers are done: stop the reader, and reap it.
    reader.terminate()
    reader.join()
