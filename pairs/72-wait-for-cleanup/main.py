# Rule: wait_for returns the result in time; on timeout it cancels the inner task and waits for its
# cleanup (even one that awaits) before raising TimeoutError; cancelling the waiter cancels the
# inner task and waits for it too; a timeout of 0 only accepts a result that is ready now.
import asyncio

def now():
    return f"{asyncio.get_running_loop().time():.1f}"

async def work(d):
    try:
        await asyncio.sleep(d)
        return f"work({d}) done"
    except asyncio.CancelledError:
        print("work cancelled at", now())
        await asyncio.sleep(0.5)
        print("work cleanup done at", now())
        raise

async def main():
    print(await asyncio.wait_for(work(1), 2))
    try:
        await asyncio.wait_for(work(5), 1)
    except TimeoutError:
        print("TimeoutError at", now())
    try:
        await asyncio.wait_for(work(5), 0)
    except TimeoutError:
        print("TimeoutError for 0 at", now())
    t = asyncio.create_task(asyncio.wait_for(work(5), 3))
    await asyncio.sleep(1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("waiter cancelled at", now())
    print(await asyncio.wait_for(work(1), None))

asyncio.run(main())
