// node bench/floors.js [reps] [rounds] (npm run bench:floors): how fast could W2 and W3 be at all,
// on this design and with CPython's order? Takes the forms compiled by `npm run bench` (.tmp/bench;
// compiles them if missing); prints, for W2 and W3, native async/await, tscoro and hand-written
// floors as medians and ratios to native. Each (workload, form) runs in a process of its own,
// warmed up by a full-size run, then `reps` timed runs; `rounds` such processes per form,
// interleaved. A floor is plain JavaScript with no transformer and none of what a library must
// also do (cancellation, exceptions through the await chain, debug mode, names, other waiters' kinds):
//   W2 floor   100,000 task objects (a frame, a result, a done-callback, links in the loop's list of
//              tasks, fewer fields than tscoro's Task) spawned, each run once, parked for one pass
//              (sleep(0)), run again to its return, its done-callback scheduled and run, gathered:
//              the allocation and the passes CPython's order needs, and nothing else.
//   W3 frames  the ping-pong with Queue.put/get as coroutine objects (one per call, awaited inline,
//              parked in the queue's waiter list, resumed by a task trampoline), as the contract
//              makes them: `q.get()` is an awaitable that can also go to createTask or waitFor.
//   W3 inline  the same order (a woken getter resumes one pass later and checks the queue again)
//              with the queue's code called by the two tasks' machines directly: no object per
//              put/get, no trampoline. What a compiler could only emit for a queue it knew.
// The ratios say how much of a target is left once the runtime costs nothing at all: bench/README
// ("What holds the rest back") records them. No timing is asserted anywhere; a run stops if a
// form's checksum differs from native's, and test/bench.test.js checks the floors' checksums.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { loadForm } = require('./start');

const SUSPEND = { toString: () => 'SUSPEND' };

/** The ready queue of the floors: (target, arg) pairs in a growable ring; target.run(arg). */
class Ready {
  constructor() {
    this.a = new Array(64);
    this.h = 0;
    this.t = 0;
    this.n = 0;
  }
  push(x, arg) {
    if (this.n * 2 === this.a.length) this.grow();
    const a = this.a;
    a[this.t] = x;
    a[this.t + 1] = arg;
    this.t = (this.t + 2) & (a.length - 1);
    this.n++;
  }
  grow() {
    const a = this.a;
    const b = new Array(a.length * 2);
    for (let k = 0; k < this.n * 2; k++) b[k] = a[(this.h + k) & (a.length - 1)];
    this.a = b;
    this.h = 0;
    this.t = this.n * 2;
  }
  /** One pass: runs the callbacks queued when it began. */
  runOnce() {
    let k = this.n;
    while (k-- > 0) {
      const a = this.a;
      const x = a[this.h];
      const arg = a[this.h + 1];
      a[this.h] = undefined;
      a[this.h + 1] = undefined;
      this.h = (this.h + 2) & (a.length - 1);
      this.n--;
      x.run(arg);
    }
  }
  runAll() {
    while (this.n > 0) this.runOnce();
  }
}
const ready = new Ready();

// ---- W2 floor ------------------------------------------------------------------------------------
class YieldOnceFrame {
  constructor() {
    this.$s = 0;
    this.$p = null;
  }
  step(task) {
    if (this.$s === 0) {
      this.$s = 1;
      ready.push(task, undefined); // sleep(0): one pass
      return SUSPEND;
    }
    return 1;
  }
}
class FloorTask {
  constructor(frame, all) {
    this.frame = frame;
    this.done = false;
    this.result = undefined;
    this.cb = null;
    // The loop's list of pending tasks (asyncio's all_tasks), unlinked when the task finishes.
    this.prev = all.last;
    this.next = null;
    if (all.last !== null) all.last.next = this;
    else all.first = this;
    all.last = this;
    this.all = all;
    ready.push(this, undefined);
  }
  run() {
    const r = this.frame.step(this);
    if (r === SUSPEND) return;
    this.done = true;
    this.result = r;
    const { prev, next, all } = this;
    if (prev !== null) prev.next = next;
    else all.first = next;
    if (next !== null) next.prev = prev;
    else all.last = prev;
    if (this.cb !== null) ready.push(this.cb, this); // done-callbacks run one pass later
  }
}
class FloorGather {
  constructor(children) {
    this.children = children;
    this.left = children.length;
    this.results = null;
    for (const c of children) c.cb = this;
  }
  run() {
    if (--this.left > 0) return;
    const cs = this.children;
    const rs = new Array(cs.length);
    for (let i = 0; i < cs.length; i++) rs[i] = cs[i].result;
    this.results = rs;
  }
}
function w2Floor(n) {
  const all = { first: null, last: null };
  const tasks = [];
  for (let i = 0; i < n; i++) tasks.push(new FloorTask(new YieldOnceFrame(), all));
  const g = new FloorGather(tasks);
  ready.runAll();
  return g.results.length;
}

