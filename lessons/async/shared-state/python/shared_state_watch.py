"""A thermostat reads the temperature every 2 seconds; a display takes 5
seconds to redraw. The display shows the latest reading each time it
is ready for one, and skips those it had no time for. Past the seeds; the
Python twin of `examples/shared_state_watch.rs`.
"""

import asyncio


class Latest:
    """One value, and a way to wait until there is a newer one."""

    def __init__(self, value):
        self.value, self.version, self.closed = value, 0, False
        self._changed = asyncio.Condition()

    async def set(self, value):
        async with self._changed:
            self.value, self.version = value, self.version + 1
            self._changed.notify_all()

    async def close(self):
        async with self._changed:
            self.closed = True
            self._changed.notify_all()

    async def newer_than(self, seen):
        """(version, value) newer than `seen`, or None once closed without one."""
        async with self._changed:
            await self._changed.wait_for(lambda: self.version > seen or self.closed)
            return (self.version, self.value) if self.version > seen else None


async def thermostat(reading):
    for value in [20.5, 21.0, 21.5, 22.0, 22.5]:
        await asyncio.sleep(2)
        await reading.set(value)
        print(f"thermostat: {value:.1f}")
    await reading.close()


async def display(reading):
    seen = 0
    while (newer := await reading.newer_than(seen)) is not None:
        seen, value = newer
        print(f"display: shows {value:.1f}")
        await asyncio.sleep(5)  # a slow redraw
    print("display: the thermostat is gone")


async def main():
    reading = Latest(20.0)
    await asyncio.gather(thermostat(reading), display(reading))


if __name__ == "__main__":
    asyncio.run(main())
