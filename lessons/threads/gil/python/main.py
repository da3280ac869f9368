"""Busy threads, one per core, measured: under CPython's GIL they take turns,
and never run at the same moment. Follows the seeds' notes on the GIL (000
thread1.py, 003 §2, where N busy threads used 102 % of N cores); stands
beside src/main.rs and measures the same two figures, for one busy thread
and then one per core: CPU time over wall time, and the time two or more
threads were running at once. Under a free-threaded CPython (built with
--disable-gil, PEP 703) there is no GIL, and they run at once.
"""

import os
import threading
import time

# How long each measurement keeps the threads busy, in seconds.
BUSY_FOR = 3

# A gap longer than this (in nanoseconds) between two readings of the clock
# means the thread was not running in between: it was waiting for the GIL,
# or for a core.
GAP = 50_000


def spin(cpu, started, stop, stretches):
    """Computes until told to stop, noting the stretches it was running."""
    # pid 0: the calling thread only. A core each, as the Rust does, so that
    # only the GIL can keep the threads from running at once.
    os.sched_setaffinity(0, {cpu})
    x = 0
    begin = last = time.perf_counter_ns()
    while not stop.is_set():
        for i in range(100):
            x = (x * 31 + i) & 0xFFFF_FFFF_FFFF_FFFF
        now = time.perf_counter_ns()
        if now - last > GAP:
            stretches.append((begin - started, last - started))
            begin = now
        last = now
    stretches.append((begin - started, last - started))


def together(threads):
    """How long two or more of the threads were running at the same moment."""
    # At one instant, a stretch that ends (-1) is counted before one that begins.
    edges = sorted(
        edge
        for stretches in threads
        for begin, end in stretches
        for edge in ((begin, 1), (end, -1))
    )
    running = since = total = 0
    for at, change in edges:
        if running >= 2:
            total += at - since
        running += change
        since = at
    return total


def measure(threads):
    """Runs `threads` busy threads for BUSY_FOR; returns CPU % and together %."""
    cpus = sorted(os.sched_getaffinity(0))
    stop = threading.Event()
    stretches = [[] for _ in range(threads)]
    # Nanosecond counters of real time: CPU time and wall time in one unit.
    cpu_before = time.process_time_ns()
    started = time.perf_counter_ns()
    busy = [
        threading.Thread(target=spin, args=(cpus[i % len(cpus)], started, stop, stretches[i]))
        for i in range(threads)
    ]
    for t in busy:
        t.start()
    time.sleep(BUSY_FOR)
    stop.set()
    for t in busy:
        t.join()
    wall = time.perf_counter_ns() - started
    cpu = time.process_time_ns() - cpu_before
    return round(cpu / wall * 100), round(together(stretches) / wall * 100)


if __name__ == "__main__":
    cores = len(os.sched_getaffinity(0))
    one_cpu, _ = measure(1)
    all_cpu, all_together = measure(cores)
    print(f"1 busy thread: CPU time / wall time = {one_cpu}%")
    print(f"{cores} busy threads: CPU time / wall time = {all_cpu}%")
    print(f"{cores} busy threads: two or more running at the same moment for {all_together}% of the time")
    # Any shared moment at all is what a GIL rules out; 1 % is far above the
    # clock's own noise.
    print(f"threads running at the same moment: {'yes' if all_together >= 1 else 'no'}")
