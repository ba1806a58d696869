// Coroutines and the await protocol. Takes frames built by emitted code (see protocol.ts) and runs
// them on the current Task: `awaitValue` is what every `await` in compiled code calls.
//   await <coroutine>  -> runs it inline: a native call while shallow (a coroutine that returns without
//                         suspending costs one call, as C#'s IsCompleted / Kotlin's inline return), past
//                         MAX_INLINE_DEPTH it is pushed on the task's frame stack instead, so an await
//                         chain of any depth needs no native stack;
//   await <done Future> -> its result, no suspension (asyncio rule 2);
//   await <pending Future/Task> -> the task registers itself as a done-callback and suspends;
//   await <thenable>    -> wrapped in a Future that the thenable settles; the task suspends on it;
//   await <other value> -> the value.
import { CancelledError, RuntimeError, TimeoutError } from './errors';
import { Future, FutureState } from './future';
import type { Task } from './task';
import { EventLoop, _getActiveLoop, _loopForNewWork } from './loop';
import { debugFlags, renameWatched, trackCoroutines } from './warnings';

/** Returned by $step (and by awaitValue) when the frame parked itself; never a user value. */
const SUSPEND: unique symbol = Symbol('tscoro.suspend') as any;

/** A frame as emitted code builds it (the fields the runtime reads or writes). */
export interface Frame {
  $s: number;
  $p: Frame | null | undefined;
  $step(m: 0 | 1, v: unknown): unknown;
}

/**
 * @internal The await chain of an error thrown in a resumed step. When a Task resumes a frame, the
 * frames awaiting it are not on the JS stack (they wait in the frame chain), so the stack of an
 * error thrown there ends in the loop's dispatch. As V8 adds `at async f` lines for the async
 * functions awaiting the one that threw, this replaces the dispatch (from `Task._step` on) with
 * one `at async <name>` line per awaiting frame, `from` (the thrower's parent) up to the task's
 * root, at most Error.stackTraceLimit of them. Done once per error, when it first leaves the
 * frame that threw it: an error the frame was resumed with (a failed Future, a cancellation) and
 * rethrows is not changed, nor are non-Errors, nor (outside debug mode) CancelledError and
 * TimeoutError: the runtime raises those without a stack (errors.ts runtimeError), and they are
 * control flow, frequent enough in timeout-heavy code that the lookups here would show. The stack
 * is formatted then, which only errors crossing a suspension pay for.
 * A line names the await where the frame waits when its function was compiled with positions
 * (see Where), as V8 names the await of an async frame.
 *   Error: bad 1                          Error: bad 1
 *       at inner$.$step (main.ts:4:20)  ->      at inner$.$step (main.ts:4:20)
 *       at Task._step (task.ts:244:17)          at async middle (main.ts:8:13)
 *       ...                                     at async main (main.ts:13:5)
 */
export function addAwaitChain(err: unknown, from: Frame | null, debug: boolean): void {
  if (!(err instanceof Error) || (!debug && (err instanceof CancelledError || err instanceof TimeoutError)) || chained.has(err)) return;
  chained.add(err);
  const stack = err.stack;
  if (typeof stack !== 'string') return;
  let lines = '';
  // V8's limit (10 unless a program sets it); engines without one get 10 lines at most.
  const limit = typeof Error.stackTraceLimit === 'number' ? Error.stackTraceLimit : 10;
  let n = 0;
  for (let p: Frame | null | undefined = from; p !== null && p !== undefined && n < limit; p = p.$p) {
    if (isStepFrame(p)) continue;
    const at = whereSuspended(p);
    lines += at === undefined ? `\n    at async ${(p as Coroutine).$name}` : `\n    at async ${(p as Coroutine).$name} (${at.file}:${at.line}:${at.column})`;
    n++;
  }
  const cut = stack.indexOf('\n    at Task._step ');
  try {
    err.stack = (cut >= 0 ? stack.slice(0, cut) : stack) + lines;
  } catch {
    // A frozen error or a read-only stack stays as it is.
  }
}
const chained = new WeakSet<object>();

