"""A parent starts five children in a loop but waits only for the last one, so
its final line can come before the other children have printed. Ports 002
§一.2; the Python twin of `examples/spawn_loop.rs`.
"""

import os
import sys
from multiprocessing import Process

# Each line goes out whole when it ends, as Rust's println! does. Unbuffered
# (python -u), print() writes a line's text and its newline separately, and a
# child's line and the parent's next one could end up on one line.
sys.stdout.reconfigure(line_buffering=True, write_through=False)


def run_proc(name):
    print(f"Child process {name} ({os.getpid()}) Running...")


if __name__ == "__main__":
    print(f"Parent Process {os.getpid()}.")
    started = []
    for i in range(5):
        p = Process(target=run_proc, args=(str(i),))
        print("Process will start")
        p.start()
        started.append(p)
    # As in the seed: after the loop, p is only the last child.
    p.join()
    print("Process end.")
    # Python would wait for the other four at exit anyway; joining them here,
    # as the Rust does, lets the parent see whether any of them failed.
    for p in started:
        p.join()
    if any(p.exitcode != 0 for p in started):
        sys.exit("a child process failed")
