# Rule (asyncio 3.12, eager_start / eager_task_factory): an eager task runs its first step inside
# create_task, with current_task() = the new task, up to its first suspension; one that finishes
# without suspending comes back done and is never scheduled nor listed by all_tasks(). With a factory
# the name is applied after the eager step. expected.txt: CPython 3.12.1 under vasyncio.py (3.13.0
# prints the same).
import asyncio

async def quick(x):
    print("quick runs, current is self:", asyncio.current_task().get_name())
    return x * 2

async def slow(name):
    print(name, "step 1 in", asyncio.current_task().get_name())
    await asyncio.sleep(0)
    print(name, "step 2")
    return name

async def boom():
    raise ValueError("eager boom")

async def main():
    loop = asyncio.get_running_loop()
    me = asyncio.current_task()
    print("before")
    t = asyncio.Task(quick(21), loop=loop, eager_start=True)
    print("after quick: done", str(t.done()).lower(), "result", t.result(), "in all_tasks", str(t in asyncio.all_tasks()).lower())
    print("current back to main:", str(asyncio.current_task() is me).lower())
    s = asyncio.Task(slow("s"), loop=loop, eager_start=True)
    print("after slow: done", str(s.done()).lower(), "in all_tasks", str(s in asyncio.all_tasks()).lower())
    lazy = asyncio.create_task(slow("lazy"))
    print("lazy created")
    b = asyncio.Task(boom(), loop=loop, eager_start=True)
    print("boom done", str(b.done()).lower(), "exception", b.exception())
    print(await s, await lazy)
    loop.set_task_factory(asyncio.eager_task_factory)
    print("factory is eager:", str(loop.get_task_factory() is asyncio.eager_task_factory).lower())
    u = asyncio.create_task(slow("u"), name="named")
    print("created u", u.get_name())
    g = asyncio.gather(slow("g1"), quick(1))
    print("gather created")
    print(await g, await u)
    loop.set_task_factory(None)
    print("factory:", loop.get_task_factory())

asyncio.run(main())
