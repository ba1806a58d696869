# Rule: nested timeout scopes each convert only their own cancellation into TimeoutError: the inner
# one firing is caught inside the outer, the outer one firing passes through the inner as
# CancelledError; reschedule() moves a deadline; timeout_at in the past fires in the next pass.
import asyncio

def now():
    return f"{asyncio.get_running_loop().time():.1f}"

async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(5) as outer:
            try:
                async with asyncio.timeout(1) as inner:
                    await asyncio.sleep(3)
            except TimeoutError:
                print("inner timed out at", now(), "outer expired", str(outer.expired()).lower())
            await asyncio.sleep(10)
    except TimeoutError:
        print("outer timed out at", now(), "inner expired", str(inner.expired()).lower())
    try:
        async with asyncio.timeout(1) as outer:
            try:
                async with asyncio.timeout(5) as inner:
                    await asyncio.sleep(3)
            except asyncio.CancelledError:
                print("inner scope saw CancelledError at", now())
                raise
    except TimeoutError:
        print("outer timed out at", now(), "inner expired", str(inner.expired()).lower())
    try:
        async with asyncio.timeout(None) as cm:
            print("when", cm.when())
            cm.reschedule(loop.time() + 2)
            await asyncio.sleep(1)
            cm.reschedule(loop.time() + 2)
            print("when", cm.when())
            await asyncio.sleep(10)
    except TimeoutError:
        print("rescheduled timeout at", now())
    try:
        async with asyncio.timeout_at(loop.time() - 1):
            await asyncio.sleep(1)
    except TimeoutError:
        print("past deadline fired at", now())

asyncio.run(main())
