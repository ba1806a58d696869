# Rule: done-callbacks are never called synchronously by set_result: each is scheduled with call_soon,
# in registration order, behind callbacks already queued. Adding one to a done future schedules it too.
import asyncio

async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(lambda f: print("cb A sees", f.result()))
    fut.add_done_callback(lambda f: print("cb B sees", f.result()))
    loop.call_soon(print, "queued before set_result")
    fut.set_result(42)
    print("set_result returned; nothing ran yet")
    loop.call_soon(print, "queued after set_result")
    fut.add_done_callback(lambda f: print("cb C (added when done)"))
    print("added C; still nothing ran")
    await asyncio.sleep(0)
    print("after one pass")
    fut.add_done_callback(lambda f: print("cb D (added later)"))
    await asyncio.sleep(0)
    print("main end")

asyncio.run(main())
