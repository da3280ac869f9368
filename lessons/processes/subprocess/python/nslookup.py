"""An offline stand-in for `nslookup`, for this lesson's two Python twins:
the course runs offline, so instead of asking a name server it answers from a
fixed table, the seed's own answers, in nslookup's layout. Like nslookup, it
answers a name given on its command line, or reads commands (`set q=mx`, a
name, `exit`) on its standard input. The Rust programs' stand-in, in
`src/lib.rs`, answers from the same table.
"""

import sys

# The stand-in server's answers: (name, query type) -> its lines.
ANSWERS = {
    ("www.python.org", "a"): [
        "Non-authoritative answer:",
        "www.python.org\tcanonical name = dualstack.python.map.fastly.net.",
        "Name:\tdualstack.python.map.fastly.net",
        "Address: 151.101.228.223",
    ],
    ("python.org", "mx"): [
        "Non-authoritative answer:",
        "python.org\tmail exchanger = 50 mail.python.org.",
        "",
        "Authoritative answers can be found from:",
        "mail.python.org\tinternet address = 82.94.164.166",
        "mail.python.org\thas AAAA address 2001:888:2000:d::a6",
    ],
}


def answer(name, query):
    """Prints the stand-in server's answer; False if it has none."""
    print("Server:\t\t127.0.0.1")
    print("Address:\t127.0.0.1#53")
    print()
    lines = ANSWERS.get((name.rstrip("."), query))
    for line in lines or [f"** server can't find {name}: NXDOMAIN"]:
        print(line)
    print()
    return lines is not None


def stand_in(names):
    """nslookup: answers a name given as an argument, or commands on stdin."""
    if len(names) == 1:
        return 0 if answer(names[0], "a") else 1
    if names:
        print("usage: nslookup [name]", file=sys.stderr)
        return 1
    query, found = "a", True
    for line in sys.stdin:
        line = line.strip()
        if line.startswith("set q="):
            query = line.removeprefix("set q=").lower()
        elif line == "exit":
            break
        elif line:
            found = answer(line, query) and found
    return 0 if found else 1


if __name__ == "__main__":
    sys.exit(stand_in(sys.argv[1:]))
