"""A producer thread puts an item on a queue once a second; two consumer
threads take turns taking them off. Ports 004 线程通信 and stands beside
src/main.rs. As there, the producer makes four items instead of looping
forever, and the program runs as the seed means (its own text does not run:
a loop left unindented, th3.staet()). The Rust closes its channel to say "no
more"; a queue.Queue cannot, so the producer ends with one None per consumer.
"""

import queue
import threading
import time

# How many items the producer makes, instead of forever.
ITEMS = 4
CONSUMERS = 2

line = queue.Queue()
num = 1  # never changed, so every item is a 1


def produce():
    for _ in range(ITEMS):
        line.put(num)
        print("producing something")
        time.sleep(1)
    for _ in range(CONSUMERS):
        line.put(None)


def consume():
    while True:
        getthing = line.get()
        if getthing is None:
            break
        print(f"拿到了！！！我拿到了：{getthing}")
        time.sleep(1)


def main():
    th1 = threading.Thread(target=produce, name="thread1")
    th2 = threading.Thread(target=consume, name="thread2")
    th3 = threading.Thread(target=consume, name="thread3")
    for t in (th1, th2, th3):
        t.start()
    for t in (th1, th2, th3):
        t.join()


if __name__ == "__main__":
    main()
