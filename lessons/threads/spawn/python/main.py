"""One named thread runs a loop five times, a second apart, while the main
thread waits for it; both say their names. Ports 000 thread1.py; stands
beside src/main.rs. Python names the main thread MainThread, Rust main.
"""

import threading
import time


def loop_five():
    print(f"thread {threading.current_thread().name} is begin...")
    for _ in range(5):
        print(f"thread {threading.current_thread().name} is running...")
        time.sleep(1)
    print(f"thread {threading.current_thread().name} is end...")


t = threading.Thread(target=loop_five, name="LoopThread")
t.start()
t.join()
print(f"thread {threading.current_thread().name} is end...")
