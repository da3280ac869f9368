"""Two tasks on one thread, one sleeping three seconds and one two: the
shorter one finishes first, and the whole run takes three seconds. Ports 004
协程的改进; since Python 3.11 `asyncio.wait` refuses bare coroutines, so, as
in the Rust, both are made tasks first, in the list's order. The Python twin
of `examples/gather_wait.rs`.
"""

import asyncio


async def test():
    print("你好")
    await asyncio.sleep(3)
    print("世界")


async def demo():
    print("hello")
    await asyncio.sleep(2)
    print("world")


if __name__ == "__main__":
    loop = asyncio.new_event_loop()
    tasks = [loop.create_task(demo()), loop.create_task(test())]
    loop.run_until_complete(asyncio.wait(tasks))
    loop.close()
