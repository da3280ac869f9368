"""One named thread counts to five, a second apart, while the main thread
waits for it. Ports 003 2.1; stands beside examples/thread_loop.rs. Python
names the main thread MainThread, Rust main.
"""

import threading
import time


def count_to_five():
    print(f"thread {threading.current_thread().name} is running...")
    n = 0
    while n < 5:
        n += 1
        print(f"thread {threading.current_thread().name} >>> {n}")
        time.sleep(1)
    print(f"thread {threading.current_thread().name} ended.")


print(f"thread {threading.current_thread().name} is running...")
t = threading.Thread(target=count_to_five, name="LoopThread")
t.start()
t.join()
print(f"thread {threading.current_thread().name} ended.")
