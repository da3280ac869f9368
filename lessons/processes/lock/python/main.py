"""Ten buyer processes race for three items whose stock is kept in a file;
each takes a lock with `acquire()` before it reads the stock and gives it
back with `release()` after it writes, so exactly three succeed. Port of 001
进程锁 (the `acquire()`/`release()` form); the Python twin of `src/main.rs`.
As there, the stock file is created (the seed never creates it) in a
temporary folder removed on every way out, and the books are checked.
"""

import os
import signal
import sys
import tempfile
from multiprocessing import Lock, Process, Value

STOCK = 3
BUYERS = 10


def buy(i, lock, product, sold):
    lock.acquire()
    # try/finally: a buyer that fails while holding the lock must still
    # release it, or every other buyer would wait for it forever.
    try:
        with open(product) as fr:
            num = int(fr.read())
        if num > 0:
            num -= 1
            with sold.get_lock():
                sold.value += 1
            print(f"子进程{i}抢购成功！")
        else:
            print(f"子进程{i}抢购失败！")
        with open(product, "w") as fw:
            fw.write(str(num))
    finally:
        lock.release()


def stop(signum, frame):
    # SIGTERM and SIGHUP would end Python without unwinding: as an exception
    # they leave through the `with` below, which removes the folder.
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGHUP, stop)
    with tempfile.TemporaryDirectory() as folder:
        product = os.path.join(folder, "product")
        with open(product, "w") as f:
            f.write(str(STOCK))
        lock = Lock()
        sold = Value("i", 0)  # the books: sales counted apart from the stock file
        buyers = [
            Process(target=buy, args=(i, lock, product, sold)) for i in range(BUYERS)
        ]
        for p in buyers:
            p.start()
        for p in buyers:
            p.join()
        with open(product) as f:
            left = int(f.read())
    failed = [i for i, p in enumerate(buyers) if p.exitcode != 0]
    if failed:
        sys.exit(f"buyers {failed} failed")
    if sold.value != STOCK or left != 0:
        sys.exit(
            f"the books are wrong: {sold.value} sold and {left} left, "
            f"from a stock of {STOCK}"
        )
