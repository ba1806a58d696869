// Task: a Future that drives a coroutine (asyncio.Task). Takes a Coroutine, produces its result.
// The driver (`_step`) is a trampoline over the task's frame stack: a frame that returns hands its
// value to its parent frame ($p), a frame that throws hands the exception up, and a frame pushed by
// a deep await runs next. Cancellation follows CPython's Task.cancel/__step exactly: the cancel is
// passed to whatever the task waits on (a Future, another Task, a timer) or, if the task is already
// scheduled, remembered in _mustCancel and thrown in at its next step.
import { CancelledError, InvalidStateError, RuntimeError, runtimeError } from './errors';
import { Future, FutureState } from './future';
import { EventLoop, Runnable, TimerBucket, _loopForNewWork, _provideClasses } from './loop';
import { PARK_WOKEN, Park, ParkFrame } from './genframe';
import type { Fifo } from './fifo';
import {
  AdoptFrame,
  addAwaitChain,
  Coroutine,
  Frame,
  MAX_INLINE_DEPTH,
  SUSPEND,
  ThrowFrame,
  drv,
  isStepFrame,
  isThenable,
  reuseError,
  whereSuspended,
} from './coroutine';
import {
  captureStack,
  pendingWatches,
  sourceTracebacks,
  unwatchPending,
  watchPending,
  watchUnretrieved,
} from './warnings';

export interface TaskOptions {
  /** The task's name (asyncio default: "Task-N"). */
  name?: string;
  /**
   * Run the first step now, inside createTask, up to the first suspension (asyncio 3.12's
   * eager_start). Ignored when the loop is not running: the task is scheduled as usual.
   */
  eager?: boolean;
}

/** @internal An Event as Task.cancel sees it: the list of tasks waiting on it. */
export interface EventList {
  _waiters: Fifo<Task<unknown>>;
}

/**
 * @internal A task's _waiter (and its ready-queue argument) once the Event it waited on was set:
 * it resumes with true; a cancel() meanwhile only sets _mustCancel.
 */
const EVENT_SET = { toString: (): string => '<Event set>' };

// asyncio's Task._num_cancels_requested, for the tasks that were ever cancelled: a side table rather
// than a field, because most tasks never are (bytes per task, W5).
const cancelRequests = new WeakMap<object, number>();

const NOT_COMPILED =
  'expected a tscoro Coroutine but got a native Promise: the async function was not compiled by the ' +
  'tscoro transformer. Add { "transform": "tscoro/transformer" } to compilerOptions.plugins in ' +
  'tsconfig.json and compile with ts-patch\'s `tspc` on TypeScript 6 (plain `tsc` and TypeScript 7 ignore plugins), ' +
  'or run the file with `tscoro run`.';

/** @internal Throws the TypeError that explains a missing transform, or a TypeError for non-coroutines. */
export function checkCoroutine(coro: unknown, what: string): asserts coro is Coroutine<unknown> {
  if (coro instanceof Coroutine) return;
  if (coro instanceof Promise) throw new TypeError(`${what}: ${NOT_COMPILED}`);
  throw new TypeError(`${what}: a coroutine was expected, got ${String(coro)}`);
}

/**
 * A coroutine scheduled on the loop (asyncio.Task). Awaiting it waits for the coroutine's result.
 * - pending: `cancel(msg)` throws CancelledError(msg) at the coroutine's suspended await (so its
 *   catch/finally run) and returns true; if it awaits another Task, that one is cancelled first.
 * - done: result/exception as for Future; `cancelled()` is true only if the coroutine let the
 *   CancelledError escape (it may catch it and go on).
 */
