"""A producer thread raises a global counter to three; when it is done, a
consumer thread takes it back to zero, both printing it before and after.
Ports 001 线程间通信; stands beside src/main.rs. The consumer is joined too,
as the Rust must; Python would wait for it at exit anyway.
"""

import threading

num = 0


def producer():
    global num
    print(f"生产前数量 : {num}")
    for _ in range(3):
        num += 1
    print(f"生产后数量 : {num}")


def consumer():
    global num
    print(f"消费前数量 : {num}")
    for _ in range(num):
        num -= 1
    print(f"消费后数量 : {num}")


if __name__ == "__main__":
    # A plain global, no lock: the producer has finished before the consumer
    # starts. Rust cannot know that, and asks for Arc<Mutex<_>>.
    t1 = threading.Thread(target=producer)
    t1.start()
    t1.join()
    t2 = threading.Thread(target=consumer)
    t2.start()
    t2.join()
