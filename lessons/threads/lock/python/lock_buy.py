"""Ten threads race to buy three items; a lock around the check-and-take
makes exactly three succeed. Ports 001 线程锁 (`with lock:`); stands beside
examples/lock_buy.rs. The seed does not join its buyers (Python waits at
exit anyway); the twin joins them, as the Rust must.
"""

from threading import Lock, Thread

num = 3
lock = Lock()


def buy(i):
    global num
    # The check and the take must happen as one, or two buyers could both
    # see the last item.
    with lock:
        if num > 0:
            num -= 1
            print(f"子线程{i}抢购成功")
        else:
            print(f"子线程{i}抢购失败")


if __name__ == "__main__":
    ts = [Thread(target=buy, args=(i,)) for i in range(10)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
