# Rule: several tasks awaiting one future are woken in the order they started waiting (their wakeups
# are done-callbacks), all in the pass after set_result; sleep(delay, value) returns value.
import asyncio

async def waiter(name, fut, delay):
    await asyncio.sleep(delay)
    print(name, "waiting")
    v = await fut
    print(name, "got", v)

async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    tasks = [asyncio.create_task(waiter("w-late", fut, 0.3)),
             asyncio.create_task(waiter("w-early", fut, 0.1)),
             asyncio.create_task(waiter("w-mid", fut, 0.2))]
    v = await asyncio.sleep(0.5, "payload")
    loop.call_soon(print, "queued before set_result")
    fut.set_result(v)
    loop.call_soon(print, "queued after set_result")
    await asyncio.gather(*tasks)

asyncio.run(main())
