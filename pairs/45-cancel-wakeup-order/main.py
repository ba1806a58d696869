# Rule: cancel() on a sleeping task schedules its wakeup with call_soon at the moment of the cancel, so
# cancelled tasks resume in cancel order, interleaved with other call_soon callbacks in queue order;
# their sleep timers never fire.
import asyncio

async def sleeper(name, delay):
    try:
        await asyncio.sleep(delay)
        print(name, "woke normally")
    except asyncio.CancelledError:
        print(name, "cancelled")

async def main():
    loop = asyncio.get_running_loop()
    a = asyncio.create_task(sleeper("a", 5))
    b = asyncio.create_task(sleeper("b", 5.5))
    c = asyncio.create_task(sleeper("c", 6))
    await asyncio.sleep(1)
    loop.call_soon(print, "cb 1")
    c.cancel()
    loop.call_soon(print, "cb 2")
    a.cancel()
    loop.call_soon(print, "cb 3")
    await asyncio.gather(a, b, c)
    print("all done at", f"{loop.time():.3f}")

asyncio.run(main())
