"""Threads that work on the caller's own list: four threads square their
quarter of a million numbers in place, then four threads sum their quarters.
A ThreadPoolExecutor's threads share the list, so nothing is copied; under
the GIL they take turns, so a CPU-bound Python program would use processes
and copy each quarter to them instead. Goes past the seeds; stands beside
examples/parallel_scope.rs, where scoped threads borrow the vector.
"""

from concurrent.futures import ThreadPoolExecutor

N = 1_000_000
PARTS = 4


def main():
    numbers = list(range(1, N + 1))
    size = N // PARTS
    parts = [range(k * size, (k + 1) * size) for k in range(PARTS)]

    def square(part):
        # Each thread writes only its own indices of the shared list.
        for i in part:
            numbers[i] *= numbers[i]
        return len(part)

    def total(part):
        return sum(numbers[part.start : part.stop])

    with ThreadPoolExecutor(max_workers=PARTS) as executor:
        squared = list(executor.map(square, parts))
    print(f"{PARTS} threads squared their parts in place: {squared}")
    with ThreadPoolExecutor(max_workers=PARTS) as executor:
        sums = list(executor.map(total, parts))
    print(f"{PARTS} threads summed their parts: {sums}")
    print(f"the sum of the squares of 1 to {N}: {sum(sums)}")
    # The threads are done with the list, and it is still the caller's.
    print(f"the list is still here: {len(numbers)} numbers, the last {numbers[-1]}")


if __name__ == "__main__":
    main()
