# Rule: Condition.notify(n) wakes the n longest-waiting tasks; each returns from wait() only after
# re-acquiring the lock, in FIFO order; wait_for() re-checks its predicate after every wake-up.
import asyncio

async def consumer(cond, items, name):
    async with cond:
        print(name, "waiting")
        await cond.wait_for(lambda: len(items) > 0)
        print(name, "got", items.pop(0))

async def main():
    cond = asyncio.Condition()
    items = []
    tasks = [asyncio.create_task(consumer(cond, items, n)) for n in "abcd"]
    await asyncio.sleep(0)
    async with cond:
        items.extend(["x", "y"])
        cond.notify(2)
        print("notified 2, holding the lock")
        await asyncio.sleep(1)
    print("released")
    await asyncio.sleep(0.1)
    async with cond:
        items.extend(["z"])
        cond.notify_all()
        print("notified all")
    await asyncio.sleep(0.1)
    print("still waiting:", sum(not t.done() for t in tasks))
    async with cond:
        items.append("w")
        cond.notify()
    await asyncio.gather(*tasks)

asyncio.run(main())
