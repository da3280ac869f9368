"""Fan-out, measured with asyncio's clients: how long one line takes from its
sender to every one of N clients (N = 10, 100, 1000), for the Python twin
(main.py beside this file), started as a learner starts it, `--listen
127.0.0.1:0`, afresh for each N. Prints a table, medians of several rounds.

    python3 bench_fanout.py                                  # the Python twin
    python3 bench_fanout.py --rust target/release/async-chat  # and the Rust server

Not a test, and not a program verify runs: `cargo bench -p async-chat --bench
fanout` measures the same with tokio's clients.
"""

import argparse
import asyncio
import os
import resource
import statistics
import sys
import time

SIZES = (10, 100, 1000)
ROUNDS = 21  # measured for each N, after one that warms up


async def start(command):
    """A server as a child process, and the address it listens on."""
    process = await asyncio.create_subprocess_exec(
        *command,
        "--listen",
        "127.0.0.1:0",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    first = (await process.stdout.readline()).decode()
    host, port = first.removeprefix("server: listening on ").strip().rsplit(":", 1)

    async def drain():
        # The server logs every join: read it all, or its prints would block.
        while await process.stdout.read(65536):
            pass

    return process, host, int(port), asyncio.create_task(drain())


async def join(host, port, name):
    reader, writer = await asyncio.open_connection(host, port)
    await reader.readline()  # welcome! what is your name?
    writer.write(f"{name}\n".encode())
    await writer.drain()
    hello = await reader.readline()
    assert hello.startswith(b"hello "), hello
    # Not read until the rounds start: the join notices of the clients after
    # it wait in the system's buffers, and this process is not woken for each.
    writer.transport.pause_reading()
    return reader, writer


async def fan_out(host, port, n):
    """The time from one line sent to its arrival at all `n` clients, for
    each round."""
    receivers = [await join(host, port, f"r{i}") for i in range(n)]
    _, sender = await join(host, port, "sender")
    arrivals = asyncio.Queue()

    async def read(reader):
        # The join notices before the rounds are skipped.
        while line := await reader.readline():
            if line.startswith(b"sender: round "):
                arrivals.put_nowait(time.perf_counter())

    readers = [asyncio.create_task(read(reader)) for reader, _ in receivers]
    for _, writer in receivers:
        writer.transport.resume_reading()
    times = []
    for round in range(ROUNDS + 1):
        sent = time.perf_counter()
        sender.write(f"round {round}\n".encode())
        await sender.drain()
        last = sent
        for _ in range(n):
            last = max(last, await arrivals.get())
        if round:
            times.append(last - sent)
    for task in readers:
        task.cancel()
    await asyncio.gather(*readers, return_exceptions=True)
    for _, writer in receivers:
        writer.close()
    sender.close()
    return times


async def measure(command, n):
    process, host, port, drain = await start(command)
    try:
        return statistics.median(await fan_out(host, port, n))
    finally:
        process.terminate()
        await process.wait()
        await drain


async def main():
    parser = argparse.ArgumentParser(description="one line to N chat clients, timed")
    parser.add_argument("--rust", metavar="PATH", help="the Rust server's binary, to measure it too")
    args = parser.parse_args()
    twin = [sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "main.py")]
    servers = [("Python twin", twin)]
    if args.rust:
        servers.insert(0, ("Rust server", [args.rust]))
    print(f"fan-out: one line from its sender to all N clients (median of {ROUNDS} rounds)")
    print("clients: asyncio, one thread; each server a process of its own, started afresh for each N")
    print()
    print(f"{'N':>6}" + "".join(f"  {name:>12}" for name, _ in servers))
    for n in SIZES:
        cells = [f"{await measure(command, n) * 1000:.2f} ms" for _, command in servers]
        print(f"{n:>6}" + "".join(f"  {cell:>12}" for cell in cells))


if __name__ == "__main__":
    # A thousand clients and their server need more than 1024 open files.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    asyncio.run(main())
