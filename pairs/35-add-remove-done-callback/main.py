# Rule: remove_done_callback removes every registration of that callback and returns how many it
# removed; the rest run in registration order (via call_soon) with the future as argument; removing
# after completion (once they are scheduled) returns 0.
import asyncio

def make(label):
    def cb(f):
        print("callback", label, "result", f.result())
    return cb

async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    a, b, c = make("a"), make("b"), make("c")
    fut.add_done_callback(a)
    fut.add_done_callback(b)
    fut.add_done_callback(a)
    fut.add_done_callback(c)
    fut.add_done_callback(b)
    print("removed a:", fut.remove_done_callback(a))
    print("removed a again:", fut.remove_done_callback(a))
    loop.call_later(0.1, fut.set_result, "ok")
    await fut
    print("main resumed")
    print("removed b after done:", fut.remove_done_callback(b))

    t = asyncio.create_task(asyncio.sleep(0.1, "task value"))
    t.add_done_callback(make("on-task"))
    t.add_done_callback(c)
    print("removed c from task:", t.remove_done_callback(c))
    await t
    print("main end")

asyncio.run(main())
