# Rule: create_task schedules the task's first step with call_soon: the body does not start inside
# create_task, and first steps interleave with plain call_soon callbacks in scheduling order.
import asyncio

async def body(name):
    print("task", name, "first step")
    await asyncio.sleep(0)
    print("task", name, "second step")

async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(print, "cb 1")
    t1 = asyncio.create_task(body("one"))
    print("after create_task one, started?", str(t1.done()).lower())
    loop.call_soon(print, "cb 2")
    t2 = asyncio.create_task(body("two"))
    loop.call_soon(print, "cb 3")
    print("main yields")
    await asyncio.sleep(0)
    print("main back")
    t3 = asyncio.create_task(body("three"))
    loop.call_soon(print, "cb 4")
    await t1
    print("t1 awaited")
    await t2
    await t3
    print("main end")

asyncio.run(main())
