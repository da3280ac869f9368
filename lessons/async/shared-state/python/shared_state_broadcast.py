"""A room where everyone hears everything said after they came in: alice
is there from the start and reads at once; bob comes in after the first
news and takes a second over each. Each gets every message, in order,
and hears the room close after the last. Past the seeds; the Python twin
of `examples/shared_state_broadcast.rs`.
"""

import asyncio


class Room:
    """One queue per listener: saying something puts it in every queue."""

    def __init__(self):
        self.inboxes = []

    def join(self):
        inbox = asyncio.Queue()
        self.inboxes.append(inbox)
        return inbox

    def say(self, message):
        for inbox in self.inboxes:
            inbox.put_nowait(message)


async def listen(name, inbox, reading):
    while (news := await inbox.get()) is not None:
        await asyncio.sleep(reading)  # how long this listener takes to read
        print(f"{name}: {news}")
    print(f"{name}: the room closed")


async def say_later(room, news):
    await asyncio.sleep(2)
    room.say(news)
    print(f"room: sent {news}")


async def main():
    room = Room()
    alice = asyncio.create_task(listen("alice", room.join(), 0))
    await say_later(room, "news 1")
    # Bob comes in now: he hears what is said from here on.
    bob = asyncio.create_task(listen("bob", room.join(), 1))
    await say_later(room, "news 2")
    await say_later(room, "news 3")
    room.say(None)  # the room closes
    await asyncio.gather(alice, bob)


if __name__ == "__main__":
    asyncio.run(main())
