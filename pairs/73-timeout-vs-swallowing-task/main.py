# Rule: when the inner work swallows the cancellation, wait_for returns the value it returned
# instead of raising TimeoutError (after its cleanup), and a timeout() scope whose body swallows
# the cancellation ends normally with expired() true.
import asyncio

def now():
    return f"{asyncio.get_running_loop().time():.1f}"

async def stubborn():
    try:
        await asyncio.sleep(10)
        return "finished"
    except asyncio.CancelledError:
        print("stubborn swallows the cancel at", now())
        await asyncio.sleep(1)
        return "partial result"

async def main():
    r = await asyncio.wait_for(stubborn(), 2)
    print("wait_for returned", repr(r), "at", now())
    async with asyncio.timeout(1) as cm:
        r = await stubborn()
    print("timeout body returned", repr(r), "expired", str(cm.expired()).lower(), "at", now())
    t = asyncio.current_task()
    print("cancelling", t.cancelling())

asyncio.run(main())
