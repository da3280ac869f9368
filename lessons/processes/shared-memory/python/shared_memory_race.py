"""Two processes each add 1 to a counter in shared memory 100000 times.
`counter.value += 1` reads the value, then writes back one more: Value's
lock is taken for the read and again for the write, but not across the two,
so the other process can write in between, and that write is lost. Held
around the whole `+=` with get_lock(), the count is exact. Goes with 002
§4's Value; stands beside examples/shared_memory_race.rs. Unlike threads
under the GIL (threads-race), two processes really run at once, each with
its own interpreter, and lose many updates on every run.
"""

from multiprocessing import Process, Value

PROCESSES = 2
TOTAL = 100_000


def add(counter, times):
    for _ in range(times):
        counter.value += 1


def add_locked(counter, times):
    for _ in range(times):
        with counter.get_lock():
            counter.value += 1


def run(target, counter):
    """Runs `target` in every process from zero, and returns the counter."""
    counter.value = 0
    processes = [Process(target=target, args=(counter, TOTAL)) for _ in range(PROCESSES)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
    return counter.value


if __name__ == "__main__":
    counter = Value("q", 0)
    print(f"{PROCESSES} processes each add 1 to a shared counter {TOTAL} times")
    racy = run(add, counter)
    print(f"read, then write back: {racy}")
    print(f"lost updates: {PROCESSES * TOTAL - racy}")
    print(f"with get_lock(): {run(add_locked, counter)}")
