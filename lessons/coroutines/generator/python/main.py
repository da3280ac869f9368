"""A producer hands five products to a consumer generator one at a time and
reads back its answer each time: producer and consumer on one thread, no lock.
Ports coroutine1.py of the core tutorial (000); the Python twin of
`src/main.rs`.
"""


def consumer():
    r = ""
    while True:
        # Hand r to the producer and pause; wake up with what it sends.
        n = yield r
        if not n:
            return
        print(f"[CONSUMER] Consuming {n}...")
        r = "200 OK"


def produce(c):
    # A new generator must run to its first yield before it can take a value.
    c.send(None)
    n = 0
    while n < 5:
        n += 1
        print(f"[PRODUCER] Producing {n}...")
        r = c.send(n)
        print(f"[PRODUCER] Consumer return: {r}")
    # Raises GeneratorExit at the paused yield: the consumer ends there.
    c.close()


produce(consumer())
