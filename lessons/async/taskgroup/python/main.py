"""Three tasks in a TaskGroup: a finishes, b fails, and the group cancels c
at its await, waits until it has stopped, and raises b's error. Past the
seeds; the Python twin of `src/main.rs`.
"""

import asyncio


async def work(name, seconds, fails=False):
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"{name}: cancelled at its await")
        raise
    if fails:
        raise ValueError(f"{name} failed after {seconds} s")
    print(f"{name}: done after {seconds} s")
    return name


async def main():
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(work("a", 1))
            group.create_task(work("b", 2, fails=True))
            group.create_task(work("c", 3))
        print("all three done")
    except* ValueError as failed:
        for error in failed.exceptions:
            print(f"the group failed: {error}")


if __name__ == "__main__":
    asyncio.run(main())
