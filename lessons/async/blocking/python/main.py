"""Two tasks that should wait 1 and 2 seconds side by side take 3: each
blocks the event loop's only thread while it sleeps, so the other cannot run.
Ports 001 异步 (the `say` that calls `time.sleep`, run by the create_task
main); the Python twin of `src/main.rs`. The two fixes are
`blocking_async_sleep.py` and `blocking_spawn_blocking.py`.
"""

import asyncio
import time


async def say(delay, what):
    # Blocks the thread, and the thread is the event loop: no other task runs.
    time.sleep(delay)
    # Lets the other tasks run, now that it is too late.
    await asyncio.sleep(0)
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
