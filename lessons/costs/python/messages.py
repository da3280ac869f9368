"""Message round trip and throughput between two units, in each of Python's
models: multiprocessing.Pipe between processes, queue.Queue between threads,
asyncio.Queue between tasks, and gevent's Queue between greenlets when gevent
is installed.

The Python side of `costs-messages`: an odd number asks for an echo, an even
one is counted, and END asks for the count. Pinned to one CPU, as the Rust
side is, unless --two-cores.
"""

import asyncio
import multiprocessing
import queue
import sys
import threading
import time

from harness import Options, die_with_parent, gevent_or_none, per_op, rate_record, time_record, timed

END = -1
CAPACITY = 1024


def serve(recv, send):
    count = 0
    while (n := recv()) is not None:
        if n == END:
            send(count)
            count = 0
        elif n % 2 == 1:
            send(n)
        else:
            count += 1


def echo(send, recv):
    send(1)
    recv()


def batch(n, send, recv):
    started = time.perf_counter()
    for _ in range(n):
        send(0)
    send(END)
    counted = recv()
    if counted != n:
        raise RuntimeError(f"the consumer counted {counted} of {n} messages")
    return time.perf_counter() - started


def figures(plan, send, recv):
    round_trip = per_op(plan, lambda n: timed(n, lambda: echo(send, recv)))
    return round_trip, per_op(plan, lambda n: batch(n, send, recv))


def processes(plan):
    fork = multiprocessing.get_context("fork")
    ours, theirs = fork.Pipe()

    def child():
        die_with_parent()
        ours.close()  # or this end's recv would never see end-of-file

        def recv():
            try:
                return theirs.recv()
            except EOFError:
                return None
        serve(recv, theirs.send)

    p = fork.Process(target=child)
    p.start()
    theirs.close()
    result = figures(plan, ours.send, ours.recv)
    ours.close()  # the child's recv sees end-of-file and it returns
    p.join()
    return result


def threads(plan):
    result = []
    for capacity in (1, CAPACITY):
        to_peer, from_peer = queue.Queue(capacity), queue.Queue(1)
        peer = threading.Thread(target=serve, args=(to_peer.get, from_peer.put))
        peer.start()
        result.append(figures(plan, to_peer.put, from_peer.get)[0 if capacity == 1 else 1])
        to_peer.put(None)
        peer.join()
    return result


def greenlets(plan):
    import gevent
    import gevent.queue
    result = []
    for capacity in (1, CAPACITY):
        to_peer, from_peer = gevent.queue.Queue(capacity), gevent.queue.Queue(1)
        peer = gevent.spawn(serve, to_peer.get, from_peer.put)
        result.append(figures(plan, to_peer.put, from_peer.get)[0 if capacity == 1 else 1])
        to_peer.put(None)
        peer.join()
    return result


def tasks(plan):
    # The same steps as echo and batch, awaited.
    async def measure(capacity, n):
        to_peer, from_peer = asyncio.Queue(capacity), asyncio.Queue(1)

        async def peer():
            count = 0
            while (m := await to_peer.get()) is not None:
                if m == END:
                    await from_peer.put(count)
                    count = 0
                elif m % 2 == 1:
                    await from_peer.put(m)
                else:
                    count += 1

        serving = asyncio.create_task(peer())
        started = time.perf_counter()
        if capacity == 1:
            for _ in range(n):
                await to_peer.put(1)
                await from_peer.get()
        else:
            for _ in range(n):
                await to_peer.put(0)
            await to_peer.put(END)
            if await from_peer.get() != n:
                raise RuntimeError("the consumer lost messages")
        took = time.perf_counter() - started
        await to_peer.put(None)
        await serving
        return took

    loop = asyncio.new_event_loop()
    result = [per_op(plan, lambda n: loop.run_until_complete(measure(c, n))) for c in (1, CAPACITY)]
    loop.close()
    return result


def main():
    options = Options(sys.argv[1:])
    plan = options.plan
    models = [
        ("process", "multiprocessing.Pipe, parent and forked child", processes),
        ("thread", "queue.Queue, two threads", threads),
    ]
    if gevent_or_none():
        models.append(("coroutine", "gevent.queue.Queue, two greenlets", greenlets))
    models.append(("task", "asyncio.Queue, two tasks", tasks))
    on = options.pin()
    throughputs = []
    options.heading(f"message round trip: one unit sends a number, the other sends it back, {on}")
    for model, how, measure in models:
        round_trip, throughput = measure(plan)
        options.report(time_record("round_trip", model, how, round_trip))
        throughputs.append(rate_record("throughput", model, how, throughput))
    options.heading(f"throughput: one producer, one consumer, bounded channels of {CAPACITY} where the model has them")
    for record in throughputs:
        options.report(record)


if __name__ == "__main__":
    main()