// ---- W3 floors -----------------------------------------------------------------------------------
// The size-1 queue of both: CPython's put/get loops (`while full: wait; put_nowait`), a waiter
// woken by put_nowait/get_nowait resuming one pass later.
class FloorQueue {
  constructor() {
    this.items = [];
    this.getters = [];
    this.putters = [];
  }
  wakeNext(list) {
    while (list.length > 0) {
      const w = list.shift();
      if (!w.woken) {
        w.woken = true;
        ready.push(w.task, w);
        return;
      }
    }
  }
}

/** W3 frames: put and get are objects with a step, awaited through `$a` like compiled frames. */
class Park {
  constructor(q) {
    this.$p = undefined;
    this.q = q;
    this.task = null;
    this.woken = false;
  }
  park(list) {
    const t = current;
    this.task = t;
    this.woken = false;
    t.top = this;
    list.push(this);
    return SUSPEND;
  }
}
class PutFrame extends Park {
  constructor(q, item) {
    super(q);
    this.item = item;
  }
  step() {
    const q = this.q;
    if (q.items.length >= 1) return this.park(q.putters);
    q.items.push(this.item);
    q.wakeNext(q.getters);
    return undefined;
  }
}
class GetFrame extends Park {
  step() {
    const q = this.q;
    if (q.items.length === 0) return this.park(q.getters);
    const x = q.items.shift();
    q.wakeNext(q.putters);
    return x;
  }
}
let current = null;
/** A trampoline: runs the top frame, hands a result to its parent, stops at SUSPEND. */
class FrameTask {
  constructor(frame) {
    frame.$p = null;
    this.top = frame;
    this.result = undefined;
    ready.push(this, undefined);
  }
  run() {
    let f = this.top;
    const prev = current;
    current = this;
    try {
      for (;;) {
        const r = f.step();
        if (r === SUSPEND) break;
        const p = f.$p;
        if (p === null) {
          this.result = r;
          break;
        }
        p.v = r;
        f = p;
      }
    } finally {
      current = prev;
    }
  }
}
// The two workload frames are alike on purpose: one class per async function, each with its own
// `$a`, as the transformer emits them (a shared base would make the awaited step's call site see
// both classes, which compiled code avoids).
class PingerFrame {
  constructor(rounds, out, back) {
    this.$s = 0;
    this.$p = undefined;
    this.v = undefined;
    this.i = 0;
    this.sum = 0;
    this.rounds = rounds;
    this.out = out;
    this.back = back;
  }
  $a(x) {
    x.$p = this;
    return x.step();
  }
  step() {
    let v = this.v;
    for (;;) {
      switch (this.$s) {
        case 0:
          if (this.i >= this.rounds) return this.sum;
          this.$s = 1;
          if ((v = this.$a(new PutFrame(this.out, this.i))) === SUSPEND) return SUSPEND;
        // falls through
        case 1:
          this.$s = 2;
          if ((v = this.$a(new GetFrame(this.back))) === SUSPEND) return SUSPEND;
        // falls through
        case 2:
          this.sum += v;
          this.i++;
          this.$s = 0;
      }
    }
  }
}
class PongerFrame {
  constructor(rounds, inp, back) {
    this.$s = 0;
    this.$p = undefined;
    this.v = undefined;
    this.i = 0;
    this.rounds = rounds;
    this.inp = inp;
    this.back = back;
  }
  $a(x) {
    x.$p = this;
    return x.step();
  }
  step() {
    let v = this.v;
    for (;;) {
      switch (this.$s) {
        case 0:
          if (this.i >= this.rounds) return 0;
          this.$s = 1;
          if ((v = this.$a(new GetFrame(this.inp))) === SUSPEND) return SUSPEND;
        // falls through
        case 1:
          this.$s = 2;
          if ((v = this.$a(new PutFrame(this.back, v + 1))) === SUSPEND) return SUSPEND;
        // falls through
        case 2:
          this.i++;
          this.$s = 0;
      }
    }
  }
}
function w3Frames(n) {
  const a = new FloorQueue();
  const b = new FloorQueue();
  const p = new FrameTask(new PingerFrame(n >> 1, a, b));
  new FrameTask(new PongerFrame(n >> 1, a, b));
  ready.runAll();
  return p.result;
}

