# Rule: after cancel() a sleeping task is not yet done or cancelled(); it becomes cancelled only when
# the loop has run it with the CancelledError (one pass later), and its done-callbacks run a pass after.
import asyncio

def ticker(n, loop, t):
    print("tick", n, "done", str(t.done()).lower(), "cancelled", str(t.cancelled()).lower())
    if n < 3:
        loop.call_soon(ticker, n + 1, loop, t)

async def sleeper():
    try:
        await asyncio.sleep(10)
    finally:
        print("sleeper finally runs")

async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    t.add_done_callback(lambda f: print("done callback, cancelled", str(f.cancelled()).lower()))
    loop.call_soon(ticker, 0, loop, t)
    t.cancel()
    print("right after cancel: done", str(t.done()).lower(), "cancelled", str(t.cancelled()).lower())
    for _ in range(4):
        await asyncio.sleep(0)

asyncio.run(main())