/**
 * @internal Marks a runtime frame class whose frames stand for a request, not a function: an async
 * generator's next/throw/return step (asyncgen.ts GenStep). Await chains and Task.getStack() leave
 * them out, as V8's async stack traces and Python's tracebacks show the generator and its consumer.
 */
const STEP_FRAME: unique symbol = Symbol('tscoro.stepFrame') as any;

/** @internal Whether `f` is such a request step (see STEP_FRAME). */
export function isStepFrame(f: Frame): boolean {
  return (f as Partial<Record<typeof STEP_FRAME, boolean>>)[STEP_FRAME] === true;
}

/** Native recursion depth for inline awaits before falling back to the task's frame stack. */
const MAX_INLINE_DEPTH = 256;

// Driver state shared with task.ts and with emitted code (protocol `d`). Invariant: `task` is the
// Task whose frames are executing (null between steps); `pushed` is a frame that awaitValue asked
// the driver to run next (deep chains); `room` is how many more inline awaits may nest natively in
// this step (Task._step sets it to MAX_INLINE_DEPTH; each inline await takes one and gives it back);
// `sleep` is -1, or the delay (>= 0) of the sleep whose frame has just returned SUSPEND: the task's
// driver parks the task for it as soon as the step returns (see SleepFrame), and resets it to -1.
const drv: { task: Task<unknown> | null; pushed: Frame | null; room: number; sleep: number } = {
  task: null,
  pushed: null,
  room: MAX_INLINE_DEPTH,
  sleep: -1,
};

/** @internal True for values that `return` adopts and `await` suspends on. */
export function isThenable(x: unknown): x is PromiseLike<unknown> {
  return x !== null && (typeof x === 'object' || typeof x === 'function') && typeof (x as any).then === 'function';
}

/**
 * What a compiled async function returns: a lazy coroutine object (as in asyncio). Nothing runs
 * until it is awaited inside a coroutine, scheduled with createTask/gather/run, or awaited by native
 * code (`then`), which schedules it as a Task on the active loop (or the default loop).
 * A coroutine runs at most once: awaiting it again throws RuntimeError.
 */
export class Coroutine<T = unknown> implements PromiseLike<T> {
  declare $s: number;
  declare $p: Frame | null | undefined;
  declare $name: string;
  /**
   * For the runtime's own frame classes (sleep, adoption, ...). Compiled frame classes do not call
   * it: they initialise the same two fields themselves and only borrow this prototype (`def`).
   */
  constructor() {
    this.$s = 0;
    this.$p = undefined;
  }
  $step(_m: 0 | 1, _v: unknown): unknown {
    throw new TypeError('Coroutine.$step must be provided by a compiled frame class');
  }

  /** Native interop: schedules the coroutine as a Task (once) and follows it like a Promise. */
  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: any) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return taskForNative(this).then(onfulfilled, onrejected);
  }
  /** Promise-style catch: schedules the coroutine like `then`. */
  catch<R = never>(onrejected?: ((reason: any) => R | PromiseLike<R>) | null): Promise<T | R> {
    return taskForNative(this).catch(onrejected);
  }
  /** Promise-style finally: schedules the coroutine like `then`. */
  finally(onfinally?: (() => void) | null): Promise<T> {
    return taskForNative(this).finally(onfinally);
  }
  toString(): string {
    return `<coroutine object ${this.$name}>`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}
Object.defineProperty(Coroutine.prototype, '$name', { value: 'coroutine', writable: true });

/**
 * On Coroutine.prototype (true): how a frame class's `$a` tells a coroutine from other awaited
 * values (protocol `B`). `x !== null && x !== undefined && x[B] === true` says what
 * `x instanceof Coroutine` says for any value, but V8's escape analysis can see through it: with
 * instanceof (or typeof, or `x != null`) the callee's frame of a synchronous await is always
 * allocated; with the brand V8 removes the allocation (W1: 10 ns -> 3 ns per await in isolation).
 */
