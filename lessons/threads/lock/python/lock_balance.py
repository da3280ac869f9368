"""The balance race of threads-race, with a lock: two threads add and take
away a sum a hundred thousand times each, and the balance ends at 0. Ports
003 2.3, whose changed run_thread takes the lock around each change_it (the
rest is 003 2.2's program); stands beside examples/lock_balance.rs.
"""

import threading

balance = 0
lock = threading.Lock()


def change_it(n):
    global balance
    balance = balance + n
    balance = balance - n


def run_thread(n):
    for _ in range(100_000):
        lock.acquire()
        try:
            change_it(n)
        finally:
            # Released however change_it ends, or the other thread waits forever.
            lock.release()


t1 = threading.Thread(target=run_thread, args=(5,))
t2 = threading.Thread(target=run_thread, args=(8,))
t1.start()
t2.start()
t1.join()
t2.join()
print(balance)
