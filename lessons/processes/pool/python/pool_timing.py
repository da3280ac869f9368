"""Four workers, five tasks of random length: tasks 0 to 3 start at once and
task 4 waits for the first free worker; each task reports how long it ran.
Ports 003 1.3 (Pool(4)); the Python twin of `examples/pool_timing.rs`.
"""

import os
import random
import time
from multiprocessing import Pool


def long_time_task(name, seconds):
    print(f"Run task {name} ({os.getpid()})...")
    start = time.perf_counter()
    time.sleep(seconds)
    print(f"Task {name} runs {time.perf_counter() - start:.2f} seconds.")


if __name__ == "__main__":
    print(f"Parent process {os.getpid()}.")
    p = Pool(4)
    # random.random() * 3 for each task, drawn here in the parent: a forked
    # worker's random is reseeded from the OS, so a seed fixes the lengths
    # only if the parent draws them, whichever worker then runs the task.
    tasks = [
        p.apply_async(long_time_task, args=(i, random.random() * 3)) for i in range(5)
    ]
    print("Waiting for all subprocesses done...")
    p.close()
    p.join()
    # A task that raised keeps its exception in its result; get() raises it here.
    for task in tasks:
        task.get()
    print("All subprocesses done.")
