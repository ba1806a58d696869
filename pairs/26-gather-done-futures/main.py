# Rule: gather of already-done futures still completes through done-callbacks scheduled with call_soon,
# so awaiting it yields (two passes: children's callbacks, then the waiter's wakeup); gather() of nothing
# is already done and does not yield.
# VERSION NOTE: this is CPython 3.11 behaviour (expected.txt); 3.12+ runs the done-callbacks of
# already-done children synchronously, so there the gather of done futures does not yield at all.
import asyncio

def ticker(n, loop):
    print("tick", n)
    if n < 3:
        loop.call_soon(ticker, n + 1, loop)

async def main():
    loop = asyncio.get_running_loop()
    f1 = loop.create_future()
    f2 = loop.create_future()
    f1.set_result("x")
    f2.set_result("y")
    loop.call_soon(ticker, 0, loop)
    empty = await asyncio.gather()
    print("empty gather gave", len(empty), "results without yielding")
    res = await asyncio.gather(f1, f2)
    print("gather of done futures:", " ".join(res))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("main end")

asyncio.run(main())
