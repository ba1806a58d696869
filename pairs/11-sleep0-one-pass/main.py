# Rule: sleep(0) yields exactly one loop pass: a task doing sleep(0) in a loop advances in lock-step
# with a call_soon chain that reschedules itself once per pass.
import asyncio

def ticker(n, loop):
    print("tick", n)
    if n < 4:
        loop.call_soon(ticker, n + 1, loop)

async def worker():
    for i in range(3):
        print("worker before sleep", i)
        await asyncio.sleep(0)
    print("worker done")

async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(ticker, 0, loop)
    t = asyncio.create_task(worker())
    await asyncio.sleep(0)
    print("main after one pass")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("main after three passes")
    await t
    print("main after worker")

asyncio.run(main())
