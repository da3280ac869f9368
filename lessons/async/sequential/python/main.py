"""Two waits awaited one after the other: the second starts only when the
first is over, so the whole takes 1 + 2 = 3 seconds. Ports 001 异步 (the
first program, awaits in sequence); the Python twin of `src/main.rs`.
"""

import asyncio
import time


async def say(delay, what):
    await asyncio.sleep(delay)
    print(what)


async def main():
    print(f"started at {time.strftime('%X')}")
    # await waits here until say is done: the two waits run in a row.
    await say(1, "hello")
    await say(2, "world")
    print(f"finished at {time.strftime('%X')}")


if __name__ == "__main__":
    asyncio.run(main())
