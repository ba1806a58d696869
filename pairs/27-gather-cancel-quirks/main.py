# Rule (CPython quirk): without return_exceptions, a cancelled gather raises CancelledError as soon as
# one child ends cancelled, even while another child that swallowed the cancellation still runs; the
# gather then holds that CancelledError as its exception, so its cancelled() stays false.
import asyncio

async def stubborn():
    try:
        await asyncio.sleep(1.0)
    except asyncio.CancelledError:
        print("stubborn swallowed the cancellation")
    await asyncio.sleep(0.1)
    print("stubborn returns normally")
    return "kept"

async def plain():
    await asyncio.sleep(1.0)
    return "never"

async def main():
    loop = asyncio.get_running_loop()
    s = asyncio.create_task(stubborn())
    p = asyncio.create_task(plain())
    g = asyncio.gather(s, p)
    await asyncio.sleep(0.05)
    print("cancel returned", str(g.cancel()).lower())
    try:
        await g
        print("gather returned")
    except asyncio.CancelledError:
        print("gather raised CancelledError at", f"{loop.time():.3f}")
    print("g done:", str(g.done()).lower(), "g cancelled:", str(g.cancelled()).lower())
    print("stubborn done yet:", str(s.done()).lower())
    print("stubborn result:", await s, "cancelled:", str(s.cancelled()).lower())
    print("plain cancelled:", str(p.cancelled()).lower())

asyncio.run(main())
