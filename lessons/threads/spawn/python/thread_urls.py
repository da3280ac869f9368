"""Two named threads each work through three URLs, pausing a random time
after each, while the main thread waits for both. Ports 002 §二.1.1; stands
beside examples/thread_urls.rs. Python names the main thread MainThread.
"""

import random
import threading
import time


def thread_run(urls):
    print(f"Current {threading.current_thread().name} is running...")
    for url in urls:
        print(f"{threading.current_thread().name}---->>> {url}")
        time.sleep(random.random())
    print(f"{threading.current_thread().name} ended.")


print(f"{threading.current_thread().name} is running...")
t1 = threading.Thread(target=thread_run, name="Thread_1", args=(["url_1", "url_2", "url_3"],))
t2 = threading.Thread(target=thread_run, name="Thread_2", args=(["url_4", "url_5", "url_6"],))
t1.start()
t2.start()
t1.join()
t2.join()
print(f"{threading.current_thread().name} ended.")
