"""The smallest complete child process: start it, wait for it, go on. Ports 003
1.2; the Python twin of `examples/spawn_test.rs`.
"""

import os
import sys
from multiprocessing import Process


def run_proc(name):
    print(f"Run child process {name} ({os.getpid()})")


if __name__ == "__main__":
    print(f"Parent process {os.getpid()}.")
    p = Process(target=run_proc, args=("test",))
    print("Child process will start.")
    p.start()
    p.join()
    if p.exitcode != 0:
        sys.exit(f"child process failed: exit code {p.exitcode}")
    print("Child process end.")
