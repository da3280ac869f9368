"""A generator asks three questions and its caller answers each: `yield`
hands a question out, `send` hands control back. Ports 001 协程 (ask/answer
with yield); the Python twin of `src/main.rs`.
"""


def ask():
    for i in range(1, 4):
        print(f"问题{i}")
        # What the caller sends back is its answer; the asker ignores it.
        yield i
    # No more questions.
    yield None


def answer():
    ask1 = ask()
    # Start the generator: it runs to its first yield and hands out 1.
    i = ask1.send(None)
    while i:
        print(f"回答{i}")
        i = ask1.send(i)


if __name__ == "__main__":
    answer()
