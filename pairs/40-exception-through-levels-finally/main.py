# Rule: an exception raised deep in a chain of inline awaits unwinds through every level, running each
# finally (which may itself await) innermost first, and can be caught at any level or by the awaiter
# of the task.
import asyncio

async def level(n):
    try:
        if n == 0:
            await asyncio.sleep(0.1)
            raise ValueError("deep failure")
        await level(n - 1)
    finally:
        print("finally at level", n)
        if n == 2:
            await asyncio.sleep(0.1)
            print("level 2 finally awaited, time", f"{asyncio.get_running_loop().time():.3f}")

async def catcher():
    try:
        await level(3)
    except ValueError as e:
        print("catcher caught:", e)
        return "recovered"

async def main():
    print("catcher returned:", await catcher())
    t = asyncio.create_task(level(1))
    try:
        await t
    except ValueError as e:
        print("main caught from task:", e)
    print("task exception message:", t.exception())

asyncio.run(main())
