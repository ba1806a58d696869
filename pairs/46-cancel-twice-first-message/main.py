# Rule: two cancel(msg) calls before the task runs again both return true; the task still gets one
# CancelledError, and it carries the message of the FIRST cancel (the one that reached the sleep).
import asyncio

async def sleeper():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print("task sees:", e.args[0] if e.args else "")
        raise

async def main():
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    print("first cancel:", str(t.cancel("first")).lower())
    print("second cancel:", str(t.cancel("second")).lower())
    try:
        await t
    except asyncio.CancelledError as e:
        print("awaiter sees:", e.args[0] if e.args else "")

asyncio.run(main())
