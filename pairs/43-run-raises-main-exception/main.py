# Rule: if main raises, run() still cancels the leftover tasks and waits for their cleanup, then
# raises main's exception to its caller (after the leftovers' finally blocks have printed).
import asyncio

async def leftover():
    try:
        await asyncio.sleep(100)
    finally:
        print("leftover cleanup starts")
        await asyncio.sleep(0.5)
        print("leftover cleanup done at", f"{asyncio.get_running_loop().time():.3f}")

async def main():
    asyncio.create_task(leftover())
    await asyncio.sleep(1)
    print("main raising")
    raise ValueError("main failed")

try:
    asyncio.run(main())
except ValueError as e:
    print("run raised:", e)
