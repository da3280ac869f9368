"""A deadline around a slow call: `asyncio.timeout` gives a block 2 seconds,
and the fetch inside it, which needs 3, is cancelled at the `await` it is
waiting in; `asyncio.wait_for` gives one call its deadline, and a quick
fetch beats it. Past the seeds; the Python twin of `src/main.rs`.
"""

import asyncio


async def fetch(name, seconds):
    print(f"{name}: started, needs {seconds} s")
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        # Raised at the await the task was waiting in; re-raised, so that
        # the timeout sees its own cancellation come back.
        print(f"{name}: cancelled at its await")
        raise
    print(f"{name}: done")
    return f"{name}'s page"


async def main():
    # A deadline for a block.
    try:
        async with asyncio.timeout(2):
            page = await fetch("slow", 3)
            print(f"got {page}")
    except TimeoutError:
        print("slow: no page within 2 s")

    # A deadline for one call.
    try:
        page = await asyncio.wait_for(fetch("quick", 1), timeout=2)
        print(f"got {page}")
    except TimeoutError:
        print("quick: no page within 2 s")


if __name__ == "__main__":
    asyncio.run(main())