/** W3 inline: each task is its own machine and calls the queue's operations directly. */
class Waiter {
  constructor(task) {
    this.task = task;
    this.woken = false;
  }
}
function tryPut(q, task, item) {
  if (q.items.length >= 1) {
    q.putters.push(new Waiter(task));
    return false;
  }
  q.items.push(item);
  q.wakeNext(q.getters);
  return true;
}
function tryGet(q, task) {
  if (q.items.length === 0) {
    q.getters.push(new Waiter(task));
    return SUSPEND;
  }
  const x = q.items.shift();
  q.wakeNext(q.putters);
  return x;
}
class InlinePinger {
  constructor(rounds, out, back) {
    this.s = 0;
    this.i = 0;
    this.sum = 0;
    this.rounds = rounds;
    this.out = out;
    this.back = back;
    ready.push(this, undefined);
  }
  run() {
    for (;;) {
      switch (this.s) {
        case 0:
          if (this.i >= this.rounds) return;
          this.s = 1;
        // falls through
        case 1:
          if (!tryPut(this.out, this, this.i)) return;
          this.s = 2;
        // falls through
        case 2: {
          const v = tryGet(this.back, this);
          if (v === SUSPEND) return;
          this.sum += v;
          this.i++;
          this.s = 0;
        }
      }
    }
  }
}
class InlinePonger {
  constructor(rounds, inp, back) {
    this.s = 0;
    this.i = 0;
    this.v = 0;
    this.rounds = rounds;
    this.inp = inp;
    this.back = back;
    ready.push(this, undefined);
  }
  run() {
    for (;;) {
      switch (this.s) {
        case 0:
          if (this.i >= this.rounds) return;
          this.s = 1;
        // falls through
        case 1: {
          const v = tryGet(this.inp, this);
          if (v === SUSPEND) return;
          this.v = v + 1;
          this.s = 2;
        }
        // falls through
        case 2:
          if (!tryPut(this.back, this, this.v)) return;
          this.i++;
          this.s = 0;
      }
    }
  }
}
function w3Inline(n) {
  const a = new FloorQueue();
  const b = new FloorQueue();
  const p = new InlinePinger(n >> 1, a, b);
  new InlinePonger(n >> 1, a, b);
  ready.runAll();
  return p.sum;
}

// ---- runner --------------------------------------------------------------------------------------
// Each (workload, form) runs in a process of its own, so that no form's classes make another's call
// sites polymorphic (the floors share the ready queue's code); the parent interleaves the processes.
const out = path.resolve(__dirname, '..', '.tmp', 'bench');
const ROWS = {
  W2: { fn: 'w2', n: 1e5, floors: { floor: w2Floor } },
  W3: { fn: 'w3', n: 2e5, floors: { 'floor, frames': w3Frames, 'floor, inline': w3Inline } },
};

/** In a child: warms the form up with one full-size run, then prints the value and `reps` timings. */
async function child(id, form, reps) {
  const row = ROWS[id];
  let run;
  if (form === 'native' || form === 'tscoro') {
    process.env.BENCH_CLOCK = 'virtual';
    const start = loadForm(out, form);
    run = () => start(row.fn, row.n, 1, 'virtual');
  } else run = () => row.floors[form](row.n);
  const value = await run();
  const samples = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    await run();
    samples.push(performance.now() - t0);
  }
  process.stdout.write(JSON.stringify({ value, samples }) + '\n');
}

function main() {
  const reps = Number(process.argv[2] || 5);
  const rounds = Number(process.argv[3] || 3);
  if (!fs.existsSync(path.join(out, 'native', 'workloads.js')) || !fs.existsSync(path.join(out, 'tscoro', 'workloads.js')))
    require('./compile').compileForms(out);
  const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
  console.log(`steady state, each form in its own process: ${rounds} rounds of ${reps} runs after a full-size warm-up; medians (min-max), ms; ratio = native/form`);
  for (const [id, row] of Object.entries(ROWS)) {
    const forms = ['native', 'tscoro', ...Object.keys(row.floors)];
    const samples = Object.fromEntries(forms.map((k) => [k, []]));
    const values = {};
    for (let r = 0; r < rounds; r++) {
      for (let j = 0; j < forms.length; j++) {
        const form = forms[(j + r) % forms.length];
        const p = spawnSync(process.execPath, [__filename, '--child', id, form, String(reps)], { encoding: 'utf8' });
        if (p.status !== 0) throw new Error(`${id} ${form}: ${p.stderr}`);
        const m = JSON.parse(p.stdout);
        values[form] = m.value;
        samples[form].push(...m.samples);
      }
    }
    if (forms.some((k) => values[k] !== values.native)) throw new Error(`${id}: checksums differ: ${JSON.stringify(values)}`);
    const nat = med(samples.native);
    for (const k of forms) {
      const s = samples[k];
      const m = med(s);
      const range = `${Math.min(...s).toFixed(1)}-${Math.max(...s).toFixed(1)}`;
      console.log(`${id}  ${k.padEnd(14)} ${m.toFixed(1).padStart(6)} (${range.padEnd(11)})  ${(nat / m).toFixed(2)}x`);
    }
  }
}

if (require.main === module) {
  if (process.argv[2] === '--child')
    child(process.argv[3], process.argv[4], Number(process.argv[5])).catch((err) => {
      console.error(err && err.stack ? err.stack : err);
      process.exit(1);
    });
  else main();
}

module.exports = { w2Floor, w3Frames, w3Inline };
