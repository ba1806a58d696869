# Rule: Event.set() wakes every waiter; they resume in waiting order one pass later; wait() on a set
# event returns at once; a cancelled waiter is skipped; clear() makes later waits block again.
import asyncio

async def waiter(ev, name):
    print(name, "waits")
    r = await ev.wait()
    print(name, "woke", str(r).lower())

async def main():
    loop = asyncio.get_running_loop()
    ev = asyncio.Event()
    tasks = [asyncio.create_task(waiter(ev, n)) for n in "abc"]
    await asyncio.sleep(0)
    tasks[1].cancel()
    loop.call_soon(print, "callSoon before set")
    ev.set()
    print("is_set", str(ev.is_set()).lower())
    await asyncio.gather(*tasks, return_exceptions=True)
    await ev.wait()
    print("wait on set event: no pass")
    ev.clear()
    t = asyncio.create_task(waiter(ev, "d"))
    await asyncio.sleep(1)
    print("d still waiting:", str(not t.done()).lower())
    ev.set()
    await t

asyncio.run(main())
