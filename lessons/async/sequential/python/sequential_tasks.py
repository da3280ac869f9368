"""The same two waits started as tasks first, then awaited: they run at the
same time, so the whole takes as long as the longer one, 2 seconds. Ports
001 异步 (the create_task program), calling `say` where the seed, as printed,
calls an undefined `say_after`, and keeping its two 'hello's. The Python twin
of `examples/sequential_tasks.rs`.
"""

import asyncio
import time


async def say(delay, what):
    await asyncio.sleep(delay)
    print(what)


async def main():
    print(f"started at {time.strftime('%X')}")
    # Both start running now, side by side.
    t1 = asyncio.create_task(say(1, "hello"))
    t2 = asyncio.create_task(say(2, "hello"))
    # Awaiting t1 then t2 waits for both: 2 seconds in all.
    await t1
    await t2
    print(f"finished at {time.strftime('%X')}")


if __name__ == "__main__":
    asyncio.run(main())
