"""A context switch between two units taking turns on one CPU, in each of
Python's models. The Python side of `costs-switch`.

Two processes, then two threads, ping-pong a byte through a pair of pipes
(a round trip is two switches through the kernel). Two asyncio tasks, and two
gevent greenlets when gevent is installed, give way to each other in turn
(`await asyncio.sleep(0)`, `gevent.sleep(0)`): a switch in user space.
"""

import asyncio
import multiprocessing
import os
import sys
import threading
import time

from harness import Options, die_with_parent, gevent_or_none, human, per_op, time_record, timed


def half(s):
    return dict(s, median=s["median"] / 2, low=s["low"] / 2, high=s["high"] / 2)


def bounce(read_fd, write_fd):
    while byte := os.read(read_fd, 1):
        os.write(write_fd, byte)


def ping_pong(plan, start_peer):
    """Times round trips with a peer that bounces bytes; start_peer(r, w)
    starts it and returns a function that waits for its end."""
    to_peer_r, to_peer_w = os.pipe()
    from_peer_r, from_peer_w = os.pipe()
    wait = start_peer(to_peer_r, from_peer_w, to_peer_w)

    def round_trip():
        os.write(to_peer_w, b"!")
        os.read(from_peer_r, 1)

    summary = per_op(plan, lambda n: timed(n, round_trip))
    os.close(to_peer_w)  # the peer reads end-of-file and stops
    wait()
    for fd in (to_peer_r, from_peer_r, from_peer_w):
        os.close(fd)
    return summary


def start_process(read_fd, write_fd, our_end):
    def child():
        die_with_parent()
        os.close(our_end)  # or end-of-file would never come
        bounce(read_fd, write_fd)

    p = multiprocessing.get_context("fork").Process(target=child)
    p.start()
    return p.join


def start_thread(read_fd, write_fd, _our_end):
    t = threading.Thread(target=bounce, args=(read_fd, write_fd))
    t.start()
    return t.join


def greenlets(plan):
    import gevent
    done = False

    def peer():
        while not done:
            gevent.sleep(0)

    other = gevent.spawn(peer)
    summary = per_op(plan, lambda n: timed(n, lambda: gevent.sleep(0)))
    done = True
    other.join()
    return summary


def tasks(plan):
    done = False

    async def peer():
        while not done:
            await asyncio.sleep(0)

    async def yields(n):
        started = time.perf_counter()
        for _ in range(n):
            await asyncio.sleep(0)
        return time.perf_counter() - started

    loop = asyncio.new_event_loop()
    other = loop.create_task(peer())
    summary = per_op(plan, lambda n: loop.run_until_complete(yields(n)))
    done = True
    loop.run_until_complete(other)
    loop.close()
    return summary


def main():
    options = Options(sys.argv[1:])
    plan = options.plan
    on = options.pin()
    options.heading(f"context switch between two units taking turns, {on}")
    # A write and a read on one pipe, in one thread: one turn's system calls, no switch.
    r, w = os.pipe()
    calls = per_op(plan, lambda n: timed(n, lambda: (os.write(w, b"!"), os.read(r, 1))))
    os.close(r)
    os.close(w)
    note = f"of which a write and a read, timed without a switch: {human(calls['median'], 's')}"
    options.report(time_record("switch", "process",
                               "two processes ping-pong a byte through pipes (half a round trip)",
                               half(ping_pong(plan, start_process)), note))
    options.report(time_record("switch", "thread",
                               "two threads ping-pong a byte through pipes (half a round trip)",
                               half(ping_pong(plan, start_thread)), note))
    if gevent_or_none():
        options.report(time_record("switch", "coroutine", "two gevent greenlets, gevent.sleep(0) in turn",
                                   half(greenlets(plan))))
    options.report(time_record("switch", "task", "two asyncio tasks, asyncio.sleep(0) in turn",
                               half(tasks(plan))))


if __name__ == "__main__":
    main()
