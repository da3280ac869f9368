"""A thread loops, printing and sleeping, until the main thread sets its
is_stop flag; it notices the next time round and ends. Ports 001 多线程实现 #3
and stands beside src/main.rs, with the Rust's half-second pause before
stop(), so the thread has surely printed once.
"""

import time
from threading import Thread


class Foo(Thread):
    def __init__(self, name):
        super().__init__()
        self.name = name
        self.is_stop = False

    def run(self):
        while not self.is_stop:
            print(f"线程{self.name}")
            time.sleep(1)

    def stop(self):
        self.is_stop = True


if __name__ == "__main__":
    t = Foo(1)
    t.start()
    # Without the pause, stop() could come before the thread's first check,
    # and nothing would print.
    time.sleep(0.5)
    t.stop()
    t.join()
