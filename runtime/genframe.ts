// Generator-backed coroutine frames for the runtime's own awaitable methods (Lock.acquire,
// Queue.get, waitFor, taskGroup, ...). Takes a generator in which `yield x` means `await x`;
// produces a Coroutine whose $step drives it through awaitValue, so it behaves exactly like a
// compiled async function: awaited inline (no extra loop pass when it never suspends), parked on a
// Future when it does, resumed with the value or the exception (cancellation included).
//
// Why generators and not hand-numbered states: these methods mirror CPython's locks.py, queues.py,
// tasks.py, timeouts.py and taskgroups.py line by line, including try/finally around awaits; a
// generator keeps that structure readable and reviewable against the original, and JS generators
// run `finally` blocks that themselves yield (Condition.wait re-acquires its lock in one).
import { Coroutine, SUSPEND, awaitValue, drv, nameFrame, noTaskError } from './coroutine';
import { InvalidStateError } from './errors';
import { EventLoop, _loopForNewWork } from './loop';
import type { Task } from './task';

/** @internal A coroutine frame driven by a generator: `yield x` awaits x and evaluates to its result. */
export class GenFrame<T> extends Coroutine<T> {
  constructor(
    /** @internal */ readonly _gen: Generator<unknown, T, unknown>,
    name: string,
  ) {
    super();
    nameFrame(this, name);
  }

  override $step(m: 0 | 1, v: unknown): unknown {
    const g = this._gen;
    for (;;) {
      // A throw out of the generator is the coroutine's exception: it leaves $step unchanged.
      const r = m ? g.throw(v) : g.next(v);
      if (r.done) return r.value;
      this.$s++;
      try {
        v = awaitValue(this, r.value);
        m = 0;
      } catch (err) {
        m = 1;
        v = err;
        continue;
      }
      if (v === SUSPEND) return SUSPEND;
    }
  }
}

/**
 * @internal What a waiter list holds (a Queue's getters, a Lock's waiters, ...): a Future, or a
 * ParkFrame standing in for one. Only these four operations are used on waiters.
 */
export interface Waiter {
  done(): boolean;
  cancelled(): boolean;
  setResult(value: any): void;
  cancel(msg?: string): boolean;
}

/**
 * @internal The ready-queue argument of a task woken from a waiter list: the task finds the frame
 * in its _waiter. (Not the frame itself: storing a young frame in the old ready-queue block costs
 * V8 a remembered-set entry.)
 */
const PARK_WOKEN = { toString: (): string => '<waiter woken>' };

/** @internal A ParkFrame's state as a waiter. */
export const enum Park {
  Idle = 0, // not parked (not started, running, or done)
  Waiting = 1, // parked: in a waiter list, its task suspended on it
  Woken = 2, // setResult() was called: its task is scheduled
  Cancelled = 3, // cancel() was called: its task is scheduled with a CancelledError
}

/**
 * @internal A hand-written runtime coroutine for the hot awaitable methods (Queue.get/put,
 * Lock.acquire, Semaphore.acquire; Event.wait goes further and parks the task itself, see
 * sync/event.ts). A generator frame would cost a generator object and
 * a GenFrame per call; a Future to wait on would cost another object per wait. A ParkFrame is its
 * own waiter instead: it goes in the waiter list, and its task suspends on it as on a Future, with
 * a Future's four waiter operations (done, cancelled, setResult, cancel) and the same scheduling:
 * setResult() or cancel() schedules the task (FIFO, one pass later), as a Future's done-callback
 * would. A subclass writes its CPython original as its `$step(m, v)`: called with `_ps` Idle at
 * the start (where m = 1 only rethrows v), and after each park with the frame itself as the waiter
 * that was awaited and how the await ended (m = 1: v was thrown there, a cancel included). It
 * returns the result, throws, or `return this._park()` to wait again. Each class has its own
 * `$step`, not a shared one calling a `_body` per class: the caller's call then sees the class and
 * inlines it, one polymorphic call less per get/put (a queue ping-pong ~5% faster).
 */
export abstract class ParkFrame<T> extends Coroutine<T> implements Waiter {
  // Invariant: _task is the task suspended on this frame while _ps is not Idle.
  /** @internal */ _ps: Park;
  /** @internal */ _task: Task<unknown> | null;
  // An explicit constructor: the implicit one of a class with field initializers is
  // `super(...arguments)`, a spread on every get/put/wait/acquire.
  constructor() {
    super();
    this._ps = Park.Idle;
    this._task = null;
  }
  /**
   * @internal The coroutine's name ($name, see below): a method, not a defineProperty per class at
   * module level, so that bundlers can drop the classes (and their modules) a program never uses.
   */
  abstract _label(): string;
  /** @internal Suspends the running task on this frame (the caller has put it in a waiter list). */
  _park(): unknown {
    const t = drv.task;
    if (t === null) {
      // As `await fut` outside a task: the error is thrown at the await; the waiter counts as
      // cancelled (nobody will wake it) so the body's cleanup passes nothing on.
      this._ps = Park.Cancelled;
      return this.$step(1, noTaskError());
    }
    this._ps = Park.Waiting;
    this._task = t;
    // The frame is the task's top while it is the task's _waiter; _top is set only when the wait
    // ends by a cancel (cancel() below), since a wake-up hands the frame to Task._step directly.
    // One store less of a young frame into the old Task: each such store costs V8 a remembered-set
    // entry (its write barrier's slow path), a tenth of a queue ping-pong's time.
    t._waiter = this;
    if (t._mustCancel && this.cancel(t._result as string | undefined)) t._mustCancel = false;
    return SUSPEND;
  }
  /** True once woken or cancelled (as Future.done for the waiter). */
  done(): boolean {
    return this._ps >= Park.Woken;
  }
  /** True once cancelled while waiting. */
  cancelled(): boolean {
    return this._ps === Park.Cancelled;
  }
  /** Wakes the waiting task (it resumes one pass later); the value is not used. */
  setResult(_value?: unknown): void {
    if (this._ps !== Park.Waiting) throw new InvalidStateError(`waiter is not waiting: ${this}`);
    this._ps = Park.Woken;
    const t = this._task!;
    t._loop._push(t, PARK_WOKEN);
  }
  /** Ends the wait with CancelledError(msg) at the parked await; false if it already ended. */
  cancel(msg?: string): boolean {
    if (this._ps !== Park.Waiting) return false;
    this._ps = Park.Cancelled;
    const t = this._task!;
    t._top = this;
    t._wakeCancelled(msg);
    return true;
  }
}

Object.defineProperty(ParkFrame.prototype, '$name', {
  get(this: ParkFrame<unknown>): string {
    return this._label();
  },
});

/**
 * @internal Wraps a generator as an awaitable typed like what a compiled `async` function returns.
 * Nothing runs until the result is awaited (as with asyncio coroutines).
 */
export function coro<T>(gen: Generator<unknown, T, unknown>, name: string): Promise<T> {
  return new GenFrame<T>(gen, name) as unknown as Promise<T>;
}

/** @internal The loop of the running task, else the active (or default) loop: asyncio's _get_loop(). */
export function runningLoop(): EventLoop {
  const t = drv.task;
  return t !== null ? t._loop : _loopForNewWork();
}

// Exported by name, not `export const`, for the reason at the end of coroutine.ts.
export { PARK_WOKEN };
