"""Five threads each add 1 to a global counter 100000 times: first with a
plain `num += 1`, then with a Lock around it. Ports 001 GIL机制; stands
beside examples/race_gil.rs, whose exact version is an atomic fetch_add. Like
the Rust, it repeats its racy round until it loses updates, up to 100 rounds
(a few seconds): under the GIL `num += 1` in this loop never loses one, and it
prints the full count; free-threaded, a round loses many, unless the machine
is so busy that each thread's short run fits between two of its other work.
"""

from threading import Lock, Thread

THREADS = 5
TOTAL = 100_000
# How many racy rounds to try before concluding that the race does not show.
MAX_ROUNDS = 100

num = 0
lock = Lock()


def inc(total):
    # `num += 1` is a read, then a separate write of one more.
    global num
    while total:
        num += 1
        total -= 1


def inc_locked(total):
    global num
    while total:
        with lock:
            num += 1
        total -= 1


def run(target):
    """Runs `target` on five threads from zero and returns the counter."""
    global num
    num = 0
    ts = [Thread(target=target, args=(TOTAL,)) for _ in range(THREADS)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return num


if __name__ == "__main__":
    expected = THREADS * TOTAL
    for _ in range(MAX_ROUNDS):
        racy = run(inc)
        if racy < expected:
            break
    print(f"split load and store: num 值为：{racy}")
    print(f"lost updates: {expected - racy}")
    print(f"with lock: num 值为：{run(inc_locked)}")
