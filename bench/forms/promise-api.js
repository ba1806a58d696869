// The common API (../api.ts) for the Promise-based forms: native async/await, TypeScript's
// downlevel and Babel's regenerator run the same workloads on this file. It is written the way a
// careful user would write it without a library: no async functions (so every form shares it
// unchanged), FIFO waiter lists with a head index, and one already-resolved Promise for fast paths.
// The clock is process.env.BENCH_CLOCK: 'virtual' (default) keeps timers in a heap of distinct
// deadlines and jumps to the next one once the microtask queue is empty (setImmediate runs only
// then); 'real' uses setTimeout (and setImmediate for sleep(0)).
'use strict';
const VIRTUAL = (process.env.BENCH_CLOCK || 'virtual') === 'virtual';
const RESOLVED = Promise.resolve();

/** FIFO with a head index: O(1) push/shift without Array#shift's copying. */
class Fifo {
  constructor() { this.a = []; this.h = 0; }
  get length() { return this.a.length - this.h; }
  push(x) { this.a.push(x); }
  shift() {
    const x = this.a[this.h];
    this.a[this.h++] = undefined;
    if (this.h > 1024 && this.h * 2 > this.a.length) { this.a = this.a.slice(this.h); this.h = 0; }
    return x;
  }
}

// ---- virtual clock: a min-heap of distinct deadlines, each with the callbacks due then ----------
let now = 0;
const deadlines = [];
const buckets = new Map();
let pumping = false;
function heapPush(d) {
  let i = deadlines.push(d) - 1;
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (deadlines[p] <= d) break;
    deadlines[i] = deadlines[p];
    i = p;
  }
  deadlines[i] = d;
}
function heapPop() {
  const top = deadlines[0];
  const last = deadlines.pop();
  if (deadlines.length) {
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= deadlines.length) break;
      if (c + 1 < deadlines.length && deadlines[c + 1] < deadlines[c]) c++;
      if (deadlines[c] >= last) break;
      deadlines[i] = deadlines[c];
      i = c;
    }
    deadlines[i] = last;
  }
  return top;
}
function pump() {
  pumping = false;
  if (!deadlines.length) return;
  const d = heapPop();
  const due = buckets.get(d);
  buckets.delete(d);
  if (d > now) now = d;
  for (let i = 0; i < due.length; i++) {
    const t = due[i];
    if (!t.cancelled) t.fn();
  }
  if (deadlines.length && !pumping) { pumping = true; setImmediate(pump); }
}
function addTimer(seconds, fn) {
  const t = { fn, cancelled: false, h: null };
  if (VIRTUAL) {
    const d = now + (seconds > 0 ? seconds : 0);
    let b = buckets.get(d);
    if (b === undefined) { buckets.set(d, (b = [])); heapPush(d); }
    b.push(t);
    if (!pumping) { pumping = true; setImmediate(pump); }
  } else if (seconds > 0) t.h = setTimeout(fn, seconds * 1000);
  else t.h = setImmediate(fn);
  return t;
}
function cancelTimer(t) {
  t.cancelled = true;
  if (t.h !== null) { clearTimeout(t.h); clearImmediate(t.h); }
}

exports.sleep = (seconds) => new Promise((resolve) => { addTimer(seconds, resolve); });
exports.spawn = (p) => p;
exports.gather = (ps) => Promise.all(ps);

exports.Queue = class Queue {
  constructor(maxsize) { this.max = maxsize; this.items = new Fifo(); this.getters = new Fifo(); this.putters = new Fifo(); }
  put(item) {
    if (this.getters.length) { this.getters.shift()(item); return RESOLVED; }
    if (this.max <= 0 || this.items.length < this.max) { this.items.push(item); return RESOLVED; }
    return new Promise((resolve) => { this.putters.push({ item, resolve }); });
  }
  get() {
    if (this.items.length) {
      const item = this.items.shift();
      if (this.putters.length) { const p = this.putters.shift(); this.items.push(p.item); p.resolve(); }
      return Promise.resolve(item);
    }
    if (this.putters.length) { const p = this.putters.shift(); p.resolve(); return Promise.resolve(p.item); }
    return new Promise((resolve) => { this.getters.push(resolve); });
  }
};

exports.Event = class Event {
  constructor() { this.flag = false; this.waiters = []; }
  wait() { return this.flag ? RESOLVED : new Promise((resolve) => { this.waiters.push(resolve); }); }
  set() {
    if (this.flag) return;
    this.flag = true;
    const ws = this.waiters;
    this.waiters = [];
    for (let i = 0; i < ws.length; i++) ws[i]();
  }
};

exports.Semaphore = class Semaphore {
  constructor(value) { this.value = value; this.waiters = new Fifo(); }
  acquire() {
    if (this.value > 0 && !this.waiters.length) { this.value--; return RESOLVED; }
    return new Promise((resolve) => { this.waiters.push(resolve); });
  }
  release() {
    if (this.waiters.length) this.waiters.shift()();
    else this.value++;
  }
};

class TimeoutError extends Error {}
exports.withTimeout = (seconds, body) =>
  new Promise((resolve, reject) => {
    let settled = false;
    const t = addTimer(seconds, () => { if (!settled) { settled = true; reject(new TimeoutError('timeout')); } });
    body().then(
      (v) => { if (!settled) { settled = true; cancelTimer(t); resolve(v); } },
      (e) => { if (!settled) { settled = true; cancelTimer(t); reject(e); } },
    );
  });

exports.taskGroup = (body) => {
  const tasks = [];
  const group = { spawn(p) { tasks.push(p); } };
  return body(group).then(() => Promise.all(tasks)).then(() => undefined);
};

exports.heapUsed = () => { global.gc(); return process.memoryUsage().heapUsed; };
