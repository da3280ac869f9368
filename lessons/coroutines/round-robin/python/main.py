"""Two tasks written as generators take turns: each prints, yields, and waits
for the loop in `main` to resume it. The loop is the scheduler. Ports 004
使用yield简单协程, bounded to three turns each instead of forever; the Python
twin of `src/main.rs`.
"""

import time

# How many turns each task gets, instead of the seed's `while True`.
TURNS = 3


def work(name):
    # The seed writes work1 and work2 out twice; one function, given a name.
    while True:
        print(f"----{name}---")
        yield
        # Blocks the whole thread, not just this generator.
        time.sleep(0.5)


def main():
    w1 = work("work1")
    w2 = work("work2")
    for _ in range(TURNS):
        next(w1)
        next(w2)
    # Both are left paused at their yield; they are closed when collected.


if __name__ == "__main__":
    main()
