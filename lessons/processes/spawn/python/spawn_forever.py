"""Two named child processes print at their own pace, one every second and one
every two seconds, side by side. Ports 004 创建进程, whose children loop forever;
here, as in the Rust, each stops after five seconds and the parent waits for
both. The Python twin of `examples/spawn_forever.rs`.
"""

import sys
import time
from multiprocessing import Process, current_process

RUN_FOR = 5  # seconds the children run, instead of forever


def profunc():
    for _ in range(RUN_FOR + 1):
        print(f"I'm running.{current_process().name}")
        time.sleep(1)


def profunction():
    for _ in range(RUN_FOR // 2 + 1):
        print(f"I'm o98k.{current_process().name}")
        time.sleep(2)


def main():
    pro1 = Process(target=profunc, name="I am process one.")
    pro2 = Process(target=profunction, name="I am process two.")
    pro1.start()
    pro2.start()
    # The seed returns here and Python waits for the children at exit; joining
    # them ourselves lets us see whether either failed.
    pro1.join()
    pro2.join()
    if pro1.exitcode != 0 or pro2.exitcode != 0:
        sys.exit("a child process failed")


if __name__ == "__main__":
    main()
