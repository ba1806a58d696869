# Rule: 2000 levels of inline awaits in one task (deeper than a naive stack of nested resumptions
# allows) suspend at the bottom and return/raise back up through every level. Python needs a higher
# recursion limit for this; tscoro must handle it without any setting.
import asyncio
import sys

sys.setrecursionlimit(20000)
DEPTH = 2000

async def down(n):
    if n == 0:
        await asyncio.sleep(0.1)
        return 0
    return 1 + await down(n - 1)

async def fail(n):
    if n == 0:
        await asyncio.sleep(0)
        raise ValueError("bottom")
    try:
        await fail(n - 1)
    finally:
        if n % 500 == 0:
            print("unwinding through level", n)

async def main():
    print("depth reached:", await down(DEPTH))
    try:
        await fail(DEPTH)
    except ValueError as e:
        print("failure came up as:", e)
    t = asyncio.create_task(down(DEPTH))
    print("in a task:", await t)

asyncio.run(main())
