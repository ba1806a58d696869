// Seeded generator of paired scheduling programs for the differential tester against CPython
// (test/fuzz/sched.js). Takes a 32-bit seed; produces `{ py, ts }`: the same asyncio program written
// for CPython (run by sched_driver.py on CPython's own loop with a virtual clock, as
// ../shared/tools/vasyncio.py does) and for tscoro (compiled by the transformer, run on the virtual
// clock). They must print the same lines.
//
// What a program contains: a few worker tasks sharing two Events, four Queues (maxsize 1,
// unbounded, a PriorityQueue(2) and a LifoQueue(2)), a Lock, a Semaphore(2), a Condition, a
// Barrier(2) and a Future, and a few sub-coroutines (sub j calls only subs below it). Bodies nest
// up to depth 2:
// - logging; sleep(0) and timed sleeps; Event wait/set/clear; Queue put/get/put_nowait/task_done/
//   join; `async with` the Lock or the Semaphore; Condition wait/notify/notify_all;
// - try/except CancelledError that re-raises (printing the message and cancelling()) or swallows;
//   try/finally; try/except ValueError around a raise; subs that raise;
// - `async with asyncio.timeout(d)` (withTimeout), one given its deadline from inside
//   (reschedule); wait_for around a sub, a Queue get or put, a Lock or Semaphore acquire (then a
//   body and the release), an Event or Barrier wait;
// - a sub awaited inline, as a Task (with a done-callback, awaited or not), through shield,
//   gather, asyncio.wait(FIRST_COMPLETED), as_completed, or a TaskGroup;
// - call_soon and call_later callbacks, a timer cancelled; setting and awaiting the Future;
//   cancelling another task.
// main starts the workers, interleaving sleeps, cancels, Event sets, notify_all, the Future's
// result and a barrier wait; waits for the workers with a timeout; cancels every task left; and
// prints each worker's result or exception class.
//
// Rules that keep both sides comparable (each a documented difference, not a bug):
// - timers with equal deadlines: CPython's heap orders them by its internals, tscoro by insertion
//   (README, "Scheduling"). Every delay is a 4-decimal base times `f`, a factor each task and each
//   call site of a sub scales by its own random number, so two timers meet at the same instant only
//   by a float coincidence (a callback's delay is never 0: it would be a timer due at once);
// - where CPython iterates a set (a TaskGroup cancelling its children, run() cancelling the tasks
//   left), the order follows object addresses; tscoro's is creation order. A task group here has
//   one child, and main cancels every task left itself, in creation order (by the N of Task-N);
// - tscoro's Condition passes a notification on when the notified waiter is cancelled before it
//   gets the lock back (CPython 3.13's fix, README); sched_driver.py gives CPython 3.11 the same;
// - only strings and integers are printed (Python prints True/None/lists differently), and
//   exceptions by class name;
// - nothing blocks for ever: main's wait() has a timeout after which the rest is cancelled, and main
//   itself never waits on an Event, a full Queue or the Lock before it (its barrier wait has a
//   time limit).
'use strict';
const { Random } = require('./gen');

const PY_HEADER = `import asyncio

ev = [asyncio.Event(), asyncio.Event()]
qs = [asyncio.Queue(1), asyncio.Queue(), asyncio.PriorityQueue(2), asyncio.LifoQueue(2)]
lk = asyncio.Lock()
sem = asyncio.Semaphore(2)
cond = asyncio.Condition()
bar = asyncio.Barrier(2)
T = []
FUT = []


def fmt(r):
    if isinstance(r, BaseException):
        return type(r).__name__
    return str(r)


def outcome(t):
    if t.cancelled():
        return "cancelled"
    return fmt(t.exception() or t.result())

`;

