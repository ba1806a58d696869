# Rule: wait() returns (done, pending) sets of the same task objects when return_when holds
# (FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED) or the timeout passes; it never raises the
# tasks' exceptions or cancels them; passing a coroutine is a TypeError.
import asyncio

def now():
    return f"{asyncio.get_running_loop().time():.1f}"

async def job(d, fail=False):
    await asyncio.sleep(d)
    if fail:
        raise ValueError(f"job {d} failed")
    return d

async def main():
    tasks = [asyncio.create_task(job(d, d == 2)) for d in (1, 2, 3)]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print("FIRST_COMPLETED at", now(), [t.result() for t in done], len(pending))
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print("FIRST_EXCEPTION at", now(), len(done), len(pending), str(tasks[1] in done).lower())
    done, pending = await asyncio.wait(tasks, timeout=0.5)
    print("timeout at", now(), len(done), len(pending))
    done, pending = await asyncio.wait(tasks)
    print("ALL_COMPLETED at", now(), len(done), len(pending))
    print("exception:", tasks[1].exception())
    coro = job(1)
    try:
        await asyncio.wait([coro])
    except TypeError:
        print("TypeError for a coroutine")
    coro.close()

asyncio.run(main())
