"""os.fork() is called once and returns twice: in the parent it returns the new
child's pid, in the child 0, and each process goes down its own branch. Ports
002 §一.1; the Python twin of `src/main.rs`. Unlike the seed, the parent waits
for its child, so no zombie is left behind.
"""

import os
import sys

if __name__ == "__main__":
    # As in the seed, the values are passed to print() as extra arguments, not
    # formatted into the %s: Python prints the %s as it is, then the values.
    print("current Process (%s) start ...", os.getpid())
    try:
        pid = os.fork()
    except OSError as err:
        # Where C's fork returns -1, Python's raises.
        print("error in fork")
        sys.exit(f"fork failed: {err}")
    if pid == 0:
        print(
            "I am child process(%s) and my parent process is (%s)",
            (os.getpid(), os.getppid()),
        )
    else:
        print("I (%s) created a child process (%s).", (os.getpid(), pid))
        # Reap the child: until then it stays in the process table as a zombie.
        os.waitpid(pid, 0)
