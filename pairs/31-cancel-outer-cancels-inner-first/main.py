# Rule: cancelling a task that awaits another task cancels the inner task first (the outer's cancel is
# forwarded to what it waits on); the inner's handlers run one pass before the outer's, and the outer
# sees the CancelledError coming out of the inner task.
import asyncio

def ticker(n, loop):
    print("tick", n)
    if n < 2:
        loop.call_soon(ticker, n + 1, loop)

async def inner():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("inner: cancelled")
        raise
    finally:
        print("inner: finally")

async def middle(t):
    try:
        await t
    except asyncio.CancelledError:
        print("middle: cancelled, inner cancelled =", str(t.cancelled()).lower())
        raise

async def main():
    loop = asyncio.get_running_loop()
    t_in = asyncio.create_task(inner())
    t_mid = asyncio.create_task(middle(t_in))
    await asyncio.sleep(0.5)
    loop.call_soon(ticker, 0, loop)
    t_mid.cancel()
    print("after cancel: inner done =", str(t_in.done()).lower())
    try:
        await t_mid
    except asyncio.CancelledError:
        print("main: middle cancelled =", str(t_mid.cancelled()).lower())

asyncio.run(main())
