"""Two threads described by a class that holds a name and a list of URLs;
run() works through the URLs with random pauses. Ports 002 §二.1.2 (class
myThread(threading.Thread)); stands beside examples/subclass_urls.rs. Python
names the main thread MainThread.
"""

import random
import threading
import time


class MyThread(threading.Thread):
    def __init__(self, name, urls):
        super().__init__(name=name)
        self.urls = urls

    def run(self):
        print(f"Current {threading.current_thread().name} is running...")
        for url in self.urls:
            print(f"{threading.current_thread().name}---->>> {url}")
            time.sleep(random.random())
        print(f"{threading.current_thread().name} ended.")


print(f"{threading.current_thread().name} is running...")
t1 = MyThread(name="Thread_1", urls=["url_1", "url_2", "url_3"])
t2 = MyThread(name="Thread_2", urls=["url_4", "url_5", "url_6"])
t1.start()
t2.start()
t1.join()
t2.join()
print(f"{threading.current_thread().name} ended.")
