# Rule: when TaskGroup children fail, the group cancels the other children and the body, waits for
# all of them, and raises every child error together in one ExceptionGroup (in failure order);
# without failures it waits for every child before the block ends.
import asyncio

def now():
    return f"{asyncio.get_running_loop().time():.1f}"

async def child(name, d, fail=False):
    try:
        await asyncio.sleep(d)
        if fail:
            print(name, "fails at", now())
            raise ValueError(name)
        print(name, "done at", now())
        return name
    except asyncio.CancelledError:
        print(name, "cancelled at", now())
        raise

async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(child("a", 1))
        b = tg.create_task(child("b", 2))
        print("body done")
    print("results", a.result(), b.result(), "at", now())
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(child("x", 1, True))
            tg.create_task(child("y", 1, True))
            tg.create_task(child("z", 3))
            try:
                await asyncio.sleep(5)
            except asyncio.CancelledError:
                print("body cancelled at", now())
                raise
    except* ValueError as eg:
        print("ExceptionGroup", [str(e) for e in eg.exceptions], "at", now())

asyncio.run(main())
