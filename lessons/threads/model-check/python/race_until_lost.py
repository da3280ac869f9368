"""003 2.2's racy balance, run until it loses: the way Python tests a race.

A contrast to threads-model-check, not a twin: it prints what it happened to
see, which varies from run to run, while loom's search prints the same every
time. Two threads each add a sum to the balance and take it away again; a
round is good if the balance ends at 0. The program runs rounds until one is
not, or gives up after ROUNDS and says that proves nothing.
"""

import threading
import time

ROUNDS = 20
TURNS = 100_000

balance = 0


def change_it(n):
    global balance
    balance = balance + n
    balance = balance - n


def run_thread(n):
    for _ in range(TURNS):
        change_it(n)


def one_round():
    global balance
    balance = 0
    t1 = threading.Thread(target=run_thread, args=(5,))
    t2 = threading.Thread(target=run_thread, args=(8,))
    t1.start()
    t2.start()
    t1.join()
    t2.join()
    return balance


start = time.perf_counter()
for r in range(1, ROUNDS + 1):
    end = one_round()
    if end != 0:
        print(f"round {r}: balance = {end}, the race showed after {r * 2 * TURNS} calls of change_it")
        break
else:
    print(f"{ROUNDS} rounds, {ROUNDS * 2 * TURNS} calls of change_it: balance = 0 every time")
    print("that proves nothing: the race is still there, this run never hit it")
print(f"({time.perf_counter() - start:.1f} s of running and hoping)")
