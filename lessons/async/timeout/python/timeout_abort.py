"""A task nobody awaits still runs to its end; a cancelled one stops at its
next await. Ticker a is left alone and ticks three times; ticker b is
cancelled halfway between its first tick and its second, and whoever awaits
it sees `CancelledError`. Past the seeds; the Python twin of
`examples/timeout_abort.rs`.
"""

import asyncio


async def tick(name, every, times):
    try:
        for i in range(1, times + 1):
            await asyncio.sleep(every)
            print(f"{name}: tick {i}")
    except asyncio.CancelledError:
        print(f"{name}: cancelled at its await")
        raise


async def main():
    # Never awaited: the task runs on by itself. (Keep a reference: the
    # event loop holds tasks only weakly.)
    a = asyncio.create_task(tick("a", 1, 3))
    print("main: a spawned")
    await asyncio.sleep(4)

    b = asyncio.create_task(tick("b", 2, 3))
    await asyncio.sleep(3)
    print("main: cancel b")
    b.cancel()
    try:
        await b
    except asyncio.CancelledError:
        print("main: b ended cancelled")


if __name__ == "__main__":
    asyncio.run(main())
