# Rule: with return_exceptions, gather waits for every child and puts each exception (including a
# child's CancelledError) in that child's slot instead of raising.
import asyncio

async def ok(v, delay):
    await asyncio.sleep(delay)
    return v

async def bad(msg, delay):
    await asyncio.sleep(delay)
    raise ValueError(msg)

async def main():
    victim = asyncio.create_task(ok("never", 1.0))
    asyncio.get_running_loop().call_later(0.1, victim.cancel)
    results = await asyncio.gather(ok("one", 0.3), bad("two failed", 0.05), victim, bad("four failed", 0.2), ok("five", 0.0),
                                   return_exceptions=True)
    for i, r in enumerate(results):
        if isinstance(r, asyncio.CancelledError):
            print(i, "cancelled")
        elif isinstance(r, Exception):
            print(i, "error", r)
        else:
            print(i, "value", r)
    print("at", f"{asyncio.get_running_loop().time():.3f}")

asyncio.run(main())
