# Rule: awaiting a coroutine runs it inline in the same task, without yielding to the loop: a
# concurrent task that is ready never gets to interleave while the chain of plain coroutines runs.
import asyncio

async def leaf(n):
    print("leaf", n)
    return n * 10

async def middle(n):
    print("middle start", n)
    a = await leaf(n)
    b = await leaf(n + 1)
    print("middle end", n)
    return a + b

async def other():
    print("other runs")
    await asyncio.sleep(0)
    print("other again")

async def main():
    t = asyncio.create_task(other())
    total = 0
    for i in range(3):
        total += await middle(i)
    print("total", total)
    await asyncio.sleep(0)
    print("main after yield")
    await t

asyncio.run(main())
