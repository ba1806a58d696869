# Rule: as_completed yields awaitables that give results in completion order (TimeoutError for the
# ones left when its timeout passes); shield() lets the awaiting task be cancelled while the
# shielded task runs on.
import asyncio

def now():
    return f"{asyncio.get_running_loop().time():.1f}"

async def job(d):
    await asyncio.sleep(d)
    return d

async def main():
    tasks = [asyncio.create_task(job(d)) for d in (3, 1, 2)]
    for aw in asyncio.as_completed(tasks):
        print("completed", await aw, "at", now())
    tasks = [asyncio.create_task(job(d)) for d in (3, 1, 2)]
    try:
        for aw in asyncio.as_completed(tasks, timeout=1.5):
            print("completed", await aw, "at", now())
    except TimeoutError:
        print("as_completed timed out at", now())
    await asyncio.gather(*tasks)
    inner = asyncio.create_task(job(2))
    async def outer():
        return await asyncio.shield(inner)
    o = asyncio.create_task(outer())
    await asyncio.sleep(1)
    o.cancel()
    try:
        await o
    except asyncio.CancelledError:
        print("outer cancelled at", now(), "inner done", str(inner.done()).lower())
    print("inner result", await inner, "at", now())

asyncio.run(main())