const BRAND: unique symbol = Symbol('tscoro.coroutine') as any;
Object.defineProperty(Coroutine.prototype, BRAND, { value: true });
Object.defineProperty(Coroutine.prototype, Symbol.toStringTag, { value: 'Coroutine' });
if (debugFlags.env) trackCoroutines(Coroutine.prototype, _getActiveLoop);

const nativeTasks = new WeakMap<object, Task<any>>();
/** @internal The Task native code started for `coro`, if it did. */
export function nativeTaskOf<T>(coro: Coroutine<T>): Task<T> | undefined {
  return nativeTasks.get(coro);
}
/** @internal The one Task that native code (then, toPromise) starts for a coroutine. */
export function taskForNative<T>(coro: Coroutine<T>): Task<T> {
  let t = nativeTasks.get(coro);
  if (t === undefined) {
    t = _loopForNewWork().createTask(coro);
    nativeTasks.set(coro, t);
  }
  return t;
}

/**
 * @internal Names a frame whose class serves several coroutines (closure steps, generator frames,
 * timeout scopes); in debug mode the "never awaited" report watching it takes the name too.
 */
export function nameFrame(frame: Coroutine<unknown>, name: string): void {
  frame.$name = name;
  if (debugFlags.coroutines) renameWatched(frame);
}

/**
 * Emitted once per compiled async function: makes its frame class a Coroutine named `name`, and
 * gives it the source positions of its suspension points when the transformer emits them (a Where:
 * `file`, and `table`).
 */
export function defineCoroutine(cls: { prototype: object }, name: string, file?: string, table?: string): void {
  Object.setPrototypeOf(cls.prototype, Coroutine.prototype);
  withFrameName(name, cls);
  definePositions(cls, file, table);
}

/** @internal Gives a compiled frame class its Where (`$at` on its prototype) when one was emitted. */
export function definePositions(cls: { prototype: object }, file: string | undefined, table: string | undefined): void {
  if (file !== undefined && table !== undefined) Object.defineProperty(cls.prototype, '$at', { value: [file, table] satisfies Where });
}

/**
 * Where a compiled function's frames wait: its source file, and a table that gives, for each
 * resume state, the line and column (1-based) of the suspension point (an await, a `for await`
 * head, ...) that resumes there: `state:line:column,...`. Emitted by the transformer unless its
 * `positions` option is false; a frame class holds it on its prototype (`$at`, see def), a
 * closure-step frame in a field (a file-level const). Read only for stack lines (addAwaitChain,
 * Task.printStack), never on the await path.
 *   [emitted]  $def(middle$, "middle", $file, "1:8:13")      const $w = [$file, "2:5:7,4:9:3"];
 */
export type Where = readonly [file: string, table: string];

/** @internal Where a suspended frame waits, when its function was compiled with positions. */
export function whereSuspended(f: Frame): { file: string; line: number; column: number } | undefined {
  const w = (f as { $at?: Where }).$at;
  if (!Array.isArray(w)) return undefined;
  const m = new RegExp(`(?:^|,)${f.$s}:(\\d+):(\\d+)`).exec(w[1]);
  return m === null ? undefined : { file: w[0], line: Number(m[1]), column: Number(m[2]) };
}

/**
 * @internal Names a runtime frame class's coroutines ($name on its prototype) and returns the class.
 * Called with a `@__PURE__` annotation, so that bundlers can drop an unused class.
 */
export function withFrameName<C extends { prototype: object }>(name: string, cls: C): C {
  Object.defineProperty(cls.prototype, '$name', { value: name });
  return cls;
}

/** @internal asyncio's message for a coroutine awaited twice. */
export function reuseError(): RuntimeError {
  return new RuntimeError('cannot reuse already awaited coroutine');
}

/**
 * The await protocol (see file header). `frame` has already stored its resume state in $s.
 * Returns the awaited value, SUSPEND, or throws the awaited exception.
 */
