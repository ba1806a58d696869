# Rule: cancel(msg) raises CancelledError(msg) at the task's suspended await; the message reaches the
# task itself and whoever awaits the task; cancel() without a message gives an empty message.
import asyncio

async def sleeper(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print(name, "sees message:", repr(e.args[0]) if e.args else "''")
        raise

async def main():
    a = asyncio.create_task(sleeper("a"))
    b = asyncio.create_task(sleeper("b"))
    await asyncio.sleep(0)
    a.cancel("shutting down")
    b.cancel()
    for name, t in (("a", a), ("b", b)):
        try:
            await t
        except asyncio.CancelledError as e:
            print("awaiter of", name, "sees message:", repr(e.args[0]) if e.args else "''")

asyncio.run(main())
