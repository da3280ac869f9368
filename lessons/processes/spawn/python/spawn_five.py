"""Five child processes start one after another and run at the same time; the
parent waits for them only after starting the last. Ports 001 多进程实现 #2;
the Python twin of `examples/spawn_five.rs`.
"""

import sys
from multiprocessing import Process


def foo(num):
    print(num)


if __name__ == "__main__":
    mp = []
    for i in range(5):
        p = Process(target=foo, args=(i,))
        mp.append(p)
        p.start()
        # p.join() here would wait for each child before starting the next.
    for p in mp:
        p.join()
    if any(p.exitcode != 0 for p in mp):
        sys.exit("a child process failed")
