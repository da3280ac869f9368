"""The main thread waits for one thread with join(), asks is_alive(), then
starts a daemon thread and ends without waiting: the daemon dies with the
process, mid-sleep, before it can print. Ports 001 多线程实现 #4; stands
beside src/main.rs.
"""

import time
from threading import Thread


def foo(num):
    time.sleep(1)
    print(f"子线程{num}执行")


if __name__ == "__main__":
    print("主线程开始")
    t = Thread(target=foo, args=(1,))
    t.start()
    print("子线程 1 阻塞")
    t.join()  # blocks the main thread
    print(f"子线程 1 是否存活: {t.is_alive()}")
    # Python waits at exit for every thread except a daemon; in Rust every
    # thread is one.
    t2 = Thread(target=foo, args=(2,))
    t2.daemon = True
    t2.start()
    print("主线程结束")
