"""Two threads each add a number to a global total and take it away again,
ten thousand times, under a lock: the total ends where it began. Ports 000
thread2.py; stands beside src/main.rs, where the number lives inside its
Mutex and the guard's scope does what try/finally does here.
"""

import threading

num = 0
# The lock guards num only because every function remembers to take it.
num_lock = threading.Lock()


def change(n):
    global num
    num_lock.acquire()
    try:
        num = num + n
        num = num - n
    finally:
        num_lock.release()


def run(n):
    for _ in range(10_000):
        change(n)


print("begin num:", num)
t1 = threading.Thread(target=run, args=(1,))
t2 = threading.Thread(target=run, args=(2,))
t1.start()
t2.start()
t1.join()
t2.join()
print("end num:", num)
