"""The members of a Process object, one by one: name, daemon, pid, is_alive,
kill, terminate, exitcode and close. Ports 001 子进程对象成员; the Python twin
of `src/main.rs`. Unlike the seed, the parent waits for the killed child before
reading exitcode, so it prints -9 (not None) and close() no longer raises.
"""

import time
from multiprocessing import Process


def foo(x):
    # The child takes a second to get ready, so the parent's kill always lands
    # before it prints; in the seed the two raced.
    time.sleep(1)
    print(x)


if __name__ == "__main__":
    p = Process(name="demo", target=foo, args=(1,))
    p.daemon = True  # the child must not outlive its parent
    p.start()
    print(p.name)
    print(p.pid)
    print(p.is_alive())
    p.kill()  # SIGKILL, which the child cannot catch
    p.terminate()  # SIGTERM, still delivered: the child is dying but not reaped
    # Read at once, exitcode would still be None: the child has not been reaped.
    # join() reaps it; killed by signal 9, its exitcode is -9.
    p.join()
    print(p.exitcode)
    # Allowed now that the child is reaped; before, it raised ValueError.
    p.close()
