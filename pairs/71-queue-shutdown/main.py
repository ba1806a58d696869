# Rule (Python 3.13; expected.txt printed by CPython 3.13.0 under vasyncio.py): after shutdown(),
# put() raises QueueShutDown and blocked putters wake with it; get() still returns the items left,
# then raises QueueShutDown (blocked getters wake with it); shutdown(immediate=True) drops the items,
# counts them as done so join() returns, and get() fails at once.
import asyncio

async def getter(q, name):
    try:
        print(name, "got", await q.get())
    except asyncio.QueueShutDown:
        print(name, "QueueShutDown at", asyncio.get_running_loop().time())

async def putter(q, item):
    try:
        await q.put(item)
        print("put", item)
    except asyncio.QueueShutDown:
        print("put", item, "QueueShutDown")

async def main():
    q = asyncio.Queue()
    g = asyncio.create_task(getter(q, "g"))
    await asyncio.sleep(1)
    q.shutdown()
    await g
    q2 = asyncio.Queue(1)
    q2.put_nowait("kept")
    p = asyncio.create_task(putter(q2, "blocked"))
    await asyncio.sleep(0)
    q2.shutdown()
    await p
    await getter(q2, "h")
    await getter(q2, "i")
    try:
        q2.put_nowait("late")
    except asyncio.QueueShutDown:
        print("put_nowait QueueShutDown")
    q3 = asyncio.Queue()
    for i in range(3):
        q3.put_nowait(i)
    q3.get_nowait()
    q3.task_done()
    q3.shutdown(immediate=True)
    print("size", q3.qsize())
    await q3.join()
    print("joined")
    await getter(q3, "j")

asyncio.run(main())
