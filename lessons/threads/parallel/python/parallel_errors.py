"""Tasks that can fail: four threads each average a group of numbers, and
one group is empty. The failing task's exception does not vanish: its
Future keeps it, and `result()` raises it again in the thread that asks;
`as_completed` hands over the futures as they finish. Goes past the seeds;
stands beside examples/parallel_errors.rs, where a thread's panic comes back
from `join` as an `Err`.
"""

from concurrent.futures import ThreadPoolExecutor, as_completed

GROUPS = {
    "a": [3, 5, 7],
    "b": [10, 20],
    "c": [],
    "d": [1, 2, 3, 4],
}


def average(values):
    # An empty group divides by zero.
    return sum(values) // len(values)


def main():
    print(f"averaging {len(GROUPS)} groups on {len(GROUPS)} threads, one group empty")
    with ThreadPoolExecutor(max_workers=len(GROUPS)) as executor:
        futures = {executor.submit(average, values): name for name, values in GROUPS.items()}
        for future in as_completed(futures):
            name = futures[future]
            try:
                print(f"group {name}: average {future.result()}")
            except ZeroDivisionError as err:
                print(f"group {name} failed: {err}")
    print("every task is accounted for")


if __name__ == "__main__":
    main()
