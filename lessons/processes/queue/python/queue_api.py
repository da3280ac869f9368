"""A queue that holds at most three items: full after three puts, three
items long, handed back in order, empty again. Port of 001 进程间通信
(`Queue(3)`); the Python twin of `examples/queue_api.rs`. Python calls
`full()`, `qsize()` and `empty()` approximate (another process, or the
queue's own feeder thread, can change the answer at any moment); in this
sequence they give the seed's answers.
"""

from multiprocessing import Queue

q = Queue(3)
for item in (1, 2, 3):
    q.put(item)
print(q.full())
print(q.qsize())
for _ in range(3):
    print(q.get())
print(q.empty())
