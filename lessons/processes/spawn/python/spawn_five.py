"""Five child processes start one after another and run at the same time; the
parent waits for them only after starting the last. Ports 001 多进程实现 #2;
the Python twin of `examples/spawn_five.rs`.
"""

import sys
from multiprocessing import Process

# Each line goes out whole when it ends, as Rust's println! does. Unbuffered
# (python -u), print() writes a line's text and its newline separately, and
# another child's line could fall in between.
sys.stdout.reconfigure(line_buffering=True, write_through=False)


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
