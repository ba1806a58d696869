// Issue #5's workloads, written once against the common API in api.ts. run.js compiles this file per
// form (tscoro's transformer; plain tsc ES2022; TypeScript's ES5/ES2015 downlevel; Babel regenerator)
// and places that form's api.js beside it. Every export takes the size `n` and returns a checksum
// (W5: heap bytes per suspended task) so that no form can skip work. py/workloads.py mirrors this
// file for CPython asyncio, and workloads.effection.ts for effection v4.
import { sleep, spawn, gather, Queue, Event, Semaphore, withTimeout, taskGroup, heapUsed } from './api';
import type { BenchGroup, BenchQueue, BenchSemaphore } from './api';

// A 32-bit LCG shared with py/workloads.py, so every form sleeps the same pseudo-random durations.
function nextRand(s: number): number {
  return (Math.imul(s, 1664525) + 1013904223) >>> 0;
}

// ---- W1 / W1b: await chains that never suspend --------------------------------------------------
async function leaf(i: number): Promise<number> {
  return i & 1;
}

async function busy(i: number): Promise<number> {
  let s = 0;
  const o = { n: 0 };
  if (i % 3 === 0) s += i;
  else s -= 1;
  o.n = s;
  return o.n;
}

/** W1: 1,000,000 awaits of a coroutine that returns without suspending. */
export async function w1(n: number): Promise<number> {
  let acc = 0;
  for (let i = 0; i < n; i++) acc += await leaf(i);
  return acc;
}

/** W1b: the same loop; the callee has a few locals, a branch and a property write. */
export async function w1b(n: number): Promise<number> {
  let acc = 0;
  for (let i = 0; i < n; i++) acc += await busy(i);
  return acc;
}

// ---- W2: spawn-gather -------------------------------------------------------------------------
async function yieldOnce(): Promise<number> {
  await sleep(0);
  return 1;
}

/** W2: n tasks that each `await sleep(0)` once, gathered. */
export async function w2(n: number): Promise<number> {
  const tasks: Promise<number>[] = [];
  for (let i = 0; i < n; i++) tasks.push(spawn(yieldOnce()));
  const rs = await gather(tasks);
  return rs.length;
}

// ---- W3: ping-pong through size-1 queues --------------------------------------------------------
async function pinger(rounds: number, out: BenchQueue<number>, back: BenchQueue<number>): Promise<number> {
  let sum = 0;
  for (let i = 0; i < rounds; i++) {
    await out.put(i);
    sum += await back.get();
  }
  return sum;
}

async function ponger(rounds: number, inp: BenchQueue<number>, back: BenchQueue<number>): Promise<number> {
  for (let i = 0; i < rounds; i++) await back.put((await inp.get()) + 1);
  return 0;
}

/** W3: two tasks exchanging n messages (n/2 each way) through two size-1 queues. */
export async function w3(n: number): Promise<number> {
  const a = new Queue<number>(1);
  const b = new Queue<number>(1);
  const rounds = n >> 1;
  const rs = await gather([spawn(pinger(rounds, a, b)), spawn(ponger(rounds, a, b))]);
  return rs[0];
}

// ---- W4: timers ---------------------------------------------------------------------------------
async function sleeper(seconds: number): Promise<number> {
  await sleep(seconds);
  return 1;
}

/** W4: n tasks sleeping pseudo-random 0-1000 ms, times `scale` (1 on a virtual clock). */
export async function w4(n: number, scale = 1): Promise<number> {
  const tasks: Promise<number>[] = [];
  let s = 12345;
  for (let i = 0; i < n; i++) {
    s = nextRand(s);
    tasks.push(spawn(sleeper(((s % 1001) / 1000) * scale)));
  }
  const rs = await gather(tasks);
  return rs.length;
}

// ---- W5: memory per suspended task --------------------------------------------------------------
async function waiter(ev: { wait(): Promise<unknown> }): Promise<number> {
  await ev.wait();
  return 1;
}

/** W5: heap bytes per task suspended on one Event (n tasks), measured after a full GC. */
export async function w5(n: number): Promise<number> {
  const ev = new Event();
  const tasks: Promise<number>[] = [];
  const before = heapUsed();
  for (let i = 0; i < n; i++) tasks.push(spawn(waiter(ev)));
  await sleep(0);
  await sleep(0);
  const after = heapUsed();
  ev.set();
  await gather(tasks);
  return (after - before) / n;
}

// ---- W6: a crawler-like fan-out -----------------------------------------------------------------
// URL k links to 2k+1 and 2k+2 (below `total`); fetching takes 1-60 ms of simulated latency under a
// 50 ms timeout and a limit of 10 concurrent fetches; 50 workers pull from one queue in a task group.
interface Crawl {
  total: number;
  done: number;
  timeouts: number;
  bytes: number;
  seed: number;
  queue: BenchQueue<number>;
  limit: BenchSemaphore;
  finished: { set(): void; wait(): Promise<unknown> };
}

async function fetchPage(url: number, latency: number): Promise<number> {
  await sleep(latency);
  return 1000 + (url % 97);
}

async function visit(c: Crawl, url: number): Promise<void> {
  c.seed = nextRand(c.seed);
  const latency = (1 + (c.seed % 60)) / 1000;
  await c.limit.acquire();
  try {
    const bytes = await withTimeout(0.05, () => fetchPage(url, latency));
    c.bytes += bytes;
    if (2 * url + 1 < c.total) await c.queue.put(2 * url + 1);
    if (2 * url + 2 < c.total) await c.queue.put(2 * url + 2);
  } catch {
    c.timeouts++;
    // A timed-out page is not retried; its subtree is still crawled (links from a sitemap).
    if (2 * url + 1 < c.total) await c.queue.put(2 * url + 1);
    if (2 * url + 2 < c.total) await c.queue.put(2 * url + 2);
  } finally {
    c.limit.release();
  }
}

async function worker(c: Crawl): Promise<void> {
  for (;;) {
    const url = await c.queue.get();
    if (url < 0) return;
    await visit(c, url);
    if (++c.done === c.total) c.finished.set();
  }
}

async function crawlBody(c: Crawl, group: BenchGroup, workers: number): Promise<void> {
  for (let i = 0; i < workers; i++) group.spawn(worker(c));
  await c.queue.put(0);
  await c.finished.wait();
  for (let i = 0; i < workers; i++) await c.queue.put(-1);
}

/** W6: crawl n URLs; returns bytes fetched plus timeouts (a checksum). */
export async function w6(n: number): Promise<number> {
  const c: Crawl = {
    total: n,
    done: 0,
    timeouts: 0,
    bytes: 0,
    seed: 777,
    queue: new Queue<number>(0),
    limit: new Semaphore(10),
    finished: new Event(),
  };
  await taskGroup((group) => crawlBody(c, group, 50));
  return c.bytes + c.timeouts;
}
