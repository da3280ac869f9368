"""A producer that could make five items at once, a consumer that takes a
second over each, and a queue with room for two between them: the
producer waits for room, so it runs at the consumer's pace and the queue
never holds more than two. Past the seeds; the Python twin of
`examples/shared_state_backpressure.rs`.
"""

import asyncio


async def producer(queue):
    for item in range(1, 6):
        try:
            queue.put_nowait(item)
        except asyncio.QueueFull:
            print(f"producer waits: no room for {item}")
            await queue.put(item)  # waits for room
        print(f"producer put {item}")
    await queue.put(None)  # the end


async def consumer(queue):
    while (item := await queue.get()) is not None:
        print(f"consumer got {item}")
        await asyncio.sleep(1)  # the slow work
    print("consumer done")


async def main():
    queue = asyncio.Queue(maxsize=2)
    await asyncio.gather(producer(queue), consumer(queue))


if __name__ == "__main__":
    asyncio.run(main())
