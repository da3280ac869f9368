"""A duplex pipe between two processes: one sends ten URLs at random
intervals, the other receives them at its own random pace and falls behind
now and then; when the sender is done, the receiver is terminated. Port of
002 §4.2 (`multiprocessing.Pipe()`); the Python twin of `src/main.rs`.
"""

import os
import random
import time
from multiprocessing import Pipe, Process


def proc_send(pipe, urls, seed):
    # A forked child re-seeds `random` from the OS. Seeded from the parent's
    # generator instead, its pauses repeat when the parent's do.
    random.seed(seed)
    for url in urls:
        print(f"Process ({os.getpid()}) send: {url}")
        pipe.send(url)
        time.sleep(random.random())


def proc_recv(pipe, seed):
    random.seed(seed)
    while True:
        print(f"Process ({os.getpid()}) recv: {pipe.recv()}")
        time.sleep(random.random())


if __name__ == "__main__":
    end0, end1 = Pipe()
    urls = [f"url_{i}" for i in range(10)]
    sender = Process(target=proc_send, args=(end0, urls, random.randrange(2**64)))
    # The receiver's loop never ends by itself. As a daemon, it goes when the
    # parent does, however the parent leaves (Ctrl-C too), rather than keep
    # the parent waiting for it at exit.
    receiver = Process(
        target=proc_recv, args=(end1, random.randrange(2**64)), daemon=True
    )
    sender.start()
    receiver.start()
    sender.join()
    # Stop the receiver, and reap it: whatever it has not taken yet is lost.
    receiver.terminate()
    receiver.join()
