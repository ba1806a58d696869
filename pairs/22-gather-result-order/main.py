# Rule: gather wraps its coroutine arguments into tasks in argument order (first steps in that order)
# and returns results in argument order, whatever order the children finish in.
import asyncio

async def work(name, delay):
    print("start", name)
    await asyncio.sleep(delay)
    print("finish", name)
    return name.upper()

async def main():
    pre = asyncio.create_task(work("pre", 0.15))
    results = await asyncio.gather(work("slow", 0.3), pre, work("fast", 0.1), asyncio.sleep(0.2, "slept"))
    print("results", " ".join(results))

asyncio.run(main())
