# Rule: cancelling the future returned by gather cancels every child still pending (with the message);
# the children see CancelledError at their await, and awaiting the gather raises CancelledError.
import asyncio

async def child(name, delay):
    try:
        await asyncio.sleep(delay)
        print(name, "finished")
        return name
    except asyncio.CancelledError as e:
        print(name, "cancelled with", e.args[0] if e.args else "")
        raise
    finally:
        print(name, "finally")

async def main():
    loop = asyncio.get_running_loop()
    done_early = asyncio.create_task(child("early", 0.05))
    late = asyncio.create_task(child("late", 1.0))
    g = asyncio.gather(done_early, child("c1", 1.0), late, child("c2", 2.0))
    await asyncio.sleep(0.1)
    print("cancel returned", str(g.cancel("stop all")).lower())
    print("late cancelled yet:", str(late.cancelled()).lower())
    try:
        await g
    except asyncio.CancelledError as e:
        print("gather raised CancelledError")
    print("late cancelled:", str(late.cancelled()).lower())
    print("early result:", done_early.result())
    print("time", f"{loop.time():.3f}")

asyncio.run(main())
