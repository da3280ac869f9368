"""Calling an `async def` function runs none of its body: it returns a
coroutine object, which runs only when awaited. Ports 001 原生协程
(`print(say(1))`); unlike the seed, the coroutine is then awaited, so its body
runs and says so. The Python twin of `src/main.rs`.
"""

import asyncio


async def say(delay):
    await asyncio.sleep(delay)
    # Not in the seed: a line that shows when the body runs.
    print(f"say({delay}) ran after {delay} s")


if __name__ == "__main__":
    # Nothing of say's body runs here.
    coroutine = say(1)
    print(coroutine)
    # Only now: hand it to an event loop. (Never awaited, it would only earn a
    # RuntimeWarning at exit: "coroutine 'say' was never awaited".)
    asyncio.run(coroutine)