const TS_HEADER = `import { run, sleep, createTask, gather, wait, waitFor, withTimeout, shield, taskGroup, getRunningLoop, currentTask, allTasks, Event, Queue, PriorityQueue, LifoQueue, QueueFull, asCompleted, Lock, Semaphore, Condition, Barrier, ExceptionGroup, FIRST_COMPLETED, Future, Task, CancelledError, TimeoutError } from 'tscoro';

class ValueError extends Error {
  override name = 'ValueError';
}

const ev = [new Event(), new Event()];
const qs = [new Queue<number>(1), new Queue<number>(), new PriorityQueue<number>(2), new LifoQueue<number>(2)];
const lk = new Lock();
const sem = new Semaphore(2);
const cond = new Condition();
const bar = new Barrier(2);
const T: Task<number>[] = [];
const FUT: Future<number>[] = [];

function fmt(r: unknown): string {
  if (r instanceof CancelledError) return 'CancelledError';
  if (r instanceof TimeoutError) return 'TimeoutError';
  if (r instanceof Error) return r.name;
  return String(r);
}

function outcome(t: Future<unknown>): string {
  if (t.cancelled()) return 'cancelled';
  return fmt(t.exception() ?? t.result());
}

`;

/** Lines of both languages for one construct; `indent` nests a block. */
class Out {
  constructor() {
    this.py = [];
    this.ts = [];
  }
  both(py, ts, depth) {
    this.py.push('    '.repeat(depth) + py);
    this.ts.push('  '.repeat(depth) + ts);
  }
  pyOnly(line, depth) {
    this.py.push('    '.repeat(depth) + line);
  }
  tsOnly(line, depth) {
    this.ts.push('  '.repeat(depth) + line);
  }
}

class SchedGen extends Random {
  constructor(seed) {
    super(seed);
    this.label = 0;
    this.nWorkers = 2 + this.int(4);
    this.nSubs = 1 + this.int(3);
    /** Subs a body may call (sub j calls only sub0..sub(j-1)). */
    this.subLimit = 0;
  }
  /** A delay: 0 (one pass) or a 4-decimal base times the task's factor `f`. */
  delay(zero = 0.3) {
    if (this.chance(zero)) return { py: '0', ts: '0' };
    const base = (1 + this.int(9999)) / 10000;
    return { py: `${base} * f`, ts: `${base} * f` };
  }
  /** `f` times a factor of its own: every call site of a sub gives it a distinct clock factor. */
  f() {
    return `f * ${(1 + (1 + this.int(99999)) / 1e6).toFixed(6)}`;
  }
  /** A call of a sub this body may call, with a clock factor of its own. */
  subCall() {
    const j = this.int(this.subLimit);
    return `sub${j}(name, ${this.f()})`;
  }
  tag() {
    return `s${this.label++}`;
  }

  /** `print(name, "text")` / `console.log(name, 'text')`. */
  log(out, depth, text) {
    out.both(`print(name, "${text}")`, `console.log(name, '${text}');`, depth);
  }

  /**
   * try: <body(depth + 1)> / <clause>: <handler>, in both languages; the TypeScript catch rethrows
   * whatever is not a `tsClass`, as the Python clause does not catch it.
   */
  catching(out, depth, body, clause, tsClass, handler) {
    out.both('try:', 'try {', depth);
    body(depth + 1);
    out.pyOnly(`${clause}:`, depth);
    out.tsOnly('} catch (e) {', depth);
    out.tsOnly(`if (!(e instanceof ${tsClass})) throw e;`, depth + 1);
    out.both(handler.py, handler.ts, depth + 1);
    out.tsOnly('}', depth);
  }

  /** `async with lk:` (or sem) around a logged body: acquire, then release in a finally. */
  asyncWith(out, depth, obj, t, nest, sub) {
    out.pyOnly(`async with ${obj}:`, depth);
    out.tsOnly(`await ${obj}.acquire();`, depth);
    out.tsOnly('try {', depth);
    this.log(out, depth + 1, `${t} ${obj}`);
    this.body(out, depth + 1, 1 + this.int(3), nest - 1, sub);
    out.tsOnly('} finally {', depth);
    out.tsOnly(`${obj}.release();`, depth + 1);
    out.tsOnly('}', depth);
  }

