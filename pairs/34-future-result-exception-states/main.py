# Rule: a Future is set exactly once: set_result/set_exception on a done future raise
# InvalidStateError; result()/exception() of a pending future raise InvalidStateError; result() of a
# failed future re-raises its exception; a cancelled future raises CancelledError from both.
import asyncio

def name_of(fn):
    try:
        v = fn()
        return "returned " + str(v)
    except BaseException as e:
        return "raised " + type(e).__name__

async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    print("pending done:", str(f.done()).lower())
    print("pending result():", name_of(f.result))
    print("pending exception():", name_of(f.exception))
    f.set_result("r1")
    print("after set_result done:", str(f.done()).lower(), "result:", f.result())
    print("exception() is none:", str(f.exception() is None).lower())
    print("second set_result:", name_of(lambda: f.set_result("r2")))
    print("set_exception after result:", name_of(lambda: f.set_exception(ValueError("x"))))
    print("result unchanged:", f.result())

    g = loop.create_future()
    err = ValueError("broken")
    g.set_exception(err)
    print("failed result():", name_of(g.result))
    print("failed exception() is err:", str(g.exception() is err).lower())
    print("set_result on failed:", name_of(lambda: g.set_result(1)))
    try:
        await g
    except ValueError as e:
        print("await failed future raised same object:", str(e is err).lower(), e)

    h = loop.create_future()
    h.cancel()
    print("cancelled result():", name_of(h.result))
    print("cancelled exception():", name_of(h.exception))
    print("set_result on cancelled:", name_of(lambda: h.set_result(1)))

    later = loop.create_future()
    loop.call_later(0.25, later.set_result, "from timer")
    print("awaited:", await later, "at", f"{loop.time():.3f}")

asyncio.run(main())
