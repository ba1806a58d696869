# Rule: a getter cancelled after put_nowait() woke it passes the wake-up to the next getter (the item
# is not stranded); a putter cancelled after a slot freed passes it on to the next putter.
import asyncio

async def getter(q, name):
    try:
        print(name, "got", await q.get())
    except asyncio.CancelledError:
        print(name, "cancelled, queue size", q.qsize())
        raise

async def putter(q, item):
    try:
        await q.put(item)
        print("put", item)
    except asyncio.CancelledError:
        print("put", item, "cancelled")
        raise

async def main():
    q = asyncio.Queue()
    gs = [asyncio.create_task(getter(q, n)) for n in "abc"]
    await asyncio.sleep(0)
    q.put_nowait("x")
    gs[0].cancel()
    await asyncio.sleep(0)
    q.put_nowait("y")
    await asyncio.gather(*gs, return_exceptions=True)
    print("left", q.qsize())
    q2 = asyncio.Queue(1)
    q2.put_nowait(0)
    ps = [asyncio.create_task(putter(q2, n)) for n in (1, 2)]
    await asyncio.sleep(0)
    print("took", q2.get_nowait())
    ps[0].cancel()
    await asyncio.gather(*ps, return_exceptions=True)
    print("q2 holds", q2.get_nowait())

asyncio.run(main())
