# Rule: a sleeping task's timer only resolves a future; the task resumes one pass later. A call_later
# callback due at the same deadline (exactly two timers per deadline, created in order) shows it.
import asyncio

def timer_cb(label):
    print(label, "timer callback")
    asyncio.get_running_loop().call_soon(print, label, "call_soon from timer callback")

async def sleeper(label, delay):
    await asyncio.sleep(delay)
    print(label, "sleeper resumed")

async def main():
    loop = asyncio.get_running_loop()
    # deadline 1.0: the call_later timer is created before the sleep's timer
    loop.call_later(1.0, timer_cb, "first")
    t1 = asyncio.create_task(sleeper("first", 1.0))
    await t1
    # deadline 3.0: the sleep's timer is created before the call_later timer
    t2 = asyncio.create_task(sleeper("second", 2.0))
    await asyncio.sleep(0)
    loop.call_later(2.0, timer_cb, "second")
    await t2
    await asyncio.sleep(0)
    print("main end")

asyncio.run(main())
