"""One process writes five numbers into a queue, pausing a second or two
after each; another reads them as they arrive, and since its loop never
ends, the parent terminates it once the writer is done. Port of 000
`process2.py`; the Python twin of `src/main.rs`.
"""

import os
import random
import time
from multiprocessing import Process, Queue


def write(q):
    print(f"Process write pid={os.getpid()}")
    for i in range(5):
        q.put(i)
        print(f"Process write {i}")
        time.sleep(random.randint(1, 2))


def read(q):
    print(f"Process read pid={os.getpid()}")
    while True:
        i = q.get(True)
        print(f"Process read {i}")


if __name__ == "__main__":
    print(f"Main Processing pid={os.getpid()}")
    q = Queue()
    writer = Process(target=write, args=(q,))
    # The reader's loop never ends by itself. As a daemon, it goes when the
    # parent does, however the parent leaves (Ctrl-C too), rather than keep
    # the parent waiting for it at exit.
    reader = Process(target=read, args=(q,), daemon=True)
    writer.start()
    reader.start()
    writer.join()
    # The writer is done: stop the reader, and reap it.
    reader.terminate()
    reader.join()
    print("Process end..")
