"""A process described by a class: Foo subclasses Process, keeps its name and
overrides run(), which start() calls in a child process. Ports 001 多进程实现
#3 (class Foo(Process)); the Python twin of `src/main.rs`, where a struct and a
trait stand in for the subclass.
"""

import os
import sys
from multiprocessing import Process


class Foo(Process):
    def __init__(self, name):
        super().__init__()
        self.name = name

    def run(self):
        print(f"name: {self.name}")
        print(f"sub process: {os.getpid()}")


if __name__ == "__main__":
    print(f"parent process: {os.getpid()}")
    p = Foo("bob")
    p.start()
    # The seed never joins, and Python waits for the child at exit; joining
    # here, as the Rust must, also tells us whether the child failed.
    p.join()
    if p.exitcode != 0:
        sys.exit(f"child process failed: exit code {p.exitcode}")