export class Task<T = unknown> extends Future<T> implements Runnable {
  /**
   * @internal The frame to resume: the deepest frame of the await chain. Not kept while the task is
   * parked in a ParkFrame (Queue.get, Lock.acquire, ...): that frame is then the _waiter and the top.
   */
  _top: Frame;
  /** @internal The root frame (getCoro()). */ readonly _coro: Coroutine<T>;
  /**
   * @internal What the task is parked on: a Future, a runtime coroutine's ParkFrame, the
   * TimerBucket of its sleep, an Event (in whose list it is), EVENT_SET once that Event woke it,
   * or null (scheduled or running).
   */
  _waiter: Future<unknown> | TimerBucket | ParkFrame<unknown> | EventList | typeof EVENT_SET | null = null;
  /** @internal A cancel arrived while the task was scheduled: throw CancelledError at the next step. */
  _mustCancel = false;
  /** @internal The name, or the N of "Task-N" until getName() first formats it (no string per task). */
  _name: string | number;
  /** @internal Links in the loop's list of pending tasks (loop._tasks). */ _prevTask: Task<unknown> | null = null;
  /** @internal */ _nextTask: Task<unknown> | null = null;

  /**
   * Prefer createTask(). With `eager` and a running loop the first step runs here, with
   * currentTask() = this task: a coroutine that finishes without suspending leaves the Task done
   * and never scheduled (asyncio 3.12's eager_start).
   */
  constructor(coro: PromiseLike<T>, loop?: EventLoop, name?: string, eager = false) {
    checkCoroutine(coro, 'createTask()');
    const l = loop ?? _loopForNewWork();
    l._checkClosed();
    super(l);
    this._coro = coro as unknown as Coroutine<T>;
    if (this._coro.$p !== undefined) this._top = new ThrowFrame(reuseError());
    else this._top = this._coro;
    this._top.$p = null;
    this._name = name ?? ++l._taskCounter;
    if (l.debug) sourceTracebacks.set(this, captureStack());
    l._tasks.add(this);
    if (eager && l.isRunning()) this._step(0, undefined);
    else {
      // A task made on a loop nobody drives yet may be dropped with its loop while pending.
      if (!l._forever && !l.isRunning()) watchPending(this);
      l._push(this, undefined);
    }
  }

  /** The task's name. */
  getName(): string {
    const n = this._name;
    return typeof n === 'string' ? n : (this._name = `Task-${n}`);
  }
  /** Renames the task. */
  setName(name: string): void {
    this._name = String(name);
  }
  /** The coroutine this task runs. */
  getCoro(): Coroutine<T> {
    return this._coro;
  }
  /**
   * The coroutines of the await chain where the task is suspended, oldest (its root coroutine)
   * first, as asyncio's `Task.get_stack()` lists frames: the newest `limit` of them if given. Before
   * the first step that is the root alone. Empty once the task is done, and while it runs (asked
   * from its own code, its frames are on the JS stack: `new Error().stack` shows them). The chain
   * includes the runtime's own coroutines (`Queue.get`, `aclose`, ...) where the task waits in one,
   * but not an async generator's request steps (it shows the generator and its consumer).
   */
  getStack(options: { limit?: number } = {}): Coroutine<unknown>[] {
    if (this._state !== FutureState.Pending || drv.task === (this as Task<unknown>)) return [];
    const out: Coroutine<unknown>[] = [];
    const w = this._waiter;
    for (let f: Frame | null | undefined = w instanceof ParkFrame ? w : this._top; f !== null && f !== undefined; f = f.$p) {
      if (!isStepFrame(f)) out.push(f as Coroutine<unknown>);
    }
    out.reverse();
    const limit = options.limit;
    return limit === undefined || limit >= out.length ? out : out.slice(out.length - Math.max(0, limit));
  }
  /**
   * Prints getStack() as asyncio's `Task.print_stack()` does, under `Stack for <Task ...> (most
   * recent call last):` (or `No stack for <Task ...>`), one line per coroutine: `  File "src/a.ts",
   * line 8, in worker` where its function was compiled with positions (the await it waits at), else
   * `  in <name>` (the runtime's own coroutines, such as `Queue.get`). To `file` (anything with
   * `write(text)`, such as process.stdout) or else the console's error output.
   */
  printStack(options: { limit?: number; file?: { write(text: string): unknown } } = {}): void {
    const frames = this.getStack(options);
    const line = (f: Coroutine<unknown>): string => {
      const at = whereSuspended(f);
      return at === undefined ? `  in ${f.$name}\n` : `  File "${at.file}", line ${at.line}, in ${f.$name}\n`;
    };
    const text = frames.length === 0 ? `No stack for ${this}\n` : `Stack for ${this} (most recent call last):\n${frames.map(line).join('')}`;
    if (options.file !== undefined) options.file.write(text);
    else console.error(text.slice(0, -1));
  }
  /** How many cancel() requests are pending (asyncio 3.11's Task.cancelling()). */
  cancelling(): number {
    return cancelRequests.get(this) ?? 0;
  }
  /** Decrements the pending cancel requests (asyncio 3.11's Task.uncancel()); returns the new count. */
  uncancel(): number {
    const n = cancelRequests.get(this) ?? 0;
    if (n > 0) cancelRequests.set(this, n - 1);
    return n > 0 ? n - 1 : 0;
  }

