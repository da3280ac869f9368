"""Spawn and join one unit that does nothing, in each of Python's models.

The Python side of `costs-spawn`: multiprocessing.Process (forked, as the
Rust side forks), threading.Thread, an asyncio task, and a gevent greenlet
when gevent is installed.
"""

import asyncio
import multiprocessing
import sys
import threading
import time

from harness import Options, gevent_or_none, per_op, time_record, timed


def nothing():
    pass


async def nothing_async():
    pass


def start_and_join(kind):
    """One unit of `kind` (Process or Thread, which share an API) that does nothing."""
    def once():
        unit = kind(target=nothing)
        unit.start()
        unit.join()
    return once


def main():
    options = Options(sys.argv[1:])
    plan = options.plan
    options.heading("spawn and join one unit that does nothing: median per unit (p10 .. p90)")

    fork = multiprocessing.get_context("fork")
    options.report(time_record("spawn", "process", "multiprocessing.Process start + join (fork)",
                               per_op(plan, lambda n: timed(n, start_and_join(fork.Process)))))
    options.report(time_record("spawn", "thread", "threading.Thread start + join",
                               per_op(plan, lambda n: timed(n, start_and_join(threading.Thread)))))

    gevent = gevent_or_none()
    if gevent:
        options.report(time_record("spawn", "coroutine", "gevent.spawn + join",
                                   per_op(plan, lambda n: timed(n, lambda: gevent.spawn(nothing).join()))))

    async def tasks(n):
        started = time.perf_counter()
        for _ in range(n):
            await asyncio.create_task(nothing_async())
        return time.perf_counter() - started

    loop = asyncio.new_event_loop()
    options.report(time_record("spawn", "task", "asyncio.create_task + await",
                               per_op(plan, lambda n: loop.run_until_complete(tasks(n)))))
    loop.close()


if __name__ == "__main__":
    main()
