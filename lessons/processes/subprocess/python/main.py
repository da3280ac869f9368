"""Running another program and waiting for it: its output goes straight to
the terminal, and what comes back is its exit code. Port of 003 1.3
(`subprocess.call`); the Python twin of `src/main.rs`. Offline, the program
is a stand-in for `nslookup`, `nslookup.py` beside this file, run by the same
Python: it answers from a fixed table, the seed's own answers.
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
    # The child writes to the same stdout: flush ours first, so this line
    # comes before its answer even when stdout is a file or a pipe.
    print("$ nslookup www.python.org", flush=True)
    r = subprocess.call(nslookup("www.python.org"))
    print("Exit code:", r)
