"""The balance has one owner, the bank task, and the only way to it is the
bank's queue: each request carries a future for the reply. The bank takes
one request at a time, so it can await the slow check halfway through an
update with no lock, and loses nothing. Past the seeds; the Python twin of
`examples/shared_state_actor.rs`.
"""

import asyncio


async def bank(inbox):
    balance = 0  # nobody else can see it
    while (request := await inbox.get()) is not None:
        amount, reply = request
        await asyncio.sleep(1)  # the slow check, in the middle of the update
        balance += amount
        reply.set_result(balance)
    print(f"bank: closed with a balance of {balance}")


async def customer(name, inbox, amount):
    reply = asyncio.get_running_loop().create_future()
    await inbox.put((amount, reply))
    balance = await reply
    print(f"{name}: deposited {amount}, balance now {balance}")


async def main():
    inbox = asyncio.Queue(maxsize=8)
    bank_task = asyncio.create_task(bank(inbox))
    await asyncio.gather(
        customer("ann", inbox, 100),
        customer("bob", inbox, 200),
        customer("cy", inbox, 300),
    )
    await inbox.put(None)  # no more requests: the bank may close
    await bank_task


if __name__ == "__main__":
    asyncio.run(main())
