"""A reader takes values from a queue until one is falsy: the values 1, '0',
False and 1.1 make it print 1 and 0, then stop at False. Port of 001
进程间通信 (the `while val:` reader); the Python twin of
`examples/queue_sentinel.rs`.
"""

from multiprocessing import Process, Queue


def foo(q):
    val = q.get()
    # '0' is a non-empty string, so it is true; False ends the loop.
    while val:
        print(val)
        val = q.get()


if __name__ == "__main__":
    q = Queue()
    p = Process(target=foo, args=(q,))
    p.start()
    # put() never learns that the reader has stopped: 1.1 is queued all the
    # same, and nobody ever reads it.
    for val in [1, "0", False, 1.1]:
        q.put(val)
    p.join()
