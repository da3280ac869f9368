"""The first fix: wait with the event loop's own sleep. The task yields for
the whole wait, the other task runs meanwhile, and the two waits overlap: 2
seconds. Ports 001 异步 (the `say` that calls `time.sleep`), fixed; the
Python twin of `examples/blocking_async_sleep.rs`.
"""

import asyncio
import time


async def say(delay, what):
    await asyncio.sleep(delay)
    print(what)


async def main():
    print(f"started at {time.strftime('%X')}")
    t1 = asyncio.create_task(say(1, "hello"))
    t2 = asyncio.create_task(say(2, "hello"))
    await t1
    await t2
    print(f"finished at {time.strftime('%X')}")


if __name__ == "__main__":
    asyncio.run(main())
