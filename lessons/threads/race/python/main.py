"""Two threads each add a sum to a global balance and take it away again, a
million times, with no lock: the racy Python that Rust refuses to compile.
Ports 003 2.2; stands beside src/main.rs, which shows the same race with a
split atomic load and store. Like the Rust, it repeats its race until a round
shows it, but up to 5 rounds, not 100: a Python round takes a few tenths of
a second. Under the GIL no round ever shows it, since CPython never switches
threads between the read and the write of `balance = balance + n`, and it
prints 0; free-threaded, the threads run at once and the first round shows it.
"""

import threading

# How many rounds to try before concluding that the race does not show.
MAX_ROUNDS = 5

balance = 0


def change_it(n):
    # Read, add, write back: another thread's write in between would be lost.
    global balance
    balance = balance + n
    balance = balance - n


def run_thread(n):
    for _ in range(1_000_000):
        change_it(n)


for _ in range(MAX_ROUNDS):
    balance = 0
    t1 = threading.Thread(target=run_thread, args=(5,))
    t2 = threading.Thread(target=run_thread, args=(8,))
    t1.start()
    t2.start()
    t1.join()
    t2.join()
    if balance != 0:
        break
print(balance)
