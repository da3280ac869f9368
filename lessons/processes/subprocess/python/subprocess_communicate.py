"""Feeding another program its input on stdin and capturing what it prints,
as if someone had typed the commands into it. Port of 003 1.4
(`Popen.communicate`); the Python twin of
`examples/subprocess_communicate.rs`. The program is the same offline
stand-in for `nslookup` as in `main.py`, `nslookup.py` beside this file.
"""

import os
import subprocess
import sys

# The stand-in beside this file, run by this same Python: `nslookup` offline.
HERE = os.path.dirname(os.path.abspath(__file__))
NSLOOKUP = [sys.executable, os.path.join(HERE, "nslookup.py")]


def nslookup(*args):
    """The command line that runs the stand-in."""
    return [*NSLOOKUP, *args]


if __name__ == "__main__":
    print("$ nslookup")
    p = subprocess.Popen(
        nslookup(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    output, err = p.communicate(b"set q=mx\npython.org\nexit\n")
    print(output.decode("utf-8"))
    print("Exit code:", p.returncode)