export function awaitValue(frame: Frame, x: unknown): unknown {
  // Compiled frame classes run this first case in their own `$a` method (see emit.ts): here the
  // x.$step call sees every frame class of the program (megamorphic: no inlining, the callee's
  // frame escapes), there it sees the few its class awaits.
  const room = drv.room;
  if (x instanceof Coroutine && x.$p === undefined && room > 0) {
    x.$p = frame;
    drv.room = room - 1;
    return inlineResult(frame, x.$step(0, undefined), room);
  }
  return awaitOther(frame, x);
}

/**
 * The end of an inline await (protocol `rv`): gives back the room taken for it (restores `room`,
 * what it was before the callee's step) and returns what that step returned (SUSPEND or its
 * result), awaiting a returned thenable as `return promise` does. No try/finally on this hot path:
 * a throw skips the give-back, which only makes later inline awaits of this step fall back to the
 * frame stack sooner (Task._step resets it).
 * Why a restore and not `room++` (with `room--` before the call): in a loop of inline awaits the
 * decrement and increment chain each iteration's load of `room` to the previous store twice
 * (store-to-load forwarding, ~5 cycles each, on the loop's critical path); with the value kept in a
 * register only the restore is stored. 1,000,000 awaits of a trivial coroutine: 3.5 -> 3.0 ms (and
 * -> 2.4 ms once this module stopped reading its own exports, see the end of the file).
 */
export function inlineResult(frame: Frame, r: unknown, room: number): unknown {
  drv.room = room;
  if (r === SUSPEND || r === null || (typeof r !== 'object' && typeof r !== 'function')) return r;
  return isThenable(r) ? awaitValue(frame, r) : r;
}

/** The rest of the await protocol: plain values, reused or too-deep coroutines, Futures, thenables. */
function awaitOther(frame: Frame, x: unknown): unknown {
  if (x === null || (typeof x !== 'object' && typeof x !== 'function')) return x;
  if (x instanceof Coroutine) {
    if (x.$p === undefined) {
      x.$p = frame;
      drv.pushed = x;
      return SUSPEND;
    }
    // A coroutine that native code started (`c.then(...)`, toPromise) is awaited as its Task, as
    // a promise can be awaited again; any other that ran already cannot run again.
    const t = nativeTasks.get(x);
    if (t === undefined) throw reuseError();
    x = t;
  }
  if (x instanceof Future) {
    if (x._state !== FutureState.Pending) return x.result();
    return suspendOn(frame, x);
  }
  // `then` is read once, as the engine's await reads it.
  const then = (x as { then?: unknown }).then;
  if (typeof then === 'function') return suspendOn(frame, wrapThenable(x as PromiseLike<unknown>, undefined, then));
  return x;
}

/** @internal What an await that would suspend outside any task throws. */
export function noTaskError(): RuntimeError {
  return new RuntimeError('await outside of a task: run the coroutine with run() or createTask()');
}

function currentTaskOrThrow(): Task<unknown> {
  const t = drv.task;
  if (t === null) throw noTaskError();
  return t;
}

function suspendOn(frame: Frame, fut: Future<unknown>): typeof SUSPEND {
  const t = currentTaskOrThrow();
  if ((fut as unknown) === t) throw new RuntimeError(`Task cannot await on itself: ${t}`);
  if (fut._loop !== t._loop) throw new RuntimeError(`Task ${t} got Future ${fut} attached to a different loop`);
  t._top = frame;
  t._waiter = fut;
  fut._addCallback(t);
  if (t._mustCancel && fut.cancel(t._result as string | undefined)) t._mustCancel = false;
  return SUSPEND;
}

const promiseThen = Promise.prototype.then;

/**
 * @internal Wraps a native thenable in a Future of `loop` (default: the current task's); the virtual
 * clock waits while the Future is pending. `then`: x's `then`, when the caller has read it already.
 * A thenable that is not a plain native Promise settles a Promise through its own `then`, as the
 * engine resolves a promise with it: the first of its resolve/reject calls counts (a throw after it
 * is ignored), and a thenable it resolves with is followed in turn.
 */