  /**
   * A blocking call of a runtime primitive under wait_for (the hand-written frames of Queue.get/put,
   * Lock and Semaphore acquire, Event.wait, Barrier.wait, cancelled by the timeout): on a timeout
   * its line says so; a lock or semaphore acquired in time runs a body and is released.
   */
  waitForPrimitive(out, depth, nest, sub) {
    const t = this.tag();
    const x = this.delay();
    const q = this.int(4);
    const timedOut = { py: `print(name, "${t} timeout")`, ts: `console.log(name, '${t} timeout');` };
    const r = this.rand();
    const call = (py, ts) => (dd) => out.both(py, ts, dd);
    if (r < 0.25)
      this.catching(out, depth, call(`print(name, "${t} got", await asyncio.wait_for(qs[${q}].get(), ${x.py}))`, `console.log(name, '${t} got', await waitFor(qs[${q}].get(), ${x.ts}));`), 'except TimeoutError', 'TimeoutError', timedOut);
    else if (r < 0.45) {
      const v = this.int(100);
      this.catching(out, depth, call(`await asyncio.wait_for(qs[${q}].put(${v}), ${x.py})`, `await waitFor(qs[${q}].put(${v}), ${x.ts});`), 'except TimeoutError', 'TimeoutError', timedOut);
    } else if (r < 0.6) {
      const k = this.int(2);
      this.catching(out, depth, call(`print(name, "${t} set", str(await asyncio.wait_for(ev[${k}].wait(), ${x.py})).lower())`, `console.log(name, '${t} set', await waitFor(ev[${k}].wait(), ${x.ts}));`), 'except TimeoutError', 'TimeoutError', timedOut);
    } else if (r < 0.75) {
      // Longer: a barrier needs a second task to arrive meanwhile.
      const y = this.delay(0);
      this.catching(out, depth, call(`print(name, "${t} barrier", await asyncio.wait_for(bar.wait(), 5 * ${y.py}))`, `console.log(name, '${t} barrier', await waitFor(bar.wait(), 5 * ${y.ts}));`), 'except TimeoutError', 'TimeoutError', timedOut);
    }
    else {
      const obj = this.chance(0.5) ? 'lk' : 'sem';
      out.both(`got${t} = False`, `let got${t} = false;`, depth);
      const acquire = (dd) => {
        out.both(`await asyncio.wait_for(${obj}.acquire(), ${x.py})`, `await waitFor(${obj}.acquire(), ${x.ts});`, dd);
        out.both(`got${t} = True`, `got${t} = true;`, dd);
      };
      this.catching(out, depth, acquire, 'except TimeoutError', 'TimeoutError', timedOut);
      out.both(`if got${t}:`, `if (got${t}) {`, depth);
      out.both('try:', 'try {', depth + 1);
      this.log(out, depth + 2, `${t} ${obj}`);
      this.body(out, depth + 2, this.int(3), Math.max(0, nest - 1), sub);
      out.pyOnly('finally:', depth + 1);
      out.tsOnly('} finally {', depth + 1);
      out.both(`${obj}.release()`, `${obj}.release();`, depth + 2);
      out.tsOnly('}', depth + 1);
      out.tsOnly('}', depth);
    }
  }

  /** Statements of a worker or sub body at `depth` (the indent); `sub`: no blocking waits. */
  body(out, depth, n, nest, sub) {
    for (let i = 0; i < n; i++) this.statement(out, depth, nest, sub);
  }