  /**
   * Requests cancellation: returns false if the task is done, true otherwise. The coroutine sees
   * CancelledError(msg) at its suspended await, one pass later at the earliest.
   */
  override cancel(msg?: string): boolean {
    if (this._state !== FutureState.Pending) return false;
    cancelRequests.set(this, (cancelRequests.get(this) ?? 0) + 1);
    const w = this._waiter;
    if (w !== null) {
      if (w instanceof TimerBucket) {
        // A sleep whose timer has not woken it yet (it may be due and in the ready queue; either
        // way its entry is now stale, see _run and TimerBucket._forget): asyncio cancels the
        // sleep's future, which schedules the wakeup now. The wakeup carries this cancel's
        // message; a second cancel() before it runs only sets _mustCancel, and _step keeps the
        // CancelledError it already has (first message wins).
        w._forget();
        this._waiter = null;
        this._wakeCancelled(msg);
        return true;
      } else if (w instanceof Future || w instanceof ParkFrame) {
        // Keep _waiter: it may be a Task that swallows the cancel and must be cancelled again.
        if (w.cancel(msg)) return true;
      } else if (w !== EVENT_SET) {
        // Waiting on an Event: Event.wait's `finally` (leave the list), then CancelledError at the
        // await one pass later, as the cancelled waiter future would schedule it.
        (w as EventList)._waiters.remove(this as Task<unknown>);
        this._waiter = null;
        this._wakeCancelled(msg);
        return true;
      }
    }
    this._mustCancel = true;
    this._result = msg; // the message, until the next step throws it (see Future._result)
    return true;
  }

  /**
   * @internal Schedules the next step to throw CancelledError(msg) at the suspended await: what a
   * cancelled sleep or ParkFrame waiter does (a cancelled Future does it through its callback).
   */
  _wakeCancelled(msg: string | undefined): void {
    this._loop._push(this, runtimeError(CancelledError, msg ?? '', this._loop.debug));
  }

  /** A Task's result is its coroutine's: RuntimeError, as asyncio's Task.set_result raises. */
  override setResult(_value: T): never {
    throw new RuntimeError('Task does not support set_result operation');
  }
  /** A Task's exception is its coroutine's: RuntimeError, as asyncio's Task.set_exception raises. */
  override setException(_exc: unknown): never {
    throw new RuntimeError('Task does not support set_exception operation');
  }

