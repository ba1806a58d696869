# Rule: a task cancelled while it waits on an Event leaves the waiters and sees CancelledError one
# pass later; a task cancelled after set() woke it (before it runs) still sees CancelledError, at
# its turn in the pass, not in a later one; a task that cancels itself and then waits never joins
# the waiters; an Event.wait() run as a task of its own returns True; waiters woken by one set() resume
# in the order they waited, between the callbacks scheduled around the set().
import asyncio

async def waiter(ev, name):
    try:
        r = await ev.wait()
        print(name, "woke", str(r).lower())
    except asyncio.CancelledError as e:
        print(name, "cancelled", e.args[0] if e.args else "")
        raise

async def self_cancelling(ev):
    asyncio.current_task().cancel("before waiting")
    print("early waits")
    await waiter(ev, "early")

async def main():
    loop = asyncio.get_running_loop()
    ev = asyncio.Event()
    a = asyncio.create_task(waiter(ev, "a"))
    b = asyncio.create_task(waiter(ev, "b"))
    c = asyncio.create_task(waiter(ev, "c"))
    d = asyncio.create_task(waiter(ev, "d"))
    root = asyncio.create_task(ev.wait())
    await asyncio.sleep(0)
    b.cancel("while waiting")
    loop.call_soon(print, "callback before set")
    ev.set()
    c.cancel("after set")
    loop.call_soon(print, "callback after set")
    ev.clear()
    early = asyncio.create_task(self_cancelling(ev))
    rs = await asyncio.gather(a, b, c, d, root, early, return_exceptions=True)
    print([type(r).__name__ if isinstance(r, BaseException) else str(r).lower() for r in rs])
    late = asyncio.create_task(waiter(ev, "late"))
    await asyncio.sleep(0)
    late.cancel()
    await asyncio.sleep(0)
    print("late cancelled", late.cancelled(), "event set", ev.is_set())
    ev.set()
    await asyncio.sleep(0)
    print("done")

asyncio.run(main())
