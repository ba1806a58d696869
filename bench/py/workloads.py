"""Issue #5's workloads for CPython asyncio: the same work as ../workloads.ts, in asyncio's idiom.

Usage: python3 workloads.py <w1|w1b|w2|w3|w4|w5|w6> <n> [virtual|real] [scale]
Prints one JSON line {"ms": ..., "value": ...}: a warm-up at n/10, then the timed run. The virtual
clock is a SelectorEventLoop whose time() is a counter that select(timeout) advances instead of
sleeping, so timers fire in deadline order exactly as on the real clock, only without waiting.
"""
import asyncio
import gc
import json
import selectors
import sys
import time
import tracemalloc


class _VirtualSelector:
    def __init__(self):
        self._sel = selectors.DefaultSelector()
        self.loop = None

    def select(self, timeout=None):
        if timeout is not None and timeout > 0:
            self.loop._virtual_time += timeout
        return self._sel.select(0)

    def __getattr__(self, name):
        return getattr(self._sel, name)


class VirtualLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        sel = _VirtualSelector()
        self._virtual_time = 0.0
        super().__init__(sel)
        sel.loop = self

    def time(self):
        return self._virtual_time


def next_rand(s):
    return (s * 1664525 + 1013904223) & 0xFFFFFFFF


async def leaf(i):
    return i & 1


class _O:
    __slots__ = ("n",)

    def __init__(self):
        self.n = 0


async def busy(i):
    s = 0
    o = _O()
    if i % 3 == 0:
        s += i
    else:
        s -= 1
    o.n = s
    return o.n


async def w1(n):
    acc = 0
    for i in range(n):
        acc += await leaf(i)
    return acc


async def w1b(n):
    acc = 0
    for i in range(n):
        acc += await busy(i)
    return acc


async def yield_once():
    await asyncio.sleep(0)
    return 1


async def w2(n):
    tasks = [asyncio.create_task(yield_once()) for _ in range(n)]
    return len(await asyncio.gather(*tasks))


async def pinger(rounds, out, back):
    s = 0
    for i in range(rounds):
        await out.put(i)
        s += await back.get()
    return s


async def ponger(rounds, inp, back):
    for _ in range(rounds):
        await back.put((await inp.get()) + 1)
    return 0


async def w3(n):
    a, b = asyncio.Queue(1), asyncio.Queue(1)
    rounds = n >> 1
    rs = await asyncio.gather(asyncio.create_task(pinger(rounds, a, b)), asyncio.create_task(ponger(rounds, a, b)))
    return rs[0]


async def sleeper(seconds):
    await asyncio.sleep(seconds)
    return 1


async def w4(n, scale=1.0):
    tasks = []
    s = 12345
    for _ in range(n):
        s = next_rand(s)
        tasks.append(asyncio.create_task(sleeper((s % 1001) / 1000 * scale)))
    return len(await asyncio.gather(*tasks))


async def waiter(ev):
    await ev.wait()
    return 1


async def w5(n):
    ev = asyncio.Event()
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    tasks = [asyncio.create_task(waiter(ev)) for _ in range(n)]
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    ev.set()
    await asyncio.gather(*tasks)
    return (after - before) / n


class Crawl:
    def __init__(self, total):
        self.total, self.done, self.timeouts, self.bytes, self.seed = total, 0, 0, 0, 777
        self.queue = asyncio.Queue(0)
        self.limit = asyncio.Semaphore(10)
        self.finished = asyncio.Event()


async def fetch_page(url, latency):
    await asyncio.sleep(latency)
    return 1000 + url % 97


async def visit(c, url):
    c.seed = next_rand(c.seed)
    latency = (1 + c.seed % 60) / 1000
    async with c.limit:
        try:
            async with asyncio.timeout(0.05):
                page = await fetch_page(url, latency)
            c.bytes += page
        except TimeoutError:
            c.timeouts += 1
        if 2 * url + 1 < c.total:
            await c.queue.put(2 * url + 1)
        if 2 * url + 2 < c.total:
            await c.queue.put(2 * url + 2)


async def worker(c):
    while True:
        url = await c.queue.get()
        if url < 0:
            return
        await visit(c, url)
        c.done += 1
        if c.done == c.total:
            c.finished.set()


async def w6(n):
    c = Crawl(n)
    async with asyncio.TaskGroup() as tg:
        for _ in range(50):
            tg.create_task(worker(c))
        await c.queue.put(0)
        await c.finished.wait()
        for _ in range(50):
            await c.queue.put(-1)
    return c.bytes + c.timeouts


def main():
    work, n = sys.argv[1], int(sys.argv[2])
    clock = sys.argv[3] if len(sys.argv) > 3 else "virtual"
    args = (float(sys.argv[4]),) if len(sys.argv) > 4 and work == "w4" else ()
    fn = globals()[work]
    factory = VirtualLoop if clock == "virtual" else asyncio.new_event_loop
    with asyncio.Runner(loop_factory=factory) as r:
        r.run(fn(max(1, n // 10), *args))
    t0 = time.perf_counter()
    with asyncio.Runner(loop_factory=factory) as r:
        value = r.run(fn(n, *args))
    ms = (time.perf_counter() - t0) * 1000
    print(json.dumps({"ms": ms, "value": value}))


if __name__ == "__main__":
    main()
