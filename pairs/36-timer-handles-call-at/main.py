# Rule: call_later(delay) is call_at(loop.time() + delay); a cancelled handle never runs; extra
# arguments are passed through; timer callbacks scheduled from timer callbacks count from the virtual
# time at which they are created; call_soon handles can be cancelled before their pass too.
import asyncio

def report(label, loop):
    print(label, "at", f"{loop.time():.3f}")

def chain(n, loop):
    print("chain", n, "at", f"{loop.time():.3f}")
    if n < 3:
        loop.call_later(0.3, chain, n + 1, loop)

async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    h1 = loop.call_later(0.5, report, "cancelled later", loop)
    h2 = loop.call_at(t0 + 0.75, report, "at 0.75", loop)
    h3 = loop.call_soon(report, "cancelled soon", loop)
    loop.call_soon(report, "soon", loop)
    loop.call_later(0.1, chain, 0, loop)
    h1.cancel()
    h3.cancel()
    print("h1 cancelled:", str(h1.cancelled()).lower(), "h2 cancelled:", str(h2.cancelled()).lower())
    print("h3 cancelled:", str(h3.cancelled()).lower())
    await asyncio.sleep(0.65)
    print("main at", f"{loop.time():.3f}")
    loop.call_at(0.2, report, "deadline in the past", loop)
    loop.call_later(-1, report, "negative delay", loop)
    await asyncio.sleep(1.5)
    print("main end at", f"{loop.time():.3f}")

asyncio.run(main())
