"""Two threads each store a name in a thread-local, then call a function
that reads it back without being passed anything: each finds its own name.
Ports 000 thread3.py; stands beside src/main.rs.
"""

import threading

# One global, but every thread that sets .name sets its own copy.
thread_local = threading.local()


def process():
    print(f"{thread_local.name}")


def run(name):
    thread_local.name = name
    process()


t1 = threading.Thread(target=run, args=("Jack",))
t2 = threading.Thread(target=run, args=("Jim",))
t1.start()
t2.start()
t1.join()
t2.join()
