# Rule: BoundedSemaphore refuses a release() above its initial value (ValueError in Python,
# RangeError in tscoro); otherwise it behaves as Semaphore.
import asyncio

async def main():
    sem = asyncio.BoundedSemaphore(2)
    await sem.acquire()
    print("locked", str(sem.locked()).lower())
    sem.release()
    try:
        sem.release()
    except ValueError as e:
        print("error:", e)
    async with sem:
        async with sem:
            print("locked", str(sem.locked()).lower())
    print("locked", str(sem.locked()).lower())

asyncio.run(main())
