"""Ten greenlets try to buy three items. Each sleeps a random time first, so
they arrive in a random order, and the first three to arrive succeed. gevent
runs every greenlet on one thread and switches only where one waits, so the
check-and-take of the stock needs no lock. Ports 001's gevent buying program
(抢购); the Python twin of `src/main.rs`.
"""

import random

import gevent

num = 3


def buy(i):
    global num
    # gevent's sleep lets the other greenlets run; time.sleep would stall them all.
    gevent.sleep(random.random())
    # No wait between the check and the take: no other greenlet can run here.
    if num > 0:
        num -= 1
        print(f"协程{i}抢购成功")
    else:
        print(f"协程{i}抢购失败")


if __name__ == "__main__":
    cl = [gevent.spawn(buy, i) for i in range(10)]
    for c in cl:
        c.join()
