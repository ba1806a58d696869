# Rule: at the start of a pass, due timers are appended to the ready queue behind the callbacks already
# there; so call_later(0, ...) runs after call_soon callbacks queued both before and after it.
import asyncio

async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(print, "soon 1")
    loop.call_later(0, print, "later 0 (A)")
    loop.call_soon(print, "soon 2")
    loop.call_later(0, print, "later 0 (B)")
    loop.call_soon(print, "soon 3")
    print("main yields")
    await asyncio.sleep(0)
    print("main back")
    await asyncio.sleep(0)
    print("main end")

asyncio.run(main())
