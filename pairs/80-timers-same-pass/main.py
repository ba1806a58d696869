# Rule: timers fall due by deadline, sleeps and call_later handles alike, and all timers due within
# the clock resolution (1e-9 s) of the earliest one go to the ready queue in the same pass. A task
# resumes one pass after its sleep's timer is due, so a callback due in that same pass (an earlier
# deadline) can still cancel it: the task sees CancelledError, not its sleep's result. A cancelled
# timer neither runs nor moves the clock; a deadline already past runs in the next pass.
# (Equal deadlines are avoided: CPython orders those by heapq's internals, tscoro by scheduling.)
# expected.txt: CPython 3.11 under vasyncio.py.
import asyncio


async def sleeper(name, delay):
    try:
        await asyncio.sleep(delay)
        print(name, "woke at", asyncio.get_running_loop().time())
    except asyncio.CancelledError as e:
        print(name, "cancelled at", asyncio.get_running_loop().time(), "message", e.args[0] if e.args else "")
        raise


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(1, print, "handle at 1")
    a = asyncio.create_task(sleeper("task a", 1.25))
    await asyncio.sleep(0)
    loop.call_later(1.5, print, "handle at 1.5")
    b = asyncio.create_task(sleeper("task b", 0.75))
    await asyncio.sleep(0)
    # Due 0.5 ns before c's timer: the same pass, first. c's timer is already due when c is cancelled.
    c = None
    loop.call_later(2 - 5e-10, lambda: print("cancel c:", c.cancel("late")))
    c = asyncio.create_task(sleeper("task c", 2))
    d = asyncio.create_task(sleeper("task d", 2.5))
    await asyncio.sleep(0)
    # A cancelled timer alone at its deadline: the clock does not jump to 5.
    h = loop.call_later(5, print, "never")
    h.cancel()
    print("cancelled handle:", h.cancelled())
    # Cancel a sleeper before its deadline; one due later still wakes.
    e = asyncio.create_task(sleeper("task e", 3))
    f = asyncio.create_task(sleeper("task f", 3.5))
    await asyncio.sleep(0)
    e.cancel("stop e")
    # A deadline already past runs in the next pass.
    loop.call_at(loop.time() - 1, print, "past deadline at", loop.time())
    results = await asyncio.gather(a, b, c, d, e, f, return_exceptions=True)
    print([type(r).__name__ if isinstance(r, BaseException) else r for r in results])
    print("end at", loop.time())


asyncio.run(main())
