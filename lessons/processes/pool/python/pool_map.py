"""Pool.map: a function applied to every item of a range by five worker
processes, the range cut into chunks, whole chunks to each worker. Ports 001
Pool(5).map; the Python twin of `examples/pool_map.rs`. map() cuts the 100
items into chunks of 5 (100 over four times the workers, rounded up).
"""

import sys
from multiprocessing import Pool

# Each line goes out whole when it ends, as Rust's println! does. Unbuffered
# (python -u), print() writes a line's text and its newline separately, and
# another worker's line could fall in between.
sys.stdout.reconfigure(line_buffering=True, write_through=False)


def foo(num):
    print(num)


if __name__ == "__main__":
    with Pool(5) as p:
        p.map(foo, range(100))