  statement(out, depth, nest, sub) {
    const r = this.rand();
    const k = this.int(2);
    const q = this.int(4);
    const d = () => this.delay();
    if (r < 0.06) {
      this.log(out, depth, this.tag());
    } else if (r < 0.14) {
      const x = d();
      out.both(`await asyncio.sleep(${x.py})`, `await sleep(${x.ts});`, depth);
    } else if (r < 0.18 && !sub) {
      this.waitForPrimitive(out, depth, nest, sub);
    } else if (r < 0.27 && !sub) {
      const t = this.tag();
      out.both(`await ev[${k}].wait()`, `await ev[${k}].wait();`, depth);
      this.log(out, depth, t);
    } else if (r < 0.33) {
      if (this.chance(0.75)) out.both(`ev[${k}].set()`, `ev[${k}].set();`, depth);
      else out.both(`ev[${k}].clear()`, `ev[${k}].clear();`, depth);
    } else if (r < 0.39 && !sub) {
      const v = this.int(100);
      out.both(`await qs[${q}].put(${v})`, `await qs[${q}].put(${v});`, depth);
    } else if (r < 0.45 && !sub) {
      out.both(`print(name, "got", await qs[${q}].get())`, `console.log(name, 'got', await qs[${q}].get());`, depth);
      // Marked done right after a get: the count never goes below zero.
      if (this.chance(0.3)) out.both(`qs[${q}].task_done()`, `qs[${q}].taskDone();`, depth);
    } else if (r < 0.47) {
      const v = this.int(100);
      const put = (dd) => out.both(`qs[${q}].put_nowait(${v})`, `qs[${q}].putNowait(${v});`, dd);
      this.catching(out, depth, put, 'except asyncio.QueueFull', 'QueueFull', { py: 'print(name, "full")', ts: "console.log(name, 'full');" });
    } else if (r < 0.52 && nest > 0 && !sub) {
      this.asyncWith(out, depth, 'lk', this.tag(), nest, sub);
    } else if (r < 0.57 && nest > 0 && !sub && this.chance(0.25)) {
      // Swallows the cancellation and goes on (main cancels what is left several times over).
      const t = this.tag();
      this.catching(out, depth, (dd) => this.body(out, dd, 1 + this.int(3), nest - 1, sub), 'except asyncio.CancelledError as e', 'CancelledError', {
        py: `print(name, "${t} swallowed", str(e) or "-", asyncio.current_task().cancelling())`,
        ts: `console.log(name, '${t} swallowed', e.message || '-', currentTask()!.cancelling());`,
      });
    } else if (r < 0.57 && nest > 0) {
      const t = this.tag();
      out.both('try:', 'try {', depth);
      this.body(out, depth + 1, 1 + this.int(3), nest - 1, sub);
      out.pyOnly('except asyncio.CancelledError as e:', depth);
      out.pyOnly(`print(name, "${t} cancelled", str(e) or "-", asyncio.current_task().cancelling())`, depth + 1);
      out.pyOnly('raise', depth + 1);
      out.tsOnly('} catch (e) {', depth);
      out.tsOnly(`if (e instanceof CancelledError) console.log(name, '${t} cancelled', e.message || '-', currentTask()!.cancelling());`, depth + 1);
      out.tsOnly('throw e;', depth + 1);
      out.tsOnly('}', depth);
    } else if (r < 0.61 && nest > 0) {
      const t = this.tag();
      out.both('try:', 'try {', depth);
      this.body(out, depth + 1, 1 + this.int(3), nest - 1, sub);
      out.pyOnly('finally:', depth);
      out.tsOnly('} finally {', depth);
      this.log(out, depth + 1, `${t} finally`);
      out.tsOnly('}', depth);
    } else if (r < 0.64 && nest > 0) {
      const t = this.tag();
      const raising = (dd) => {
        this.body(out, dd, this.int(2), nest - 1, sub);
        out.both(`raise ValueError("${t}")`, `throw new ValueError('${t}');`, dd);
      };
      this.catching(out, depth, raising, 'except ValueError', 'ValueError', { py: `print(name, "${t} caught")`, ts: `console.log(name, '${t} caught');` });
    } else if (r < 0.69 && nest > 0) {
      const t = this.tag();
      const x = d();
      const scope = (dd) => {
        out.pyOnly(`async with asyncio.timeout(${x.py}):`, dd);
        out.tsOnly(`await withTimeout(${x.ts}, async () => {`, dd);
        this.body(out, dd + 1, 1 + this.int(3), nest - 1, sub);
        this.log(out, dd + 1, `${t} in time`);
        out.tsOnly('});', dd);
      };
      this.catching(out, depth, scope, 'except TimeoutError', 'TimeoutError', { py: `print(name, "${t} timeout")`, ts: `console.log(name, '${t} timeout');` });
    } else if (r < 0.72 && this.subLimit > 0) {
      const t = this.tag();
      const x = d();
      const j = this.int(this.subLimit);
      const fj = this.f();
      const call = (dd) =>
        out.both(
          `print(name, "${t}", await asyncio.wait_for(sub${j}(name, ${fj}), ${x.py}))`,
          `console.log(name, '${t}', await waitFor(sub${j}(name, ${fj}), ${x.ts}));`,
          dd,
        );
      this.catching(out, depth, call, 'except TimeoutError', 'TimeoutError', { py: `print(name, "${t} timeout")`, ts: `console.log(name, '${t} timeout');` });
    } else if (r < 0.75 && this.subLimit > 0) {
      const t = this.tag();
      const j = this.int(this.subLimit);
      const fj = this.f();
      const c = this.rand();
      if (c < 0.4)
        out.both(`print(name, "${t}", await sub${j}(name, ${fj}))`, `console.log(name, '${t}', await sub${j}(name, ${fj}));`, depth);
      else if (c < 0.7) {
        // A task with a done-callback, awaited or not (main cancels it at the end if need be).
        out.both(`t${t} = asyncio.create_task(sub${j}(name, ${fj}))`, `const t${t} = createTask(sub${j}(name, ${fj}));`, depth);
        out.both(
          `t${t}.add_done_callback(lambda x: print(name, "${t} done", outcome(x)))`,
          `t${t}.addDoneCallback((x) => console.log(name, '${t} done', outcome(x)));`,
          depth,
        );
        if (this.chance(0.5)) out.both(`print(name, "${t}", await t${t})`, `console.log(name, '${t}', await t${t});`, depth);
      } else
        out.both(
          `print(name, "${t}", await asyncio.create_task(sub${j}(name, ${fj})))`,
          `console.log(name, '${t}', await createTask(sub${j}(name, ${fj})));`,
          depth,
        );
    } else if (r < 0.78 && this.subLimit > 0) {
      const t = this.tag();
      const [ca, cb] = [this.subCall(), this.subCall()];
      out.both(
        `print(name, "${t}", " ".join(map(str, await asyncio.gather(${ca}, ${cb}))))`,
        `console.log(name, '${t}', (await gather(${ca}, ${cb})).join(' '));`,
        depth,
      );
    } else if (r < 0.81 && nest > 0 && !sub) {
      const t = this.tag();
      if (this.chance(0.5)) this.asyncWith(out, depth, 'sem', t, nest, sub);
      else {
        // A task group of subs (which may raise ValueError), its ValueErrors caught together.
        const group = (dd) => {
          out.pyOnly('async with asyncio.TaskGroup() as tg:', dd);
          out.tsOnly('await taskGroup(async (tg) => {', dd);
          // One child: a group that aborts cancels its children in CPython's set order (by address).
          const j = this.int(this.nSubs);
          const fc = this.f();
          out.both(`tg.create_task(sub${j}(name + "/${t}", ${fc}))`, `tg.createTask(sub${j}(name + '/${t}', ${fc}));`, dd + 1);
          this.body(out, dd + 1, this.int(3), nest - 1, sub);
          out.tsOnly('});', dd);
          this.log(out, dd, `${t} group done`);
        };
        this.catching(out, depth, group, 'except* ValueError as eg', 'ExceptionGroup', {
          py: `print(name, "${t} group failed", len(eg.exceptions))`,
          ts: `console.log(name, '${t} group failed', e.errors.length);`,
        });
      }
    } else if (r < 0.83 && this.subLimit > 0) {
      const t = this.tag();
      const j = this.int(this.subLimit);
      const fj = this.f();
      out.both(`print(name, "${t}", await asyncio.shield(sub${j}(name, ${fj})))`, `console.log(name, '${t}', await shield(sub${j}(name, ${fj})));`, depth);
    } else if (r < 0.85) {
      // Never 0: a callback is a timer even then, and two at the same instant would tie.
      const t = this.tag();
      const x = this.delay(0);
      if (this.chance(0.3))
        out.both(
          `asyncio.get_running_loop().call_soon(print, name, "${t} soon")`,
          `getRunningLoop().callSoon(console.log, name, '${t} soon');`,
          depth,
        );
      else
        out.both(
          `asyncio.get_running_loop().call_later(${x.py}, print, name, "${t} callback")`,
          `getRunningLoop().callLater(${x.ts}, console.log, name, '${t} callback');`,
          depth,
        );
    } else if (r < 0.87 && sub) {
      // Uncaught: fails the sub's caller, a gather, a task group (caught there), a waitFor.
      const t = this.tag();
      out.both(`raise ValueError("${t}")`, `throw new ValueError('${t}');`, depth);
    } else if (r < 0.90 && !sub) {
      const t = this.tag();
      out.pyOnly('async with cond:', depth);
      out.tsOnly('await cond.acquire();', depth);
      out.tsOnly('try {', depth);
      if (this.chance(0.4)) {
        out.both('await cond.wait()', 'await cond.wait();', depth + 1);
        out.both(`print(name, "${t} notified")`, `console.log(name, '${t} notified');`, depth + 1);
      } else if (this.chance(0.5)) out.both('cond.notify()', 'cond.notify();', depth + 1);
      else out.both('cond.notify_all()', 'cond.notifyAll();', depth + 1);
      out.tsOnly('} finally {', depth);
      out.tsOnly('cond.release();', depth + 1);
      out.tsOnly('}', depth);
    } else if (r < 0.915 && this.subLimit > 0) {
      const t = this.tag();
      const [ca, cb] = [this.subCall(), this.subCall()];
      out.both(
        `ws = [asyncio.create_task(${ca}), asyncio.create_task(${cb})]`,
        `const ws${t} = [createTask(${ca}), createTask(${cb})];`,
        depth,
      );
      out.both(
        'done, _ = await asyncio.wait(ws, return_when=asyncio.FIRST_COMPLETED)',
        `const { done: done${t} } = await wait(ws${t}, { returnWhen: FIRST_COMPLETED });`,
        depth,
      );
      out.both(
        `print(name, "${t} first", " ".join(str(i) for i, w in enumerate(ws) if w in done))`,
        `console.log(name, '${t} first', ws${t}.flatMap((w, i) => (done${t}.has(w) ? [i] : [])).join(' '));`,
        depth,
      );
      out.pyOnly('for w in ws:', depth);
      out.pyOnly('w.cancel()', depth + 1);
      out.tsOnly(`for (const w of ws${t}) w.cancel();`, depth);
    } else if (r < 0.93 && !sub) {
      const t = this.tag();
      out.both(`await qs[${q}].join()`, `await qs[${q}].join();`, depth);
      out.both(`print(name, "${t} joined")`, `console.log(name, '${t} joined');`, depth);
    } else if (r < 0.94 && this.subLimit > 0) {
      // Over tasks made in list order: given coroutines, as_completed makes its tasks in set order.
      const t = this.tag();
      const [ca, cb] = [this.subCall(), this.subCall()];
      out.pyOnly(`for c in asyncio.as_completed([asyncio.create_task(${ca}), asyncio.create_task(${cb})]):`, depth);
      out.pyOnly(`print(name, "${t} completed", await c)`, depth + 1);
      out.tsOnly(`for (const c of asCompleted([createTask(${ca}), createTask(${cb})]))`, depth);
      out.tsOnly(`console.log(name, '${t} completed', await c);`, depth + 1);
    } else if (r < 0.955 && nest > 0) {
      // A timeout scope with no deadline, given one from inside (Timeout.reschedule).
      const t = this.tag();
      const x = this.delay(0);
      const scope = (dd) => {
        out.pyOnly('async with asyncio.timeout(None) as cm:', dd);
        out.tsOnly('await withTimeout(null, async (cm) => {', dd);
        out.both(
          `cm.reschedule(asyncio.get_running_loop().time() + ${x.py})`,
          `cm.reschedule(getRunningLoop().time() + ${x.ts});`,
          dd + 1,
        );
        this.body(out, dd + 1, 1 + this.int(3), nest - 1, sub);
        this.log(out, dd + 1, `${t} in time`);
        out.tsOnly('});', dd);
      };
      this.catching(out, depth, scope, 'except TimeoutError', 'TimeoutError', { py: `print(name, "${t} timeout")`, ts: `console.log(name, '${t} timeout');` });
    } else if (r < 0.965) {
      // A timer cancelled before it fires, or after.
      const t = this.tag();
      const x = this.delay(0);
      out.both(
        `h${t} = asyncio.get_running_loop().call_later(${x.py}, print, name, "${t} fired")`,
        `const h${t} = getRunningLoop().callLater(${x.ts}, console.log, name, '${t} fired');`,
        depth,
      );
      this.body(out, depth, this.int(2), 0, sub);
      out.both(`h${t}.cancel()`, `h${t}.cancel();`, depth);
    } else if (r < 0.98) {
      // The shared future: main makes it; a worker or sub sets it; waiting on it from a task that
      // gets cancelled cancels the future itself (as asyncio's Task.cancel does).
      if (sub || this.chance(0.5)) {
        const v = this.int(1000);
        out.both(`if not FUT[0].done():`, `if (!FUT[0].done())`, depth);
        out.both(`FUT[0].set_result(${v})`, `FUT[0].setResult(${v});`, depth + 1);
      } else out.both(`print(name, "fut", await FUT[0])`, `console.log(name, 'fut', await FUT[0]);`, depth);
    } else if (!sub) {
      // main may still be starting the tasks (it can sleep between two createTask calls).
      const j = this.int(this.nWorkers);
      out.both(`if len(T) > ${j}:`, `if (T.length > ${j})`, depth);
      out.both(
        `print(name, "cancel t${j}", str(T[${j}].cancel()).lower())`,
        `console.log(name, 'cancel t${j}', T[${j}].cancel());`,
        depth + 1,
      );
    } else {
      const t = this.tag();
      out.both(`print(name, "${t}")`, `console.log(name, '${t}');`, depth);
    }
  }