export function wrapThenable<T>(x: PromiseLike<T>, loop: EventLoop = currentTaskOrThrow()._loop, then: unknown = x.then): Future<T> {
  const fut = new Future<T>(loop);
  let counted = true;
  loop._nativeWaits++;
  const release = (): void => {
    if (counted) {
      counted = false;
      loop._nativeWaits--;
    }
  };
  fut._addCallback(release);
  const onValue = (v: T): void => {
    release();
    if (!fut.done()) fut.setResult(v);
  };
  const onError = (e: unknown): void => {
    release();
    if (!fut.done()) fut.setException(e);
  };
  if (then === promiseThen && x instanceof Promise) promiseThen.call(x, onValue, onError);
  else adoptThenable(x, then as PromiseLike<T>['then'], onValue, onError);
  return fut;
}

/**
 * Settles through a thenable's own `then` as the engine's promise resolution does: the first call
 * of the resolve or reject function given to it counts, a throw after it is ignored, and a value
 * that is itself a thenable is followed (in a microtask, as the engine's job runs it, so a thenable
 * that resolves with itself loops through the microtask queue instead of the stack). `then` is
 * called at once, so a thenable that settles synchronously settles the await in this pass.
 */
function adoptThenable<T>(x: unknown, then: PromiseLike<T>['then'], onValue: (v: T) => void, onError: (e: unknown) => void): void {
  let called = false;
  try {
    startDropped(then.call(
      x,
      (v) => {
        if (!called) {
          called = true;
          resolveWith(v, onValue, onError);
        }
      },
      (e) => {
        if (!called) {
          called = true;
          onError(e);
        }
      },
    ));
  } catch (e) {
    if (!called) {
      called = true;
      onError(e);
    }
  }
}

/**
 * What a thenable's `then` returned, which the await protocol ignores: a compiled `async then(res,
 * rej)` returns a coroutine, which would never run (natively its body runs when then is called, so
 * the await settles). Started as a Task on the active loop, as native code's `.then` starts one; its
 * failure is reported as any Task's that nobody awaits.
 */
function startDropped(r: unknown): void {
  if (r instanceof Coroutine && r.$p === undefined) _loopForNewWork().createTask(r);
}

function resolveWith<T>(v: T, onValue: (v: T) => void, onError: (e: unknown) => void): void {
  if (v !== null && (typeof v === 'object' || typeof v === 'function')) {
    let then: unknown;
    try {
      then = (v as { then?: unknown }).then;
    } catch (e) {
      onError(e);
      return;
    }
    if (typeof then === 'function') {
      queueMicrotask(() => adoptThenable(v, then as PromiseLike<T>['then'], onValue, onError));
      return;
    }
  }
  onValue(v);
}

/**
 * `sleep()`'s frame: asks the task's driver to park the task on a timer (or, for 0, for exactly
 * one pass) without a Future. A flat class made a Coroutine as the compiled frame classes are
 * (defineCoroutine below), not a subclass: one is made per sleep, and a constructor without a
 * super() chain measured ~20% less time per `await sleep(0)` in a loop.
 *
 * Its step makes no call and stores `this` nowhere, so that in a compiled frame that awaits
 * `sleep()` (its `$a` and this step inlined) V8's escape analysis removes the frame's allocation:
 * 56 bytes less per `await sleep()`. Hence the parking is left to Task._step (drv.sleep): V8 treats
 * the receiver of any inlined function that makes a call it could deoptimise in (a call not
 * inlined) as escaping, for the stack-trace API's `getThis`, and parking calls into the loop
 * (`_addTimer`, a new ready-queue block now and then). For the same reason a sleep that returns a
 * value leaves a ValueFrame on top instead of itself.
 */
