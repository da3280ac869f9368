"""Pool.map: a function applied to every item of a range by five worker
processes, the range cut into chunks, whole chunks to each worker. Ports 001
Pool(5).map; the Python twin of `examples/pool_map.rs`. map() cuts the 100
items into chunks of 5 (100 over four times the workers, rounded up).
"""

from multiprocessing import Pool


def foo(num):
    print(num)


if __name__ == "__main__":
    with Pool(5) as p:
        p.map(foo, range(100))
