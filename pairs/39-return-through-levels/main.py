# Rule: a value returned by the innermost coroutine comes back up through several levels of inline
# awaits in one task; only the real suspension (the sleep at the bottom) lets another task run.
import asyncio

async def level(n, log):
    log.append(n)
    if n == 0:
        print("bottom reached, sleeping")
        await asyncio.sleep(0.1)
        return 1
    below = await level(n - 1, log)
    return below * 2 + n

async def other():
    print("other task ran while the chain slept")

async def main():
    log = []
    asyncio.create_task(other())
    v = await level(6, log)
    print("levels entered:", " ".join(str(x) for x in log))
    print("value:", v)
    t = asyncio.create_task(level(4, []))
    print("via a task:", await t)

asyncio.run(main())