export class SleepFrame<T> {
  $s: number;
  $p: Frame | null | undefined;
  constructor(
    readonly delay: number,
    readonly value: T,
  ) {
    this.$s = 0;
    this.$p = undefined;
  }
  $step(m: 0 | 1, v: unknown): unknown {
    if (m) throw v;
    // Resumed only as a task's root (below).
    if (this.$s === 1) return this.value;
    this.$s = 1;
    const t = currentTaskOrThrow();
    // The task resumes the frame that awaits the sleep directly, with undefined (what sleep(d)
    // returns) or the CancelledError this frame would only rethrow: the sleep's frame is garbage
    // from here. A sleep that is a task's root ($p null) is its top already, and stays so.
    const p = this.$p;
    if (p !== null && p !== undefined) t._top = this.value === undefined ? p : new ValueFrame(this.value, p);
    drv.sleep = this.delay > 0 ? this.delay : 0;
    return SUSPEND;
  }
}
export interface SleepFrame<T> extends Coroutine<T> {}
defineCoroutine(SleepFrame, 'sleep');

/** What `sleep(d, value)` leaves on the task's top to return `value` when the task resumes. */
class ValueFrame<T> {
  $s: number;
  $p: Frame | null | undefined;
  constructor(
    readonly value: T,
    p: Frame,
  ) {
    this.$s = 1;
    this.$p = p;
  }
  $step(m: 0 | 1, v: unknown): unknown {
    if (m) throw v;
    return this.value;
  }
}
interface ValueFrame<T> extends Coroutine<T> {}
defineCoroutine(ValueFrame, 'sleep');

/** Awaits a value on behalf of a frame that returned it (`return promise` acts like `return await promise`). */
export class AdoptFrame extends Coroutine<unknown> {
  constructor(readonly value: unknown) {
    super();
  }
  override $step(m: 0 | 1, v: unknown): unknown {
    if (m) throw v;
    if (this.$s === 1) return v;
    this.$s = 1;
    return awaitValue(this, this.value);
  }
}

/** A frame that fails at once (a task started on a coroutine that already ran). */
export class ThrowFrame extends Coroutine<never> {
  constructor(readonly error: unknown) {
    super();
  }
  override $step(): unknown {
    throw this.error;
  }
}

/**
 * The frame of an async function that captures locals of an enclosing function: its step is a
 * closure made where the function is defined; locals are fields added by the wrapper (always in
 * the same order, so each function's frames share one shape). Flat like SleepFrame (one per call):
 * 1,000,000 awaits of a closure-form function ~30% faster than through a super() chain.
 */
export class ClosureFrame {
  $s: number;
  $p: Frame | null | undefined;
  /** Where the function's awaits are (see Where), or undefined when compiled without positions. */
  $at: Where | undefined;
  constructor(
    readonly $fn: (this: ClosureFrame, m: 0 | 1, v: unknown) => unknown,
    name: string,
    at?: Where,
  ) {
    this.$s = 0;
    this.$p = undefined;
    this.$at = at;
    nameFrame(this, name);
  }
  $step(m: 0 | 1, v: unknown): unknown {
    return this.$fn(m, v);
  }
}
export interface ClosureFrame extends Coroutine<unknown> {}
Object.setPrototypeOf(ClosureFrame.prototype, Coroutine.prototype);

/** Emitted as the tag of a copy of a template site: returns the site's (cached) strings array. */
export function templateObject(strings: TemplateStringsArray): TemplateStringsArray {
  return strings;
}

/**
 * What a compiled async function returns when binding its parameters threw (a default or a
 * destructuring failed): a coroutine that throws the error when awaited or scheduled, as the
 * native function's promise would reject.
 */
export function failedCoroutine(error: unknown, name: string): Coroutine<never> {
  const c = new ThrowFrame(error);
  Object.defineProperty(c, '$name', { value: name });
  return c;
}

// Exported by name, not `export const`: TypeScript's CommonJS output turns every use of an
// `export const` inside its own module into an `exports.X` load (W1: 3.0 -> 2.4 ms for drv and SUSPEND).
export { SUSPEND, STEP_FRAME, MAX_INLINE_DEPTH, drv, BRAND };
