// W1 (await chain) and W2 (spawn-gather), written once against native async/await syntax. The same
// file is compiled twice: by plain tsc (native async/await on Promises) and by the tscoro transformer
// (frames on tscoro's loop). run.js times both in one process each and prints ratios.
// Issue #5 owns the full suite (W3-W7, downlevel, regenerator, effection, CPython).
declare const BENCH_SPAWN: (c: Promise<void>) => Promise<void>;
declare const BENCH_YIELD: () => Promise<void>;
declare const BENCH_GATHER: (ps: Promise<void>[]) => Promise<unknown>;

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

export async function w1(n: number): Promise<number> {
  let acc = 0;
  for (let i = 0; i < n; i++) acc += await leaf(i);
  return acc;
}

export async function w1b(n: number): Promise<number> {
  let acc = 0;
  for (let i = 0; i < n; i++) acc += await busy(i);
  return acc;
}

async function child(): Promise<void> {
  await BENCH_YIELD();
}

export async function w2(n: number): Promise<void> {
  const ps: Promise<void>[] = [];
  for (let i = 0; i < n; i++) ps.push(BENCH_SPAWN(child()));
  await BENCH_GATHER(ps);
}
