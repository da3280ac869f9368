"""Three runners meet at a Barrier twice: none runs until all three are at
the start line, and the last one over the finish line is not announced
until all three are there. One thread of each crossing (wait() returns 0 in
exactly one) speaks for all. Goes past the seeds; stands beside
examples/sync_barrier.rs.
"""

import threading

RUNNERS = 3

barrier = threading.Barrier(RUNNERS)


def runner(n):
    print(f"runner {n} is at the start line")
    if barrier.wait() == 0:
        print(f"all {RUNNERS} at the start line: go!")
    print(f"runner {n} finished")
    if barrier.wait() == 0:
        print(f"all {RUNNERS} finished")


def main():
    threads = [threading.Thread(target=runner, args=(n,)) for n in range(RUNNERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


if __name__ == "__main__":
    main()
