// The workloads of workloads.ts that fit effection v4, in its idiom: operations are generator
// functions composed with `yield*`, tasks come from `spawn`, and waiting is on `withResolvers`.
// Effection has no virtual clock, so W4 runs on the real clock only; W6 (which needs minutes of
// simulated time) is not run. Bounded queues are built from withResolvers as a user would.
import { all, sleep, spawn, withResolvers } from 'effection';
import type { Operation, Task } from 'effection';

function nextRand(s: number): number {
  return (Math.imul(s, 1664525) + 1013904223) >>> 0;
}

function* leaf(i: number): Operation<number> {
  return i & 1;
}

function* busy(i: number): Operation<number> {
  let s = 0;
  const o = { n: 0 };
  if (i % 3 === 0) s += i;
  else s -= 1;
  o.n = s;
  return o.n;
}

export function* w1(n: number): Operation<number> {
  let acc = 0;
  for (let i = 0; i < n; i++) acc += yield* leaf(i);
  return acc;
}

export function* w1b(n: number): Operation<number> {
  let acc = 0;
  for (let i = 0; i < n; i++) acc += yield* busy(i);
  return acc;
}

function* yieldOnce(): Operation<number> {
  yield* sleep(0);
  return 1;
}

export function* w2(n: number): Operation<number> {
  const tasks: Task<number>[] = [];
  for (let i = 0; i < n; i++) tasks.push(yield* spawn(yieldOnce));
  const rs = yield* all(tasks);
  return rs.length;
}

class BoundedQueue<T> {
  private items: T[] = [];
  private getters: ((v: T) => void)[] = [];
  private putters: { item: T; resolve: () => void }[] = [];
  constructor(private readonly max: number) {}
  *put(item: T): Operation<void> {
    if (this.getters.length) return this.getters.shift()!(item);
    if (this.items.length < this.max) return void this.items.push(item);
    const r = withResolvers<void>();
    this.putters.push({ item, resolve: r.resolve });
    yield* r.operation;
  }
  *get(): Operation<T> {
    if (this.items.length) {
      const item = this.items.shift()!;
      const p = this.putters.shift();
      if (p) {
        this.items.push(p.item);
        p.resolve();
      }
      return item;
    }
    const p = this.putters.shift();
    if (p) {
      p.resolve();
      return p.item;
    }
    const r = withResolvers<T>();
    this.getters.push(r.resolve);
    return yield* r.operation;
  }
}

function* pinger(rounds: number, out: BoundedQueue<number>, back: BoundedQueue<number>): Operation<number> {
  let sum = 0;
  for (let i = 0; i < rounds; i++) {
    yield* out.put(i);
    sum += yield* back.get();
  }
  return sum;
}

function* ponger(rounds: number, inp: BoundedQueue<number>, back: BoundedQueue<number>): Operation<number> {
  for (let i = 0; i < rounds; i++) yield* back.put((yield* inp.get()) + 1);
  return 0;
}

export function* w3(n: number): Operation<number> {
  const a = new BoundedQueue<number>(1);
  const b = new BoundedQueue<number>(1);
  const rounds = n >> 1;
  const p = yield* spawn(() => pinger(rounds, a, b));
  const q = yield* spawn(() => ponger(rounds, a, b));
  const rs = yield* all([p, q]);
  return rs[0];
}

function* sleeper(seconds: number): Operation<number> {
  yield* sleep(seconds * 1000);
  return 1;
}

export function* w4(n: number, scale = 1): Operation<number> {
  const tasks: Task<number>[] = [];
  let s = 12345;
  for (let i = 0; i < n; i++) {
    s = nextRand(s);
    const seconds = ((s % 1001) / 1000) * scale;
    tasks.push(yield* spawn(() => sleeper(seconds)));
  }
  const rs = yield* all(tasks);
  return rs.length;
}

function* waiter(ev: Operation<void>): Operation<number> {
  yield* ev;
  return 1;
}

function heapUsed(): number {
  (globalThis as unknown as { gc(): void }).gc();
  return process.memoryUsage().heapUsed;
}

export function* w5(n: number): Operation<number> {
  const ev = withResolvers<void>();
  const tasks: Task<number>[] = [];
  const before = heapUsed();
  for (let i = 0; i < n; i++) tasks.push(yield* spawn(() => waiter(ev.operation)));
  yield* sleep(0);
  yield* sleep(0);
  const after = heapUsed();
  ev.resolve();
  yield* all(tasks);
  return (after - before) / n;
}
