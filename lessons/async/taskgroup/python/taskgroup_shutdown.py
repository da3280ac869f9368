"""Two workers do jobs until they are asked to stop, and never stop in the
middle of one. Ctrl-C asks them to stop; so, in this demo, does a deadline
of 3 seconds, by setting the same event. The program ends when both have
finished the job they were in, or at once on a second Ctrl-C. Past the
seeds; the Python twin of `examples/taskgroup_shutdown.rs`.
"""

import asyncio
import signal


async def worker(name, job_seconds, stop):
    job = 0
    while not stop.is_set():
        job += 1
        print(f"{name}: job {job} started")
        await asyncio.sleep(job_seconds)
        print(f"{name}: job {job} done")
    print(f"{name}: stops after job {job}")


async def main():
    stop = asyncio.Event()
    ctrl_c = asyncio.Event()
    # Ctrl-C sets an event, instead of raising KeyboardInterrupt mid-job.
    asyncio.get_running_loop().add_signal_handler(signal.SIGINT, ctrl_c.set)
    # return_exceptions: a worker cancelled when the program ends is a
    # result here, not an error for asyncio to report.
    workers = asyncio.gather(
        worker("w1", 2, stop), worker("w2", 5, stop), return_exceptions=True
    )

    try:
        await asyncio.wait_for(ctrl_c.wait(), timeout=3)
        print("Ctrl-C: asking the workers to stop")
    except TimeoutError:
        print("3 s gone: asking the workers to stop")
    stop.set()

    # A second Ctrl-C does not wait for the jobs.
    ctrl_c.clear()
    again = asyncio.create_task(ctrl_c.wait())
    await asyncio.wait([workers, again], return_when=asyncio.FIRST_COMPLETED)
    if again.done():
        # asyncio.run cancels the workers when main returns.
        print("Ctrl-C: stopping now, without waiting for the workers")
    else:
        again.cancel()
        print("all workers stopped")


if __name__ == "__main__":
    asyncio.run(main())
