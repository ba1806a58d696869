# Rule: when asyncio.run()'s main coroutine is done, the tasks left are cancelled first; then every
# async generator that was started and is not finished is closed (loop.shutdown_asyncgens): each
# aclose() runs in a task of its own, all concurrently, so a finally that awaits runs there; an
# exception from one goes to the loop's exception handler. A generator never started, or one that
# finished, is not touched. (CPython also closes a generator as soon as it is garbage-collected;
# here every generator stays referenced until the end, so only the shutdown closes them.)
import asyncio

KEEP = []


async def gen(name):
    try:
        for i in range(3):
            yield i
    finally:
        print(name, "finally")
        await asyncio.sleep(0)
        print(name, "finally after a pass")


async def failing():
    try:
        yield 1
    finally:
        await asyncio.sleep(0)
        raise ValueError("failed while closing")


async def finished():
    try:
        yield 1
    finally:
        print("finished: finally")


def handler(loop, ctx):
    print("handler:", ctx["message"].split(" <")[0], "|", type(ctx["exception"]).__name__, ctx["exception"])


async def leftover():
    try:
        await asyncio.sleep(10)
    finally:
        print("leftover task cancelled")
        await asyncio.sleep(0)
        print("leftover task done")


async def main():
    asyncio.get_running_loop().set_exception_handler(handler)
    g = gen("g")
    KEEP.append(g)
    print("g", await g.__anext__())
    f = failing()
    KEEP.append(f)
    print("failing", await f.__anext__())
    async for x in finished():
        print("finished", x)
    KEEP.append(gen("never started"))
    asyncio.create_task(leftover())
    await asyncio.sleep(0)
    print("main done")


asyncio.run(main())
print("after run")
