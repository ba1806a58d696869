# Rule: a task cancelled while waiting on a Condition re-acquires the lock before CancelledError
# leaves wait() (so its `async with` releases a lock it holds); other waiters are unaffected.
import asyncio

async def waiter(cond, name):
    async with cond:
        try:
            await cond.wait()
            print(name, "notified")
        except asyncio.CancelledError:
            print(name, "cancelled; holds lock:", str(cond.locked()).lower())
            raise

async def main():
    cond = asyncio.Condition()
    a = asyncio.create_task(waiter(cond, "a"))
    b = asyncio.create_task(waiter(cond, "b"))
    await asyncio.sleep(0)
    async with cond:
        a.cancel()
        await asyncio.sleep(0.5)
        print("a done while main holds the lock:", str(a.done()).lower())
    await asyncio.sleep(0)
    print("a done:", str(a.done()).lower())
    async with cond:
        cond.notify()
    await asyncio.gather(a, b, return_exceptions=True)
    print("locked", str(cond.locked()).lower())

asyncio.run(main())
