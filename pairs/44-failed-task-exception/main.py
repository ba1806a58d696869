# Rule: an exception escaping a task's coroutine finishes the task with that exception: done() is true,
# cancelled() false, exception() returns it, result() and every await of the task raise it again.
import asyncio

async def boom(delay):
    await asyncio.sleep(delay)
    print("boom raising at", f"{asyncio.get_running_loop().time():.3f}")
    raise ValueError("kaboom")

async def watcher(t, name):
    try:
        await t
    except ValueError as e:
        print(name, "saw", e)

async def main():
    t = asyncio.create_task(boom(0.2))
    w1 = asyncio.create_task(watcher(t, "w1"))
    w2 = asyncio.create_task(watcher(t, "w2"))
    await asyncio.gather(w1, w2)
    print("done:", str(t.done()).lower(), "cancelled:", str(t.cancelled()).lower())
    print("exception():", t.exception())
    try:
        t.result()
    except ValueError as e:
        print("result() raised:", e)
    try:
        await t
    except ValueError as e:
        print("await again raised the same object:", str(e is t.exception()).lower())

asyncio.run(main())
