"""Three tasks each deposit 100 into one account, and each deposit waits
for a slow check. Updated after the check, nothing is lost; read before
the check and written after it, two deposits vanish; read and written
under an `asyncio.Lock` held across the check, nothing is lost, but the
checks take turns. Past the seeds; the Python twin of `src/main.rs`.
"""

import asyncio
import time


class Account:
    def __init__(self):
        self.balance = 0
        self.lock = asyncio.Lock()


async def check(amount):
    """The bank's slow check of a deposit."""
    await asyncio.sleep(1)


async def update_after_the_check(account, amount):
    await check(amount)
    # No await between the read and the write: no other task can run there.
    account.balance += amount


async def read_before_write_after(account, amount):
    current = account.balance
    await check(amount)  # the other tasks read the same balance meanwhile
    account.balance = current + amount


async def lock_across_the_check(account, amount):
    async with account.lock:
        current = account.balance
        await check(amount)
        account.balance = current + amount


async def main():
    for title, deposit in [
        ("update after the await", update_after_the_check),
        ("read before the await, write after it", read_before_write_after),
        ("a lock held across the await", lock_across_the_check),
    ]:
        print(f"-- {title} --")
        account = Account()
        started = time.perf_counter()
        await asyncio.gather(*(deposit(account, 100) for _ in range(3)))
        took = round(time.perf_counter() - started)
        print(f"balance: {account.balance} after {took} s")


if __name__ == "__main__":
    asyncio.run(main())