  /** @internal Ready-queue entry point: the first step, a wakeup after sleep, or a done waiter. */
  _run(arg: unknown): void {
    if (this._state !== FutureState.Pending) return;
    // The first step and the step after a sleep's wakeup hop, the commonest entries, test nothing
    // else. Then identity tests before instanceof: each instanceof walks the argument's prototype
    // chain (a Queue.get frame tested against Future was 4 hops: half of _runOnce's time in W3).
    if (arg === undefined) this._step(0, undefined);
    else if (arg === PARK_WOKEN) {
      // Woken from a waiter list (ParkFrame.setResult), whose frame is still the _waiter (nothing
      // else steps a task between its waiter's wake-up and this entry); a cancel arrives as a
      // CancelledError. The frame goes to _step, which calls it where only ParkFrames are seen.
      const w = this._waiter;
      if (w instanceof ParkFrame && w._ps === Park.Woken) this._step(0, undefined, w);
    } else if (arg === EVENT_SET) {
      if (arg === this._waiter) this._step(0, true);
    } else if (arg instanceof TimerBucket) {
      // The sleep's timer is due: the task resumes one pass later, as a CPython task resumes one
      // pass after its sleep future's timer callback sets the result. Meanwhile it is scheduled
      // (_waiter null): a cancel() sets _mustCancel.
      if (arg !== this._waiter) return; // the sleep was cancelled after the timer became due
      this._waiter = null;
      this._loop._push(this, undefined);
    } else if (arg instanceof Future) {
      if (arg !== this._waiter) return; // a stale wakeup from a waiter we no longer follow
      const st = arg._state;
      if (st === FutureState.Finished) this._step(0, arg._result);
      else if (st === FutureState.Failed) {
        arg._markRetrieved();
        this._step(1, arg._result);
      } else this._step(1, arg._makeCancelledError());
    } else if (arg instanceof CancelledError) this._step(1, arg);
    else this._step(0, undefined);
  }

  /**
   * @internal The trampoline (see file header). `park`: the ParkFrame that woke the task, its top.
   * Its step is called at a call site of its own, which sees only the few ParkFrame classes (V8
   * inlines them), where `f.$step` and `f.$p` see every frame class of the program: two
   * megamorphic loads and a generic call less per wake-up from a queue or lock.
   */
  _step(m: 0 | 1, v: unknown, park: ParkFrame<unknown> | null = null): void {
    if (this._state !== FutureState.Pending) throw new InvalidStateError(`_step(): already done: ${this}`);
    if (this._mustCancel) {
      if (!(m === 1 && v instanceof CancelledError)) {
        m = 1;
        v = this._makeCancelledError();
      }
      this._mustCancel = false;
    }
    this._waiter = null;
    const prevTask = drv.task;
    const prevRoom = drv.room;
    drv.task = this as Task<unknown>;
    drv.room = MAX_INLINE_DEPTH;
    let f = park ?? this._top;
    try {
      for (;;) {
        let r: unknown;
        try {
          r = f === park ? park.$step(m, v) : f.$step(m, v);
        } catch (err) {
          const p = f.$p;
          // Thrown in this step, not the error it was resumed with: name the frames awaiting it.
          if (!(m === 1 && err === v)) addAwaitChain(err, p ?? null, this._loop.debug);
          if (p === null || p === undefined) {
            this._finishError(err);
            break;
          }
          f = p;
          m = 1;
          v = err;
          continue;
        }
        if (r === SUSPEND) {
          const sleep = drv.sleep;
          if (sleep >= 0) {
            drv.sleep = -1;
            this._sleep(sleep);
            break;
          }
          const pushed = drv.pushed;
          if (pushed === null) break;
          drv.pushed = null;
          f = pushed;
          m = 0;
          v = undefined;
          continue;
        }
        if (isThenable(r)) {
          const a = new AdoptFrame(r);
          a.$p = f.$p;
          f = a;
          m = 0;
          v = undefined;
          continue;
        }
        const p = f === park ? park.$p : f.$p;
        if (p === null || p === undefined) {
          this._finishResult(r as T);
          break;
        }
        f = p;
        m = 0;
        v = r;
      }
    } finally {
      drv.task = prevTask;
      drv.room = prevRoom;
      drv.pushed = null;
    }
  }

