"""A writer puts A, B and C into a queue at random intervals and a reader
takes them out; the reader is terminated when the writer is done. The
writer prints *before* it puts, so each "Put" line comes before its "Get".
Port of 003 1.5; the Python twin of `examples/queue_abc.rs`.
"""

import os
import random
import time
from multiprocessing import Process, Queue


def write(q, seed):
    # A forked child re-seeds `random` from the OS. Seeded from the parent's
    # generator instead, the pauses repeat when the parent's do.
    random.seed(seed)
    print(f"Process to write: {os.getpid()}")
    for value in ["A", "B", "C"]:
        print(f"Put {value} to queue...")
        q.put(value)
        time.sleep(random.random())


def read(q):
    print(f"Process to read: {os.getpid()}")
    while True:
        value = q.get(True)
        print(f"Get {value} from queue.")


if __name__ == "__main__":
    q = Queue()
    pw = Process(target=write, args=(q, random.randrange(2**64)))
    # The reader's loop never ends by itself. As a daemon, it goes when the
    # parent does, however the parent leaves (Ctrl-C too), rather than keep
    # the parent waiting for it at exit.
    pr = Process(target=read, args=(q,), daemon=True)
    pw.start()
    pr.start()
    pw.join()
    # The writer is done: stop the reader, and reap it.
    pr.terminate()
    pr.join()
