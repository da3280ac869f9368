"""os.fork() once more, with the child asking for its parent's pid. Ports 003
1.1; the Python twin of `examples/fork_getppid.rs`. The first line prints
os.getppid(): the pid of whatever started this program (a shell), not its own.
Unlike the seed, the parent waits for its child.
"""

import os

if __name__ == "__main__":
    print(f"Process ({os.getppid()}) start...")
    pid = os.fork()
    if pid == 0:
        print(f"I am child process ({os.getpid()}) and my parent is {os.getppid()}.")
    else:
        print(f"I ({os.getpid()}) just created a child process ({pid}).")
        # Waiting reaps the child, and keeps the parent alive while the child
        # asks for its pid (an orphan would name init, 1, as its parent).
        os.waitpid(pid, 0)