  generate() {
    const out = new Out();
    for (let j = 0; j < this.nSubs; j++) {
      this.subLimit = j; // sub j calls only subs below it: no recursion
      out.both(`async def sub${j}(name, f):`, `async function sub${j}(name: string, f: number): Promise<number> {`, 0);
      this.body(out, 1, 1 + this.int(3), 1, true);
      const v = this.int(1000);
      out.both(`return ${v}`, `return ${v};`, 1);
      out.tsOnly('}', 0);
      out.both('', '', 0);
    }
    this.subLimit = this.nSubs;
    for (let i = 0; i < this.nWorkers; i++) {
      out.both(`async def w${i}(name, f):`, `async function w${i}(name: string, f: number): Promise<number> {`, 0);
      this.body(out, 1, 2 + this.int(5), 2, false);
      out.both(`return ${100 + i}`, `return ${100 + i};`, 1);
      out.tsOnly('}', 0);
      out.both('', '', 0);
    }
    out.both('async def main():', 'async function main(): Promise<void> {', 0);
    out.both('f = 1', 'const f = 1;', 1);
    out.both('name = "main"', "const name = 'main';", 1);
    out.both('FUT.append(asyncio.get_running_loop().create_future())', 'FUT.push(getRunningLoop().createFuture<number>());', 1);
    for (let i = 0; i < this.nWorkers; i++) {
      // A distinct factor per task keeps their deadlines apart (see the header).
      const fi = (1 + (i + 1) * 0.0137 + this.int(1000) / 1e6).toFixed(6);
      out.both(`T.append(asyncio.create_task(w${i}("t${i}", ${fi})))`, `T.push(createTask(w${i}('t${i}', ${fi})));`, 1);
      if (this.chance(0.3)) this.mainStatement(out);
    }
    for (let n = this.int(4); n > 0; n--) this.mainStatement(out);
    out.both('await asyncio.wait(T, timeout=50)', 'await wait(T, { timeout: 50 });', 1);
    // Cancel every task left, the workers and those made inside (shielded ones, wait_for's,
    // as_completed's), in creation order, until none is (a task may swallow a cancel): run() would
    // cancel them in set order, by address.
    out.pyOnly('for _ in range(20):', 1);
    out.pyOnly('left = sorted((t for t in asyncio.all_tasks() if t is not asyncio.current_task()), key=lambda t: int(t.get_name()[5:]))', 2);
    out.pyOnly('if not left:', 2);
    out.pyOnly('break', 3);
    out.pyOnly('for t in left:', 2);
    out.pyOnly('t.cancel()', 3);
    out.pyOnly('await asyncio.wait(left, timeout=50)', 2);
    out.tsOnly('for (let round = 0; round < 20; round++) {', 1);
    out.tsOnly('const left = [...allTasks()].filter((t) => t !== currentTask()).sort((a, b) => Number(a.getName().slice(5)) - Number(b.getName().slice(5)));', 2);
    out.tsOnly('if (left.length === 0) break;', 2);
    out.tsOnly('for (const t of left) t.cancel();', 2);
    out.tsOnly('await wait(left, { timeout: 50 });', 2);
    out.tsOnly('}', 1);
    out.pyOnly('results = await asyncio.gather(*T, return_exceptions=True)', 1);
    out.pyOnly('for i, r in enumerate(results):', 1);
    out.pyOnly('print("result", i, fmt(r))', 2);
    out.tsOnly('const results = await gather(T, { returnExceptions: true });', 1);
    out.tsOnly("results.forEach((r, i) => console.log('result', i, fmt(r)));", 1);
    out.tsOnly('}', 0);
    out.both('', '', 0);
    out.pyOnly('asyncio.run(main())', 0);
    out.pyOnly('print("end")', 0);
    out.tsOnly("run(main()).then(() => console.log('end'), (e) => console.log('uncaught', fmt(e)));", 0);
    return { py: PY_HEADER + out.py.join('\n') + '\n', ts: TS_HEADER + out.ts.join('\n') + '\n' };
  }

