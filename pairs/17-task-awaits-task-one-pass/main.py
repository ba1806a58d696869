# Rule: a task awaiting another task resumes one pass after that task finishes (the waiter is woken
# by a done-callback, itself scheduled with call_soon); a per-pass call_soon ticker shows the gap.
import asyncio

def ticker(n, loop):
    print("tick", n)
    if n < 2:
        loop.call_soon(ticker, n + 1, loop)

async def child():
    print("child step 1")
    await asyncio.sleep(0)
    print("child step 2, returning")
    return "value"

async def waiter(t, name):
    v = await t
    print(name, "resumed with", v)
    return name

async def main():
    loop = asyncio.get_running_loop()
    c = asyncio.create_task(child())
    w1 = asyncio.create_task(waiter(c, "w1"))
    loop.call_soon(ticker, 0, loop)
    w2 = asyncio.create_task(waiter(c, "w2"))
    r = await w1
    print("main got", r)
    print("main got", await w2)

asyncio.run(main())
