"""Two tasks, one asking and one answering, each printing and then sleeping a
second, three times: on one thread they take turns at every `await`. Ports
001 原生协程 (ask and answer as tasks); the seed's global `total` is a
constant here, since nothing changes it. The Python twin of `src/main.rs`.
"""

import asyncio

TOTAL = 4


async def ask():
    for i in range(1, TOTAL):
        print(f"问题{i}")
        await asyncio.sleep(1)


async def answer():
    for i in range(1, TOTAL):
        print(f"回答{i}")
        await asyncio.sleep(1)


if __name__ == "__main__":
    # Coroutine objects (nothing runs yet), and the event loop.
    ask1 = ask()
    answer1 = answer()
    loop = asyncio.new_event_loop()
    # Both become tasks, scheduled at once (the seed's asyncio.ensure_future).
    ask_task = loop.create_task(ask1)
    answer_task = loop.create_task(answer1)
    # While the loop runs for the first, the second runs too.
    loop.run_until_complete(ask_task)
    loop.run_until_complete(answer_task)
    loop.close()
