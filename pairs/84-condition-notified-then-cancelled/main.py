# Rule (CPython 3.13, gh-112202; tscoro's one deliberate change to 3.11): a task that was notified
# by Condition.notify() and is cancelled before it gets the lock back hands the notification to the
# next waiter, so that it is not lost. expected.txt: CPython 3.13.0 under vasyncio.py (3.11.7 and
# 3.12.1 lose it: "b done: false", then "b cancelled").
import asyncio


async def waiter(cond, name):
    async with cond:
        try:
            await cond.wait()
            print(name, "notified")
        except asyncio.CancelledError:
            print(name, "cancelled")
            raise


async def main():
    cond = asyncio.Condition()
    a = asyncio.create_task(waiter(cond, "a"))
    b = asyncio.create_task(waiter(cond, "b"))
    await asyncio.sleep(0)
    async with cond:
        cond.notify()
    a.cancel()  # notified, but cancelled before it re-acquires the lock
    done, _ = await asyncio.wait([b], timeout=1)
    print("b done:", str(b in done).lower())
    if not done:
        b.cancel()
    await asyncio.gather(a, b, return_exceptions=True)
    print("a cancelled:", str(a.cancelled()).lower())


asyncio.run(main())
