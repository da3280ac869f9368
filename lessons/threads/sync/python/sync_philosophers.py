"""Five philosophers at a round table, a fork between each two, and a
philosopher eats with both neighbouring forks. Each takes the fork on the
left, then the one on the right: if all five take their left fork at the
same moment, each waits for a fork its neighbour holds, in a circle, and
nobody ever eats. The program makes that moment happen (a Barrier), looks
instead of waiting forever (acquire(blocking=False)), then shows the fix:
every philosopher takes the lower-numbered of the two forks first. Goes past
the seeds; stands beside examples/sync_philosophers.rs.
"""

import threading
import time

N = 5
MEALS = 3

forks = [threading.Lock() for _ in range(N)]


def left_then_right(i, table, blocked):
    left, right = i, (i + 1) % N
    with forks[left]:
        # The barrier stands in for bad luck: every philosopher holds the
        # left fork before any reaches for the right one.
        table.wait()
        if forks[right].acquire(blocking=False):
            forks[right].release()
            print(f"philosopher {i} got both forks")
        else:
            print(f"philosopher {i} holds fork {left} and waits for fork {right}")
            blocked[i] = True
        # Nobody lets go until everybody has looked.
        table.wait()


def lower_first(i, meals):
    # Philosopher 4 takes fork 0 before fork 4: the circle is broken.
    first, second = sorted((i, (i + 1) % N))
    for _ in range(MEALS):
        with forks[first]:
            with forks[second]:
                meals[i] += 1
                time.sleep(0.1)


def run(target, *args):
    threads = [threading.Thread(target=target, args=(i, *args)) for i in range(N)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def main():
    print("left fork first, all at the same moment:")
    blocked = [False] * N
    run(left_then_right, threading.Barrier(N), blocked)
    if all(blocked):
        print(f"deadlock: all {N} hold one fork and wait for the next, in a circle")

    print("lower-numbered fork first:")
    meals = [0] * N
    run(lower_first, meals)
    print(f"meals eaten: {meals}")


if __name__ == "__main__":
    main()
