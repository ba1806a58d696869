# Rule: the ready queue runs in passes; a callback scheduled with call_soon during a pass runs in the
# next pass, behind everything already queued (FIFO), never in the current one.
import asyncio

def chain(name, n, loop):
    print(name, n)
    if n > 0:
        loop.call_soon(chain, name, n - 1, loop)

async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(chain, "a", 3, loop)
    loop.call_soon(chain, "b", 1, loop)
    loop.call_soon(chain, "c", 2, loop)
    print("main scheduled three chains")
    for i in range(5):
        await asyncio.sleep(0)
        print("main pass", i)

asyncio.run(main())
