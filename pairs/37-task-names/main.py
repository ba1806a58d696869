# Rule: create_task(name=...) sets the task's name, set_name renames it, and current_task() inside the
# body sees the same name (only explicitly set names are printed: default names differ by runtime).
import asyncio

async def body(tag):
    await asyncio.sleep(0)
    print(tag, "running as", asyncio.current_task().get_name())
    await asyncio.sleep(0.1)
    print(tag, "later running as", asyncio.current_task().get_name())

async def main():
    asyncio.current_task().set_name("main-task")
    t1 = asyncio.create_task(body("first"), name="worker-1")
    t2 = asyncio.create_task(body("second"))
    t2.set_name("worker-2")
    print("names:", t1.get_name(), t2.get_name(), asyncio.current_task().get_name())
    await asyncio.sleep(0.05)
    t1.set_name("worker-1-renamed")
    await asyncio.gather(t1, t2)
    print("final names:", t1.get_name(), t2.get_name())

asyncio.run(main())
