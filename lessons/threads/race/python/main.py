"""Two threads each add a sum to a global balance and take it away again, a
million times, with no lock: the racy Python that Rust refuses to compile.
Ports 003 2.2; stands beside src/main.rs, which shows the same race with a
split atomic load and store. The Rust repeats its race until a round shows
it; this twin runs the seed's one round, because CPython 3.11 never switches
threads between the read and the write of `balance = balance + n`, and so
prints 0 however often it runs.
"""

import threading

balance = 0


def change_it(n):
    # Read, add, write back: another thread's write in between would be lost.
    global balance
    balance = balance + n
    balance = balance - n


def run_thread(n):
    for _ in range(1_000_000):
        change_it(n)


t1 = threading.Thread(target=run_thread, args=(5,))
t2 = threading.Thread(target=run_thread, args=(8,))
t1.start()
t2.start()
t1.join()
t2.join()
print(balance)
