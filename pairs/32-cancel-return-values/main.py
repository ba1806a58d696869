# Rule: cancel() returns true while the task (or future) is pending, including a second cancel before
# the first is processed, and false once it is done (finished, failed or already cancelled).
import asyncio

async def sleeper():
    await asyncio.sleep(10)

async def finisher():
    return 1

async def failer():
    raise ValueError("bad")

async def main():
    loop = asyncio.get_running_loop()
    s = asyncio.create_task(sleeper())
    f = asyncio.create_task(finisher())
    e = asyncio.create_task(failer())
    await asyncio.sleep(0)
    print("pending sleeper:", str(s.cancel()).lower())
    print("again before processed:", str(s.cancel()).lower())
    print("finished task:", str(f.cancel()).lower())
    print("failed task:", str(e.cancel()).lower())
    try:
        await s
    except asyncio.CancelledError:
        pass
    print("already cancelled task:", str(s.cancel()).lower())
    try:
        await e
    except ValueError as err:
        print("failed task still raises:", err)
    fut = loop.create_future()
    print("pending future:", str(fut.cancel()).lower())
    print("cancelled future at once:", str(fut.cancelled()).lower())
    print("future again:", str(fut.cancel()).lower())
    fut2 = loop.create_future()
    fut2.set_result(3)
    print("done future:", str(fut2.cancel()).lower())

asyncio.run(main())
