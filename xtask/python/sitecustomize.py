"""The course's bootstrap for the Python twins, so that each twin stays the
plain Python a learner would write.

Python imports a module called `sitecustomize` by itself at start-up, if one
is on its path. `cargo xtask verify --python` puts this folder first on
PYTHONPATH, and so, without a line in the twin, this module:

- reads LESSON_TIME_SCALE (real seconds per lesson second, 0.05 to 10, as in
  the Rust lessons) and scales every sleep by it: `time.sleep`,
  `asyncio.sleep`, `gevent.sleep`, and the timeouts of queues, events and
  joins, and asyncio's (`asyncio.timeout`, `wait_for`, `wait`). It also slows the clock the twins read (`time.time`,
  `time.perf_counter`, `time.strftime`) by the same factor, so a twin that
  slept 3 lesson seconds still prints 3 seconds;
- seeds `random` from LESSON_SEED, when it is set;
- makes every process a twin forks die with its parent (Linux's
  PR_SET_PDEATHSIG), so that nothing outlives an interrupted twin, as the
  Rust lessons promise;
- writes standard output a line at a time, as Python does on a terminal, and
  makes each `print` one write, as Rust's `println!` is: CPython's own `print`
  writes the text and the newline separately, so two threads printing at once
  can cut each other's lines in two, on a terminal too. The twins are compared
  line by line, so here every line comes out whole.

A bad value stops the twin with the same one-line message the Rust lessons
print, and exit status 2. Run a twin without this folder on the path and it
runs at real time, unseeded: exactly the program on the page.
"""

import os
import sys


def _fail(name, raw, expected):
    sys.stderr.write(f'error: {name}="{raw}" is not {expected}\n')
    sys.stderr.flush()
    os._exit(2)


def _scale():
    raw = os.environ.get("LESSON_TIME_SCALE", "").strip()
    if not raw:
        return 1.0
    expected = "a number from 0.05 to 10 (real seconds per lesson second), such as 1 or 0.1"
    try:
        value = float(raw)
    except ValueError:
        _fail("LESSON_TIME_SCALE", raw, expected)
    if not 0.05 <= value <= 10:
        _fail("LESSON_TIME_SCALE", raw, expected)
    return value


def _seed():
    raw = os.environ.get("LESSON_SEED", "").strip()
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        value = -1
    if not 0 <= value < 2**64:
        _fail("LESSON_SEED", raw, "a whole number from 0 to 2^64-1")
    return value


SCALE = _scale()
SEED = _seed()


def _die_with_parent():
    import ctypes
    import signal

    PR_SET_PDEATHSIG = 1
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _scaled(seconds):
    return None if seconds is None else seconds * SCALE


def _patch_time():
    import time

    real_sleep, real_time, real_perf = time.sleep, time.time, time.perf_counter
    real_strftime, real_localtime = time.strftime, time.localtime
    t0, p0 = real_time(), real_perf()

    time.sleep = lambda seconds: real_sleep(seconds * SCALE)
    time.time = lambda: t0 + (real_time() - t0) / SCALE
    time.perf_counter = lambda: p0 + (real_perf() - p0) / SCALE
    # The time of day starts at the whole second, the first time a twin asks
    # for it, and then runs in lesson seconds, as the Rust lessons' clock does:
    # "3 seconds later" cannot read 4 because the start was late in its second
    # or the interpreter took a while to start.
    clock = {}

    def localtime(secs=None):
        if secs is not None:
            return real_localtime(secs)
        now = real_time()
        origin = clock.setdefault("origin", (int(now), now))
        return real_localtime(origin[0] + (now - origin[1]) / SCALE)

    time.localtime = localtime
    time.strftime = lambda fmt, t=None: real_strftime(fmt, time.localtime() if t is None else t)


def _patch_threading_and_queue():
    import queue
    import threading

    event_wait = threading.Event.wait
    threading.Event.wait = lambda self, timeout=None: event_wait(self, _scaled(timeout))
    join = threading.Thread.join
    threading.Thread.join = lambda self, timeout=None: join(self, _scaled(timeout))
    get, put = queue.Queue.get, queue.Queue.put
    queue.Queue.get = lambda self, block=True, timeout=None: get(self, block, _scaled(timeout))
    queue.Queue.put = lambda self, item, block=True, timeout=None: put(
        self, item, block, _scaled(timeout)
    )