  mainStatement(out) {
    const r = this.rand();
    if (r < 0.4) {
      const x = this.delay();
      out.both(`await asyncio.sleep(${x.py})`, `await sleep(${x.ts});`, 1);
    } else if (r < 0.6) {
      const j = this.int(this.nWorkers);
      out.both(`if len(T) > ${j}:`, `if (T.length > ${j})`, 1);
      const msg = this.chance(0.5) ? `"m${j}"` : '';
      out.both(`print("main cancel t${j}", str(T[${j}].cancel(${msg})).lower())`, `console.log('main cancel t${j}', T[${j}].cancel(${msg.replace(/"/g, "'")}));`, 2);
    } else if (r < 0.7) {
      const k = this.int(2);
      out.both(`ev[${k}].set()`, `ev[${k}].set();`, 1);
    } else if (r < 0.75) {
      // main meets the workers at the barrier (with a time limit: main must not block for ever).
      const t = this.tag();
      this.catching(out, 1, (dd) => out.both(`print(name, "${t} barrier", await asyncio.wait_for(bar.wait(), 3))`, `console.log(name, '${t} barrier', await waitFor(bar.wait(), 3));`, dd), 'except TimeoutError', 'TimeoutError', { py: `print(name, "${t} timeout")`, ts: `console.log(name, '${t} timeout');` });
    } else if (r < 0.8) {
      if (this.chance(0.5)) {
        out.pyOnly('async with cond:', 1);
        out.pyOnly('cond.notify_all()', 2);
        out.tsOnly('await cond.acquire();', 1);
        out.tsOnly('cond.notifyAll();', 1);
        out.tsOnly('cond.release();', 1);
      } else {
        const v = this.int(1000);
        out.both('if not FUT[0].done():', 'if (!FUT[0].done())', 1);
        out.both(`FUT[0].set_result(${v})`, `FUT[0].setResult(${v});`, 2);
      }
    } else {
      // Into the unbounded queue: main must not block (only its final wait() has a timeout).
      const v = this.int(100);
      out.both(`await qs[1].put(${v})`, `await qs[1].put(${v});`, 1);
    }
  }
}

/** The paired program for `seed`: `{ py, ts }`. */
function generateSched(seed) {
  return new SchedGen(seed).generate();
}

module.exports = { generateSched };
