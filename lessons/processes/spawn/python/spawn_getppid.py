"""A child process prints its own pid and its parent's: the parent's pid, seen
from both sides, is the same number. Ports 001 多进程实现 #1; the Python twin of
`examples/spawn_getppid.rs`.
"""

import os
import sys
from multiprocessing import Process


def foo(name):
    print(f"name: {name}")
    print(f"parent process id: {os.getppid()}")
    print(f"sub process id: {os.getpid()}")


if __name__ == "__main__":
    # The seed's code has a full-width colon (：) here, though its printed
    # output shows an ASCII one; we print what the code says.
    print(f"parent process id：{os.getpid()}")
    p = Process(target=foo, args=("bob",))
    p.start()
    p.join()
    if p.exitcode != 0:
        sys.exit(f"child process failed: exit code {p.exitcode}")
