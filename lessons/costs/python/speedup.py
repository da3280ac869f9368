"""One CPU-bound job split over every core, as a speed-up over one core, in
Python's two ways to use several cores. The Python side of `costs-speedup`.

The job sums SplitMix64's mixing of every number of a range: pure
computation, nothing to wait for. Done whole on one core, then split over one
thread per core (`threading`), then over a pool of one process per core
(`concurrent.futures.ProcessPoolExecutor`): the speed-up is the first time
over the second. Under the default build the GIL lets one thread run Python
code at a time, so the threads take turns; processes each have their own.
Run by the free-threaded build (`cargo xtask python --free-threaded`), whose
threads run at once, it measures its threads alone.
"""

import concurrent.futures
import multiprocessing
import os
import sys
import threading
import time

from harness import Options, die_with_parent, speedup, speedup_record

MASK = (1 << 64) - 1


def mix(i):
    """SplitMix64's mixing of one number: multiplications and shifts."""
    z = (i + 0x9E3779B97F4A7C15) & MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def job(start, stop):
    """The job, or a slice of it: the mixed numbers of range(start, stop), summed."""
    total = 0
    for i in range(start, stop):
        total = (total + mix(i)) & MASK
    return total


def slices(n, workers):
    step = -(-n // workers)
    return [(w * step, min((w + 1) * step, n)) for w in range(workers)]


class Checked:
    """The whole job's answer, which every split must give too."""

    def __init__(self):
        self.size = self.answer = None

    def whole(self, n):
        started = time.perf_counter()
        self.size, self.answer = n, job(0, n)
        return time.perf_counter() - started

    def check(self, n, total):
        if n == self.size and total != self.answer:
            raise RuntimeError(f"the split job summed to {total}, the whole one to {self.answer}")


def over_threads(checked, workers):
    def split(n):
        parts = [0] * workers

        def run(w, start, stop):
            parts[w] = job(start, stop)

        started = time.perf_counter()
        threads = [threading.Thread(target=run, args=(w, *s)) for w, s in enumerate(slices(n, workers))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        total = sum(parts) & MASK
        took = time.perf_counter() - started
        checked.check(n, total)
        return took
    return split


def over_processes(checked, pool, workers):
    def split(n):
        started = time.perf_counter()
        starts, stops = zip(*slices(n, workers))
        total = sum(pool.map(job, starts, stops)) & MASK
        took = time.perf_counter() - started
        checked.check(n, total)
        return took
    return split


def main():
    options = Options(sys.argv[1:])
    plan = options.plan
    workers = len(os.sched_getaffinity(0))
    options.heading("one CPU-bound job split over every core: speed-up over one core, median (p10 .. p90);"
                    f" the ideal is {workers}× on {workers} cores")
    checked = Checked()
    version = ".".join(map(str, sys.version_info[:3]))
    if not getattr(sys, "_is_gil_enabled", lambda: True)():
        options.report(speedup_record(
            "free-threaded thread",
            f"threading.Thread, one per core, each summing a slice (Python {version}, free-threaded build)",
            speedup(plan, checked.whole, over_threads(checked, workers)), workers))
        return
    options.report(speedup_record(
        "thread", f"threading.Thread, one per core, each summing a slice (Python {version}, GIL)",
        speedup(plan, checked.whole, over_threads(checked, workers)), workers))
    fork = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=fork, initializer=die_with_parent) as pool:
        options.report(speedup_record(
            "pool", "concurrent.futures.ProcessPoolExecutor, one process per core, a slice each (fork)",
            speedup(plan, checked.whole, over_processes(checked, pool, workers)), workers))


if __name__ == "__main__":
    main()
