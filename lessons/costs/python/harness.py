"""The measuring loop of the costs chapter, in Python.

The same method as the Rust programs' `costs-harness` (`../harness/src/lib.rs`), so that the two
columns of `cargo xtask bench --python` compare like with like: grow a batch
of operations until it lasts long enough to time, warm up, time many batches,
report the median time per operation with the 10th and 90th percentiles.

Every script takes `--quick` (just enough to see every model work),
`--json` (one record per line on stdout, the table on stderr) and
`--two-cores` (do not pin to one CPU).
"""

import ctypes
import json
import os
import signal
import sys
import time

FULL = dict(warmup=10, samples=100, batch_time=0.002, alive=10_000, job_time=0.02)
QUICK = dict(warmup=1, samples=5, batch_time=0.0001, alive=100, job_time=0.001)


class Options:
    def __init__(self, argv):
        self.plan = FULL
        self.json = False
        self.two_cores = False
        for arg in argv:
            if arg == "--quick":
                self.plan = QUICK
            elif arg == "--json":
                self.json = True
            elif arg == "--two-cores":
                self.two_cores = True
            else:
                print(f"error: unknown argument {arg!r}; usage: [--quick] [--json] [--two-cores]",
                      file=sys.stderr)
                sys.exit(2)

    def pin(self):
        """Keeps this process and all it starts on one CPU, unless --two-cores."""
        if self.two_cores:
            return "free to use every core (--two-cores)"
        try:
            cpu = min(os.sched_getaffinity(0))
            os.sched_setaffinity(0, {cpu})
            return f"all on CPU {cpu}"
        except OSError as e:
            return f"not pinned ({e}): the figures include moves between cores"

    def heading(self, text):
        self._say(text + "\n")

    def report(self, record):
        self._say(row(record))
        if self.json:
            print(json.dumps(record), flush=True)

    def _say(self, text):
        out = sys.stderr if self.json else sys.stdout
        out.write(text)
        out.flush()


def per_op(plan, run):
    """`run(n)` does the operation n times and returns the seconds it took."""
    batch = 1
    while True:
        took = run(batch)
        if took >= plan["batch_time"] or batch >= 1 << 24:
            break
        grow = plan["batch_time"] / max(took, 1e-9)
        batch = int(-(-batch * min(max(grow, 2.0), 100.0) // 1))
    for _ in range(plan["warmup"]):
        run(batch)
    samples = sorted(run(batch) / batch for _ in range(max(plan["samples"], 1)))
    at = lambda q: samples[round((len(samples) - 1) * q)]
    return dict(median=at(0.5), low=at(0.1), high=at(0.9), samples=len(samples))


def speedup(plan, whole, split):
    """How many times faster a job runs split than whole: `whole(n)` does a
    job of size n on one core, `split(n)` shares it out; each returns the
    seconds it took. The size grows until the whole job lasts job_time; each
    sample times the two one after the other, and is their ratio."""
    size = 1000
    while True:
        took = whole(size)
        if took >= plan["job_time"] or size >= 1 << 40:
            break
        grow = plan["job_time"] / max(took, 1e-9)
        size = int(-(-size * min(max(grow, 1.1), 100.0) // 1))
    for _ in range(plan["warmup"]):
        whole(size)
        split(size)
    ratios = []
    for _ in range(max(plan["samples"], 1)):
        one = whole(size)
        ratios.append(one / max(split(size), 1e-9))
    ratios.sort()
    at = lambda q: ratios[round((len(ratios) - 1) * q)]
    return dict(median=at(0.5), low=at(0.1), high=at(0.9), samples=len(ratios), size=size)


def timed(n, op):
    started = time.perf_counter()
    for _ in range(n):
        op()
    return time.perf_counter() - started


def time_record(measure, model, how, s, note=None):
    return dict(measure=measure, model=model, how=how, value=s["median"],
                low=s["low"], high=s["high"], unit="s", count=s["samples"], note=note)


def rate_record(measure, model, how, s, note=None):
    return dict(measure=measure, model=model, how=how, value=1 / s["median"],
                low=1 / s["high"], high=1 / s["low"], unit="msg/s",
                count=s["samples"], note=note)


def speedup_record(model, how, s, workers, note=None):
    return dict(measure="speedup", model=model, how=how, value=s["median"],
                low=s["low"], high=s["high"], unit="×", count=workers, note=note)


def bytes_record(model, how, value, alive, note=None):
    return dict(measure="memory", model=model, how=how, value=value, low=None,
                high=None, unit="B", count=alive, note=note)


def _kib_field(text, key):
    for line in text.splitlines():
        if line.startswith(key):
            return int(line[len(key):].split()[0]) * 1024
    return 0


def footprint(children=()):
    """(user, kernel) bytes: the Pss of this process and its children, and the
    kernel's stacks, page tables and unreclaimable slab."""
    user = 0
    for pid in ["self", *map(str, children)]:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            user += _kib_field(f.read(), "Pss:")
    with open("/proc/meminfo") as f:
        meminfo = f.read()
    kernel = sum(_kib_field(meminfo, k) for k in ("KernelStack:", "PageTables:", "SUnreclaim:"))
    return user, kernel


def settled():
    """The footprint once the kernel has finished freeing what an earlier
    measurement left (exited processes are freed a little later): read until
    two readings 50 ms apart agree within 64 KiB, for at most two seconds."""
    last = footprint()
    for _ in range(40):
        time.sleep(0.05)
        now = footprint()
        if abs(now[1] - last[1]) < 64 * 1024:
            return now
        last = now
    return last


def per_unit(before, after, units):
    units = max(units, 1)
    return (after[0] - before[0]) / units, (after[1] - before[1]) / units


def human(value, unit):
    value = float(f"{value:.2e}")  # three significant digits: 99.97 ns reads 100 ns
    if unit == "s":
        steps = [(1, "s"), (1e-3, "ms"), (1e-6, "µs"), (1e-9, "ns")]
    elif unit == "×":
        v = float(f"{value:.2e}")
        digits = 0 if abs(v) >= 100 else 1 if abs(v) >= 10 else 2
        return f"{v:.{digits}f}×"
    elif unit == "B":
        steps = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB"), (1, "B")]
    else:
        steps = [(1e6, f"M {unit}"), (1e3, f"k {unit}"), (1, unit)]
    size, name = next(((s, n) for s, n in steps if abs(value) >= s), steps[-1])
    v = float(f"{value / size:.2e}")
    digits = 0 if abs(v) >= 100 else 1 if abs(v) >= 10 else 2
    return f"{v:.{digits}f} {name}"


def row(r):
    spread = ""
    if r["low"] is not None:
        spread = f"  (p10 {human(r['low'], r['unit'])} .. p90 {human(r['high'], r['unit'])})"
    text = f"  {r['model']:<9} {human(r['value'], r['unit']):>12}{spread}  {r['how']}\n"
    if r["note"]:
        text += f"  {'':<9} note: {r['note']}\n"
    return text


def gevent_or_none():
    """gevent, when it is installed: Python's counterpart of may's coroutines."""
    try:
        import gevent
        return gevent
    except ImportError:
        return None


def die_with_parent():
    """In a child: ask Linux to kill this process when its parent dies
    (PR_SET_PDEATHSIG), so that no child outlives an interrupted script."""
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() == 1:
        os._exit(1)
