# Rule: timers fire in (deadline, insertion) order whatever order they were created in; call_later and
# call_at share one timer queue; loop.time() on the virtual clock reads each timer's deadline.
import asyncio

def cb(name, loop):
    print(name, "at", f"{loop.time():.3f}")

async def main():
    loop = asyncio.get_running_loop()
    print("start at", f"{loop.time():.3f}")
    loop.call_later(0.3, cb, "c (later 0.3)", loop)
    loop.call_later(0.1, cb, "a (later 0.1)", loop)
    loop.call_at(loop.time() + 0.2, cb, "b (at 0.2)", loop)
    loop.call_later(0.25, cb, "tie first (later 0.25)", loop)
    loop.call_later(0.25, cb, "tie second (later 0.25)", loop)
    loop.call_later(0.05, cb, "first (later 0.05)", loop)
    loop.call_at(0.45, cb, "last (at 0.45)", loop)
    await asyncio.sleep(0.5)
    print("main woke at", f"{loop.time():.3f}")

asyncio.run(main())
