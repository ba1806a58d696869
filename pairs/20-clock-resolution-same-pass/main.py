# Rule: a pass takes every timer due within clock_resolution of now, so A's deadline 4.5 + 5*0.2
# (5.500000000000001) fires in the same pass as B's 5.5: both resume before B's call_soon callback.
import asyncio

async def a():
    await asyncio.sleep(4.5)
    for _ in range(5):
        await asyncio.sleep(0.2)
    print("A woke")

async def b():
    await asyncio.sleep(5.5)
    print("B woke")
    asyncio.get_running_loop().call_soon(print, "B's call_soon callback")

async def main():
    loop = asyncio.get_running_loop()
    tb = asyncio.create_task(b())
    ta = asyncio.create_task(a())
    await tb
    await ta
    print("both done at", f"{loop.time():.3f}")

asyncio.run(main())
