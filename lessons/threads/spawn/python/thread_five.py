"""Five threads, started one after another, each print their number. Ports
001 多线程实现 #1; stands beside examples/thread_five.rs. The seed never joins
them (Python waits at exit anyway); the twin joins them, as the Rust must.
"""

import threading


def foo(name):
    print(f"线程{name}")


if __name__ == "__main__":
    threads = [threading.Thread(target=foo, args=(i,)) for i in range(5)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
