"""The second fix, for blocking work that cannot be made async (a blocking
library call, a long computation): run it on a worker thread and await its
end. The task yields while it waits, so the waits overlap: 2 seconds. Ports
001 异步 (the `say` that calls `time.sleep`), fixed; the Python twin of
`examples/blocking_spawn_blocking.rs`.
"""

import asyncio
import time


async def say(delay, what):
    # The blocking sleep runs on the loop's thread pool; this task just awaits it.
    await asyncio.to_thread(time.sleep, delay)
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
