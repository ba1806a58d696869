# Rule: an exception from the TaskGroup body cancels the children and is raised in the group's
# ExceptionGroup; cancelling the task that runs a TaskGroup cancels the children, waits for them,
# and the task ends cancelled; a finished group refuses new tasks.
import asyncio

def now():
    return f"{asyncio.get_running_loop().time():.1f}"

async def child(name, d):
    try:
        await asyncio.sleep(d)
        print(name, "done at", now())
    except asyncio.CancelledError:
        print(name, "cancelled at", now())
        await asyncio.sleep(0.5)
        print(name, "cleaned up at", now())
        raise

async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child("a", 1))
            tg.create_task(child("b", 2))
            await asyncio.sleep(0.5)
            raise KeyError("body")
    except* KeyError as eg:
        print("ExceptionGroup", [type(e).__name__ for e in eg.exceptions], "at", now())

    async def runner():
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child("c", 2))
            tg.create_task(child("d", 3))
        print("not reached")
    t = asyncio.create_task(runner())
    await asyncio.sleep(1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("runner cancelled at", now())
    tg = asyncio.TaskGroup()
    async with tg:
        pass
    coro = child("late", 1)
    try:
        tg.create_task(coro)
    except RuntimeError:
        print("finished group refuses tasks")
    coro.close()

asyncio.run(main())
