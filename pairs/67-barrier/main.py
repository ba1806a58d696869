# Rule: Barrier(n).wait() blocks until n tasks wait, then releases them together (the last arrival
# first) with distinct indices; abort() breaks waiters with BrokenBarrierError; reset() repairs it.
import asyncio

async def party(barrier, name, delay):
    await asyncio.sleep(delay)
    print(name, "arrives, waiting:", barrier.n_waiting)
    try:
        i = await barrier.wait()
        print(name, "passes with index", i)
    except asyncio.BrokenBarrierError as e:
        print(name, "broken:", e)

async def main():
    barrier = asyncio.Barrier(3)
    await asyncio.gather(*(party(barrier, n, d) for n, d in (("a", 1), ("b", 2), ("c", 3))))
    print("parties", barrier.parties, "broken", str(barrier.broken).lower())
    tasks = [asyncio.create_task(party(barrier, n, 0)) for n in "xy"]
    await asyncio.sleep(1)
    await barrier.abort()
    await asyncio.gather(*tasks)
    print("broken", str(barrier.broken).lower())
    await party(barrier, "z", 0)
    await barrier.reset()
    print("broken", str(barrier.broken).lower())

asyncio.run(main())
