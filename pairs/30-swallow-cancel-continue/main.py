# Rule: a task may catch CancelledError and carry on: it keeps running, can await again, returns a
# normal result, and is not cancelled(); cancel() on it later (while pending) still works.
import asyncio

async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("stubborn: ignoring cancellation")
    await asyncio.sleep(0.5)
    print("stubborn: still alive at", f"{asyncio.get_running_loop().time():.3f}")
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("stubborn: ignoring the second one too")
    return "finished normally"

async def main():
    t = asyncio.create_task(stubborn())
    await asyncio.sleep(1)
    print("first cancel:", str(t.cancel()).lower())
    await asyncio.sleep(1)
    print("second cancel:", str(t.cancel()).lower())
    r = await t
    print("result:", r)
    print("cancelled:", str(t.cancelled()).lower())

asyncio.run(main())
