# Rule: when main returns, run() cancels every still-pending task and keeps the loop running until
# they finish, so their finally blocks may await (sleep(0) and timers); then run returns main's result.
# (Only w1 prints before its cleanup sleep: CPython cancels leftovers in set order, not creation order.)
import asyncio

async def w1():
    try:
        print("w1 working")
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        print("w1 got CancelledError")
        raise
    finally:
        print("w1 cleanup starts")
        await asyncio.sleep(0)
        print("w1 cleanup after sleep(0)")
        await asyncio.sleep(0.2)
        print("w1 cleanup done at", f"{asyncio.get_running_loop().time():.3f}")

async def w2():
    try:
        await asyncio.sleep(100)
    finally:
        await asyncio.sleep(0.1)
        print("w2 cleanup done at", f"{asyncio.get_running_loop().time():.3f}")

async def quick():
    print("quick done")

async def main():
    asyncio.create_task(w1())
    asyncio.create_task(w2())
    asyncio.create_task(quick())
    await asyncio.sleep(1)
    print("main returns")
    return 7

print("run returned", asyncio.run(main()))
