"""A parent process runs one function in two child processes and waits for
both; every process prints its own pid. Ports process1.py of the core tutorial
(000); the Python twin of `src/main.rs`.
"""

import os
import sys
from multiprocessing import Process


def process(name):
    print(f"Processing {name} pid={os.getpid()}")


if __name__ == "__main__":
    print(f"Main Processing pid={os.getpid()}")
    p1 = Process(target=process, args=("proc1",))
    p2 = Process(target=process, args=("proc2",))
    p1.start()
    p2.start()
    # join() waits for the child and reaps it; its exitcode then says how it
    # ended, so a failed child is reported instead of ignored.
    for p in (p1, p2):
        p.join()
        if p.exitcode != 0:
            sys.exit(f"child process {p.name} failed: exit code {p.exitcode}")
    print("Process end..")
