# Rule: Lock hands ownership to waiters in the order they called acquire(); a waiter resumes one
# pass after release(); acquire() on a free lock with no waiters does not yield.
import asyncio

async def worker(lock, name, hold):
    print(name, "wants")
    await lock.acquire()
    try:
        print(name, "got", f"{asyncio.get_running_loop().time():.1f}")
        await asyncio.sleep(hold)
    finally:
        lock.release()
        print(name, "released")

async def main():
    loop = asyncio.get_running_loop()
    lock = asyncio.Lock()
    loop.call_soon(print, "callSoon ran")
    print("acquired", str(await lock.acquire()).lower())
    lock.release()
    tasks = [asyncio.create_task(worker(lock, n, 1)) for n in "abc"]
    await asyncio.sleep(0)
    print("locked", str(lock.locked()).lower())
    await asyncio.gather(*tasks)
    print("locked", str(lock.locked()).lower())

asyncio.run(main())
