"""Each thread binds its student once, and a function deep in its work finds
that student without it being passed down through every call. Ports 003 §3
ThreadLocal; stands beside examples/local_student.rs.
"""

import threading

local_school = threading.local()


def process_student():
    # The student bound by *this* thread.
    std = local_school.student
    print(f"Hello, {std} (in {threading.current_thread().name})")


def process_thread(name):
    local_school.student = name
    process_student()


t1 = threading.Thread(target=process_thread, args=("Alice",), name="Thread-A")
t2 = threading.Thread(target=process_thread, args=("Bob",), name="Thread-B")
t1.start()
t2.start()
t1.join()
t2.join()
