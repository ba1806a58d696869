# Rule: a task cancelled while waiting in Lock.acquire() raises CancelledError there and leaves the
# queue; a waiter that was already woken by release() but is cancelled before it runs passes the
# wake-up to the next waiter, so no release is lost.
import asyncio

async def worker(lock, name):
    try:
        await lock.acquire()
    except asyncio.CancelledError:
        print(name, "cancelled while waiting; locked:", str(lock.locked()).lower())
        raise
    try:
        print(name, "got the lock")
        await asyncio.sleep(0)
    finally:
        lock.release()

async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    a = asyncio.create_task(worker(lock, "a"))
    b = asyncio.create_task(worker(lock, "b"))
    c = asyncio.create_task(worker(lock, "c"))
    await asyncio.sleep(0)
    b.cancel()
    await asyncio.sleep(0)
    lock.release()
    a.cancel()
    results = await asyncio.gather(a, b, c, return_exceptions=True)
    print([type(r).__name__ for r in results])
    print("locked", str(lock.locked()).lower())

asyncio.run(main())
