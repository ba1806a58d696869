# Rule: awaiting a future (or task) that is already done does not yield to the loop; awaiting a
# pending one does. A call_soon chain that ticks once per pass shows where the task yielded.
import asyncio

def ticker(n, loop):
    print("tick", n)
    if n < 3:
        loop.call_soon(ticker, n + 1, loop)

async def quick():
    return "q"

async def main():
    loop = asyncio.get_running_loop()
    done_fut = loop.create_future()
    done_fut.set_result("ready")
    t = asyncio.create_task(quick())
    await asyncio.sleep(0)
    print("task done:", str(t.done()).lower())
    loop.call_soon(ticker, 0, loop)
    v1 = await done_fut
    v2 = await done_fut
    v3 = await t
    print("awaited done ones without yielding:", v1, v2, v3)
    pending = loop.create_future()
    loop.call_soon(pending.set_result, "later")
    v4 = await pending
    print("awaited pending:", v4)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("main end")

asyncio.run(main())
