"""The same three jobs awaited together twice: first with `gather`, which
hands back every result, failures included, and cancels nothing; then in a
`TaskGroup`, where the first failure cancels the rest. Past the seeds; the
Python twin of `examples/taskgroup_join.rs`, whose `join!` and `try_join!`
do the same inside one task.
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
    print("-- every result --")
    results = await asyncio.gather(
        work("a", 1), work("b", 2, fails=True), work("c", 3), return_exceptions=True
    )
    for result in results:
        if isinstance(result, Exception):
            print(f"error: {result}")
        else:
            print(f"ok: {result}")

    print("-- the first failure cancels the rest --")
    try:
        async with asyncio.TaskGroup() as group:
            a = group.create_task(work("a", 1))
            b = group.create_task(work("b", 2, fails=True))
            c = group.create_task(work("c", 3))
        print(f"ok: {a.result()}, {b.result()}, {c.result()}")
    except* ValueError as failed:
        for error in failed.exceptions:
            print(f"error: {error}")


if __name__ == "__main__":
    asyncio.run(main())
