"""A CPU-bound job spread over every core: is each of six large numbers a
prime? The example of the concurrent.futures documentation, as a Python
programmer writes it: the GIL lets one thread compute at a time, so the work
goes to a ProcessPoolExecutor, one interpreter per core, and `map` hands back
the answers in the order of the numbers. Goes past the seeds; stands beside
src/main.rs, where rayon's parallel iterator does the same on threads.
"""

import math
from concurrent.futures import ProcessPoolExecutor

PRIMES = [
    112272535095293,
    112582705942171,
    112272535095293,
    115280095190773,
    115797848077099,
    1099726899285419,
]


def is_prime(n):
    """Trial division by every odd number up to the square root: pure CPU."""
    if n < 2:
        return False
    if n == 2:
        return True
    if n % 2 == 0:
        return False
    for i in range(3, math.isqrt(n) + 1, 2):
        if n % i == 0:
            return False
    return True


def main():
    # One worker process per core; each number is pickled to a worker and
    # its answer pickled back.
    with ProcessPoolExecutor() as executor:
        answers = list(executor.map(is_prime, PRIMES))
    for number, prime in zip(PRIMES, answers):
        print(f"{number} is prime: {prime}")
    print(f"{answers.count(True)} of {len(PRIMES)} are prime")


if __name__ == "__main__":
    main()
