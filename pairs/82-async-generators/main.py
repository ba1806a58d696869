# Rule: an async generator runs in the task that awaits its __anext__(): an await inside it
# suspends that task (a sleep(0) there yields one pass, between other tasks' steps), a yield hands
# the value over with no pass of its own; a second task asking while the generator runs gets
# RuntimeError; aclose() runs the finally (which may await) in the caller's task; a task cancelled
# while the generator awaits sees CancelledError inside the generator, whose finally runs first.
import asyncio


async def ticker(name, n):
    try:
        for i in range(n):
            print(name, "before sleep", i)
            await asyncio.sleep(0)
            print(name, "yield", i)
            yield i
    finally:
        print(name, "finally")
        await asyncio.sleep(0)
        print(name, "finally done")


async def consume(name, n):
    async for v in ticker(name, n):
        print(name, "got", v)
    print(name, "end")


async def other():
    for i in range(4):
        print("other", i)
        await asyncio.sleep(0)


async def main():
    await asyncio.gather(consume("a", 2), other())
    g = ticker("b", 5)
    print("first", await g.__anext__())
    t1 = asyncio.create_task(g.__anext__())
    t2 = asyncio.create_task(g.__anext__())
    print("t1", await t1)
    try:
        await t2
    except RuntimeError as e:
        print("t2 RuntimeError", e)
    await g.aclose()
    print("closed")
    g2 = ticker("c", 5)

    async def pull():
        async for v in g2:
            print("pulled", v)

    t = asyncio.create_task(pull())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("pull cancelled", str(t.cancelled()).lower())


asyncio.run(main())
