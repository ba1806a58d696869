# Rule: Semaphore admits `value` tasks at once and queues the rest FIFO; locked() is true while
# others wait; a permit handed to a waiter cancelled before it runs goes to the next waiter.
import asyncio

async def worker(sem, name, hold):
    async with sem:
        print(name, "in at", asyncio.get_running_loop().time())
        await asyncio.sleep(hold)
    print(name, "out")

async def main():
    sem = asyncio.Semaphore(2)
    tasks = [asyncio.create_task(worker(sem, n, 1)) for n in "abcde"]
    await asyncio.sleep(0.5)
    print("locked", str(sem.locked()).lower())
    tasks[2].cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    await sem.acquire()
    await sem.acquire()
    x = asyncio.create_task(worker(sem, "x", 0))
    y = asyncio.create_task(worker(sem, "y", 0))
    await asyncio.sleep(0)
    sem.release()
    x.cancel()
    await asyncio.gather(x, y, return_exceptions=True)
    sem.release()
    print("locked", str(sem.locked()).lower())

asyncio.run(main())
