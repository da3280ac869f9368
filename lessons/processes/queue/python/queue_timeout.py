"""A producer process puts six products on a queue at once; a consumer takes
one every half second, and when nothing has come for three seconds it gives
up and leaves. Port of 004 进程通信; the Python twin of
`examples/queue_timeout.rs`.
"""

import multiprocessing
import queue
import time


def profunc(pro):
    # The seed's counter is a global, but each process has its own globals
    # anyway: a local says so.
    num = 0
    while True:
        num += 1
        pro.put(num)
        print(f"生产就完了。{multiprocessing.current_process().name}")
        if num > 5:
            break


def profunction(pro):
    while True:
        try:
            production = pro.get(timeout=3)
        except queue.Empty:  # the timeout, and nothing else, ends the consumer
            print("不生产了，散了散了")
            return  # the seed's quit(): returning ends this process as well
        name = multiprocessing.current_process().name
        print(f"刚从生产线哪里抢到了{production}，{name}")
        time.sleep(0.5)


if __name__ == "__main__":
    proqueue = multiprocessing.Queue(24)  # at most 24 products waiting
    pro1 = multiprocessing.Process(
        target=profunc, name="I am process one.", args=(proqueue,)
    )
    pro2 = multiprocessing.Process(
        target=profunction, name="I am process two.", args=(proqueue,)
    )
    pro1.start()
    pro2.start()
    pro1.join()
    pro2.join()