  /**
   * @internal Parks the task for the sleep its step ended in (drv.sleep, set by SleepFrame). A
   * pending cancel, or sleep(0): one pass, as asyncio's bare `yield`; the next step throws
   * CancelledError if one is pending. Otherwise the task itself goes in the deadline's timer
   * bucket (no timer object per sleep).
   */
  _sleep(delay: number): void {
    const loop = this._loop;
    if (this._mustCancel || delay === 0) {
      this._waiter = null;
      loop._push(this, undefined);
    } else {
      loop._addTimer(loop.time() + delay, this);
      this._waiter = loop._lastBucket;
    }
  }

  private _finishResult(r: T): void {
    this._loop._tasks.delete(this);
    if (pendingWatches !== 0) unwatchPending(this);
    if (this._mustCancel) {
      // Cancelled right before the coroutine returned.
      this._mustCancel = false;
      Future.prototype.cancel.call(this, this._result as string | undefined);
    } else Future.prototype.setResult.call(this, r);
  }

  private _finishError(err: unknown): void {
    this._loop._tasks.delete(this);
    if (pendingWatches !== 0) unwatchPending(this);
    if (err instanceof CancelledError) {
      Future.prototype.cancel.call(this);
      // The CancelledError that ended the coroutine, re-raised to the first awaiter: kept in
      // _result, which a cancelled Future does not use (one field less per Task).
      this._result = err;
    } else {
      this._state = FutureState.Failed;
      this._result = err;
      this._scheduleCallbacks();
      watchUnretrieved(this, err, 'Task');
    }
  }

  /** @internal */
  override _makeCancelledError(): CancelledError {
    const saved = this._result;
    if (saved instanceof CancelledError) {
      this._result = undefined;
      return saved;
    }
    return super._makeCancelledError();
  }

  override toString(): string {
    // asyncio's order: state, name, coro, then result= or exception=.
    const st = this._describeState();
    const sp = st.indexOf(' ');
    const tail = sp < 0 ? '' : st.slice(sp);
    return `<Task ${sp < 0 ? st : st.slice(0, sp)} name='${this.getName()}' coro=${this._coro}${tail}>`;
  }
}

// The brand the loop's warmQueued tests (loop.ts), on the prototype: no field per Task.
Object.defineProperty(Task.prototype, '_warmTask', { value: true });
// loop.ts cannot import this module (see _provideClasses): hand it the class.
_provideClasses(null, Task);

/**
 * Schedules a coroutine to run concurrently (asyncio.create_task) on the running loop, through its
 * task factory if one is set. Its first step runs in the next loop pass, or at once with
 * `{ eager: true }` (see TaskOptions.eager). Keep the Task to await its result or cancel it.
 */
export function createTask<T>(coro: PromiseLike<T>, options?: TaskOptions): Task<T> {
  checkCoroutine(coro, 'createTask()');
  return _loopForNewWork().createTask<T>(coro, options);
}

/**
 * A task factory whose tasks start eagerly (asyncio.eager_task_factory):
 * `getRunningLoop().setTaskFactory(eagerTaskFactory)` makes every createTask(), gather() and
 * ensureFuture() of a coroutine run its first step at once, up to its first suspension.
 */
export function eagerTaskFactory<T>(loop: EventLoop, coro: PromiseLike<T>): Task<T> {
  return new Task<T>(coro, loop, undefined, true);
}

/** The Task whose coroutine is running now, or null outside any task (asyncio.current_task). */
export function currentTask(): Task<unknown> | null {
  return drv.task;
}

/** The not-yet-done Tasks of the running loop (asyncio.all_tasks). */
export function allTasks(loop?: EventLoop): Set<Task<unknown>> {
  const l = loop ?? _loopForNewWork();
  return new Set(l._tasks);
}

// Exported by name, not `export const`, for the reason at the end of coroutine.ts.
export { EVENT_SET };
