# Rule: a timeout scope's deadline moved after its timer fired but before the timer's callback ran
# (both in the same pass) does not fire at the old deadline: the moved timer is cancelled, and the
# scope times out at the new deadline. Here a callback due at the same time, scheduled earlier,
# runs first in that pass and calls reschedule(). Then a future resolved by a timer due with a
# scope's deadline, and scheduled before it: the scope's timer still runs in that pass, first.
import asyncio

def now():
    return f"{asyncio.get_running_loop().time():.1f}"

async def main():
    loop = asyncio.get_running_loop()
    scopes = []

    def move():
        print("at", now(), "the deadline moves to 5, expired", str(scopes[0].expired()).lower())
        scopes[0].reschedule(5)

    loop.call_at(1, move)
    try:
        async with asyncio.timeout_at(1) as cm:
            scopes.append(cm)
            await asyncio.sleep(10)
    except TimeoutError:
        print("timed out at", now(), "expired", str(cm.expired()).lower())

    fut = loop.create_future()
    loop.call_at(loop.time() + 1, fut.set_result, "done")
    try:
        async with asyncio.timeout(1) as cm2:
            print("got", await fut, "at", now())
        print("scope exited at", now(), "expired", str(cm2.expired()).lower())
    except TimeoutError:
        print("timed out at", now())
    await asyncio.sleep(2)
    print("end at", now())

asyncio.run(main())
