# Rule: gather propagates the first exception to its awaiter as soon as it happens; the siblings are
# NOT cancelled and keep running to completion (a later exception is not reported by gather).
import asyncio

async def ok(name, delay):
    await asyncio.sleep(delay)
    print(name, "finished at", f"{asyncio.get_running_loop().time():.3f}")
    return name

async def bad(name, delay):
    await asyncio.sleep(delay)
    print(name, "raising")
    raise ValueError(name + " failed")

async def main():
    loop = asyncio.get_running_loop()
    t_ok = asyncio.create_task(ok("sibling", 0.3))
    try:
        await asyncio.gather(ok("quick", 0.05), bad("boom", 0.1), t_ok, bad("later-boom", 0.2))
    except ValueError as e:
        print("main caught", e, "at", f"{loop.time():.3f}")
    print("sibling cancelled:", str(t_ok.cancelled()).lower())
    await asyncio.sleep(0.5)
    print("sibling result:", t_ok.result())

asyncio.run(main())
