"""Two threads count a global number up to 4 under one RLock, each turn
printing what it saw when it took the lock and what it left when it let go.
Ports 002 §二.2 and stands beside src/main.rs. As there, the printing helper
report() takes the lock again while the turn holds it, the case an RLock
exists for, and both threads are joined.
"""

import threading

mylock = threading.RLock()
num = 0


def report(what):
    # A second acquire by the thread that holds the lock: an RLock counts it,
    # a plain Lock would wait for itself forever.
    with mylock:
        print(f"{threading.current_thread().name} {what},Number:{num}")


class MyThread(threading.Thread):
    def run(self):
        global num
        while True:
            mylock.acquire()
            report("locked")
            if num >= 4:
                mylock.release()
                report("released")
                break
            num += 1
            report("released")
            mylock.release()


if __name__ == "__main__":
    t1 = MyThread(name="Thread_1")
    t2 = MyThread(name="Thread_2")
    t1.start()
    t2.start()
    t1.join()
    t2.join()
