# Rule: a bounded Queue blocks put() while full and get() while empty, waking one waiter per
# item or slot, FIFO; join() returns once task_done() was called for every item put.
import asyncio

async def producer(q):
    for i in range(6):
        await q.put(i)
        print("put", i, "size", q.qsize(), "full", str(q.full()).lower())

async def consumer(q, name):
    while True:
        item = await q.get()
        print(name, "got", item)
        await asyncio.sleep(0.5)
        q.task_done()

async def main():
    q = asyncio.Queue(2)
    print("maxsize", q.maxsize, "empty", str(q.empty()).lower())
    consumers = [asyncio.create_task(consumer(q, n)) for n in "ab"]
    await producer(q)
    await q.join()
    print("joined at", asyncio.get_running_loop().time(), "empty", str(q.empty()).lower())
    for c in consumers:
        c.cancel()
    await asyncio.gather(*consumers, return_exceptions=True)
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")
    q.put_nowait("p")
    q.put_nowait("q")
    try:
        q.put_nowait("r")
    except asyncio.QueueFull:
        print("QueueFull")

asyncio.run(main())
