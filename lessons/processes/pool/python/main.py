"""Five tasks, three worker processes: the first three tasks start at once, and
each of the other two waits for a free worker, then runs in that same process
(the same pid comes back). Ports 002 §一.3 (Pool(processes=3) with
apply_async); the Python twin of `src/main.rs`.
"""

import os
import random
import time
from multiprocessing import Pool


def run_task(name, seconds):
    print(f"Task {name} (pid={os.getpid()}) is Running...")
    time.sleep(seconds)
    print(f"Task {name} end.")


if __name__ == "__main__":
    print(f"Current Process {os.getpid()}.")
    p = Pool(processes=3)
    # random.random() * 3 for each task, drawn here in the parent: a forked
    # worker's random is reseeded from the OS, so a seed fixes the lengths
    # only if the parent draws them, whichever worker then runs the task.
    tasks = [p.apply_async(run_task, args=(i, random.random() * 3)) for i in range(5)]
    print("Waiting for all subprocesses done...")
    p.close()
    p.join()
    # A task that raised keeps its exception in its result; get() raises it
    # here, so the failure is not lost.
    for task in tasks:
        task.get()
    print("All subprocess done.")
