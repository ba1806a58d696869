# Rule: PriorityQueue returns the smallest entry first (tuples compare element by element; equal
# priorities leave in heapq's order); LifoQueue returns the newest entry first.
import asyncio

async def main():
    pq = asyncio.PriorityQueue()
    for item in [(3, "c"), (1, "b"), (2, "x"), (1, "a"), (0, "z"), (2, "w")]:
        await pq.put(item)
    while not pq.empty():
        p, s = await pq.get()
        print(p, s)
    lq = asyncio.LifoQueue()
    for i in range(4):
        lq.put_nowait(i)
    print([lq.get_nowait() for _ in range(4)])
    consumer = asyncio.create_task(pq.get())
    await asyncio.sleep(0)
    pq.put_nowait((5, "late"))
    print(await consumer)

asyncio.run(main())