def _patch_asyncio_tasks(tasks):
    # `asyncio.sleep` is this module's, copied into `asyncio` right after it
    # loads: patched here, both names are the scaled one. So are `wait` and
    # `wait_for`, whose timeouts count in lesson seconds too.
    real_sleep, real_wait, real_wait_for = tasks.sleep, tasks.wait, tasks.wait_for

    async def sleep(delay, result=None):
        return await real_sleep(delay * SCALE, result)

    async def wait(fs, *, timeout=None, return_when=tasks.ALL_COMPLETED):
        return await real_wait(fs, timeout=_scaled(timeout), return_when=return_when)

    async def wait_for(fut, timeout):
        return await real_wait_for(fut, _scaled(timeout))

    tasks.sleep = sleep
    tasks.wait = wait
    # From 3.12 on, `wait_for` counts its timeout with `asyncio.timeout`,
    # which is scaled already (below).
    if sys.version_info < (3, 12):
        tasks.wait_for = wait_for


def _patch_asyncio_timeouts(timeouts):
    # `asyncio.timeout(delay)`: a deadline `delay` lesson seconds from now.
    real_timeout = timeouts.timeout
    timeouts.timeout = lambda delay: real_timeout(_scaled(delay))


class _AfterImport:
    """Patches a module the twin may import later, once it has loaded."""

    def __init__(self, patches):
        self.patches = patches

    def find_spec(self, name, path=None, target=None):
        patch = self.patches.get(name)
        if patch is None:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None:
                real_exec = spec.loader.exec_module

                def exec_module(module):
                    real_exec(module)
                    patch(module)

                spec.loader.exec_module = exec_module
                return spec
        return None


def _patch_gevent_hub(hub):
    # gevent.sleep, gevent.time.sleep and the monkey-patched time.sleep are
    # all this function, bound when gevent's modules load: wrap it here first.
    real_sleep = hub.sleep
    hub.sleep = lambda seconds=0, ref=True: real_sleep(seconds * SCALE, ref)


def _patch_multiprocessing_queues(queues):
    for cls in (queues.Queue,):
        get, put = cls.get, cls.put
        cls.get = lambda self, block=True, timeout=None, get=get: get(self, block, _scaled(timeout))
        cls.put = lambda self, obj, block=True, timeout=None, put=put: put(
            self, obj, block, _scaled(timeout)
        )


def _patch_multiprocessing_process(process):
    join = process.BaseProcess.join
    process.BaseProcess.join = lambda self, timeout=None: join(self, _scaled(timeout))


def _whole_lines():
    import builtins
    import threading

    state = {"lock": threading.Lock()}

    def print_whole(*values, sep=" ", end="\n", file=None, flush=False):
        out = sys.stdout if file is None else file
        text = (" " if sep is None else sep).join(map(str, values))
        text += "\n" if end is None else end
        with state["lock"]:
            out.write(text)
            if flush:
                out.flush()

    def new_lock_in_child():
        # A thread of the parent may have held the lock when it forked.
        state["lock"] = threading.Lock()

    builtins.print = print_whole
    os.register_at_fork(after_in_child=new_lock_in_child)
    # On a pipe Python would buffer whole blocks; a line at a time, as on a
    # terminal, each line is one write that no other process can cut.
    sys.stdout.reconfigure(line_buffering=True)


_whole_lines()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_die_with_parent)
if SEED is not None:
    import random

    random.seed(SEED)
if SCALE != 1.0:
    _patch_time()
    _patch_threading_and_queue()
    sys.meta_path.insert(
        0,
        _AfterImport(
            {
                "asyncio.tasks": _patch_asyncio_tasks,
                "asyncio.timeouts": _patch_asyncio_timeouts,
                "gevent.hub": _patch_gevent_hub,
                "multiprocessing.queues": _patch_multiprocessing_queues,
                "multiprocessing.process": _patch_multiprocessing_process,
            }
        ),
    )
