# Rule: a task cancelled before its first step never runs its body (not even up to the first await,
# no finally), and it only reports cancelled() once the loop has processed that step.
import asyncio

async def body(name):
    try:
        print(name, "body started")
        await asyncio.sleep(0)
    finally:
        print(name, "finally")

async def main():
    t = asyncio.create_task(body("victim"))
    other = asyncio.create_task(body("survivor"))
    print("cancel returned", str(t.cancel()).lower())
    print("cancelled right after cancel()", str(t.cancelled()).lower())
    print("done right after cancel()", str(t.done()).lower())
    await asyncio.sleep(0)
    print("cancelled after one pass", str(t.cancelled()).lower())
    try:
        await t
    except asyncio.CancelledError:
        print("awaiting victim raised CancelledError")
    await other
    print("main end")

asyncio.run(main())
