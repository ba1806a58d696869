# Rule: current_task() is the task whose step is running: the same object inside coroutines awaited
# inline (no new task), a different one inside created tasks, and None in a plain loop callback;
# all_tasks() holds the pending tasks only.
import asyncio

async def helper(expected):
    return asyncio.current_task() is expected

async def child(main_task):
    me = asyncio.current_task()
    print("child: is main task:", str(me is main_task).lower())
    await asyncio.sleep(0)
    print("child: inline helper sees child task:", str(await helper(me)).lower())
    return me

def callback():
    print("plain callback: current task is none:", str(asyncio.current_task() is None).lower())

async def main():
    me = asyncio.current_task()
    print("main: inline helper sees main task:", str(await helper(me)).lower())
    asyncio.get_running_loop().call_soon(callback)
    t = asyncio.create_task(child(me))
    print("all_tasks has 2:", str(len(asyncio.all_tasks()) == 2).lower(), "contains child:", str(t in asyncio.all_tasks()).lower())
    inner = await t
    print("child saw its own task:", str(inner is t).lower())
    print("after child finished, all_tasks is just main:", str(asyncio.all_tasks() == {me}).lower())

asyncio.run(main())
