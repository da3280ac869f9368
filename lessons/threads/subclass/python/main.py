"""Five threads described by a class: Foo holds its name and overrides run(),
which start() calls on a new thread. Ports 001 多线程实现 #2 (class
Foo(Thread)); stands beside src/main.rs. The seed never joins its threads
(Python waits at exit anyway); the twin joins them, as the Rust must.
"""

from threading import Thread


class Foo(Thread):
    def __init__(self, name):
        super().__init__()
        self.name = name

    def run(self):
        print(f"线程{self.name}")


if __name__ == "__main__":
    ts = []
    for i in range(5):
        t = Foo(i)
        t.start()
        ts.append(t)
    for t in ts:
        t.join()
