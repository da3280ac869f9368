"""Two mirrors race for the same page, with a deadline beside them: the
first to answer wins, and the others are cancelled before the winner's page
is used. Round one, a mirror answers in time; round two, the deadline comes
first. Past the seeds; the Python twin of `examples/timeout_race.rs`.
"""

import asyncio


async def fetch(name, seconds):
    print(f"{name}: started, needs {seconds} s")
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"{name}: cancelled at its await")
        raise
    return f"{name}'s page"


async def race(a_seconds, b_seconds):
    tasks = [
        asyncio.create_task(fetch("mirror-a", a_seconds)),
        asyncio.create_task(fetch("mirror-b", b_seconds)),
    ]
    done, pending = await asyncio.wait(
        tasks, timeout=2, return_when=asyncio.FIRST_COMPLETED
    )
    # Cancel the others (a finished task ignores cancel()), in the list's
    # order, and wait until they have stopped.
    for task in tasks:
        task.cancel()
    if pending:
        await asyncio.wait(pending)
    if done:
        print(f"first: {done.pop().result()}")
    else:
        print("no mirror within 2 s")


async def main():
    await race(3, 1)
    await race(3, 4)


if __name__ == "__main__":
    asyncio.run(main())
