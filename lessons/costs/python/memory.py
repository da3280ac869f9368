"""Memory per unit with 10 000 units alive at once, in each of Python's models.

The Python side of `costs-memory`: each unit starts, says it is ready and
waits for something the main unit holds; the footprint (Pss of the processes
plus the kernel's memory) is read with all of them waiting. Each model is
measured in a fresh child process, so memory freed by one measurement is not
reused by the next.
"""

import asyncio
import multiprocessing
import os
import sys
import threading

from harness import Options, bytes_record, die_with_parent, footprint, gevent_or_none, human, per_unit, settled

fork = multiprocessing.get_context("fork")


def wait_in_child(ready_w, release_r, release_w):
    die_with_parent()
    os.close(release_w)  # or the read below would never see end-of-file
    os.write(ready_w, b"!")
    os.read(release_r, 1)


def processes(wanted):
    ready_r, ready_w = os.pipe()
    release_r, release_w = os.pipe()
    before = settled()
    children = []
    short = None
    try:
        for _ in range(wanted):
            p = fork.Process(target=wait_in_child, args=(ready_w, release_r, release_w))
            p.start()
            children.append(p)
    except OSError as e:
        short = f"could start only {len(children)} processes ({e})"
    os.close(ready_w)
    for _ in children:
        if not os.read(ready_r, 1):
            break  # end-of-file: a child died before it was ready
    after = footprint(p.pid for p in children)
    os.close(release_w)
    for p in children:
        p.join()
    return before, after, len(children), short


def threads(wanted):
    gate = threading.Lock()
    gate.acquire()
    ready = threading.Semaphore(0)

    def wait():
        ready.release()
        with gate:
            pass

    before = settled()
    started = []
    for _ in range(wanted):
        t = threading.Thread(target=wait)
        t.start()
        started.append(t)
    for _ in started:
        ready.acquire()
    after = footprint()
    gate.release()
    for t in started:
        t.join()
    return before, after, wanted, None


def tasks(wanted):
    async def main():
        gate = asyncio.Event()
        ready = 0

        async def wait():
            nonlocal ready
            ready += 1
            await gate.wait()

        before = settled()
        spawned = [asyncio.create_task(wait()) for _ in range(wanted)]
        while ready < wanted:
            await asyncio.sleep(0)
        after = footprint()
        gate.set()
        await asyncio.gather(*spawned)
        return before, after, wanted, None

    return asyncio.run(main())


def greenlets(wanted):
    import gevent
    import gevent.event
    gate = gevent.event.Event()
    before = settled()
    spawned = [gevent.spawn(gate.wait) for _ in range(wanted)]
    gevent.sleep(0)  # every greenlet runs up to its wait
    after = footprint()
    gate.set()
    gevent.joinall(spawned)
    return before, after, wanted, None


def in_fresh_process(measure, wanted):
    """Runs measure(wanted) in a forked child and returns what it returned."""
    results = fork.SimpleQueue()
    def child():
        die_with_parent()
        results.put(measure(wanted))

    p = fork.Process(target=child)
    p.start()
    result = results.get()
    p.join()
    return result


# Python children cost megabytes each (see the chapter's README), and forking
# one takes milliseconds: ten thousand of them would fill most of a 24 GiB
# machine and take minutes. A thousand show the cost per child as well.
PROCESSES_ALIVE = 1_000


def main():
    options = Options(sys.argv[1:])
    alive = options.plan["alive"]
    options.heading(f"memory per unit, with {alive} units alive at once and waiting")
    models = [
        ("process", "multiprocessing.Process (fork), blocked reading a pipe", processes),
        ("thread", "threading.Thread, blocked on a Lock", threads),
    ]
    if gevent_or_none():
        models.append(("coroutine", "gevent.spawn, waiting on a gevent Event", greenlets))
    models.append(("task", "asyncio.create_task, awaiting an asyncio Event", tasks))
    for model, how, measure in models:
        wanted = min(alive, PROCESSES_ALIVE) if model == "process" else alive
        before, after, units, short = in_fresh_process(measure, wanted)
        user, kernel = per_unit(before, after, units)
        note = f"{human(user, 'B')} in the processes, {human(kernel, 'B')} in the kernel"
        if units < alive and not short:
            note += (f"; measured with {units:,} alive: {alive:,} would need about "
                     f"{human((user + kernel) * alive, 'B')}").replace(",", " ")
        if short:
            note += f"; {short}"
        options.report(bytes_record(model, how, user + kernel, units, note))


if __name__ == "__main__":
    main()
