"""A parent starts five children in a loop but waits only for the last one, so
its final line can come before the other children have printed. Ports 002
§一.2; the Python twin of `examples/spawn_loop.rs`.
"""

import os
import sys
from multiprocessing import Process


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
