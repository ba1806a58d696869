# Rule: a recursion of inline awaits 250 levels deep (each level awaiting the next coroutine) runs in
# one task, suspends at the bottom, and returns and raises back up through every level.
import asyncio

DEPTH = 250

async def down(n):
    if n == 0:
        await asyncio.sleep(0.1)
        return 0
    return 1 + await down(n - 1)

async def fail(n):
    if n == 0:
        await asyncio.sleep(0)
        raise ValueError("bottom")
    try:
        await fail(n - 1)
    except ValueError as e:
        raise ValueError(str(n)) if n % 100 == 0 else e

async def ticker():
    for i in range(3):
        print("ticker", i)
        await asyncio.sleep(0)

async def main():
    t = asyncio.create_task(ticker())
    print("depth reached:", await down(DEPTH))
    try:
        await fail(DEPTH)
    except ValueError as e:
        print("failure came up as:", e)
    results = await asyncio.gather(down(DEPTH), down(DEPTH - 50))
    print("two deep tasks:", results[0], results[1])
    await t

asyncio.run(main())
