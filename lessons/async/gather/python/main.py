"""Three tasks each sleep for three seconds, all on one thread, and the whole
run takes three seconds, not nine: while one task waits, the others run.
Ports coroutine2.py of the core tutorial (000); the seed's func1, func2 and
func3 are one function here, told its name. The Python twin of `src/main.rs`.
"""

import asyncio
import threading
import time


async def func(name):
    print(f"{name} begin: {threading.current_thread()}")
    # asyncio's sleep yields to the loop; time.sleep would take nine seconds.
    await asyncio.sleep(3)
    print(f"{name} end: {threading.current_thread()}")


if __name__ == "__main__":
    # Coroutine objects: nothing runs yet.
    f1 = func("func1")
    f2 = func("func2")
    f3 = func("func3")

    t1 = time.time()
    loop = asyncio.new_event_loop()
    tasks = [loop.create_task(f1), loop.create_task(f2), loop.create_task(f3)]
    loop.run_until_complete(asyncio.wait(tasks))
    loop.close()
    print(f"耗时: {time.time() - t1}")
