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
import { Coroutine, SUSPEND, awaitValue, drv } from './coroutine';
import type { Future } from './future';
import { EventLoop, _loopForNewWork } from './loop';
import { debugFlags, renameWatched } from './warnings';

/** @internal A coroutine frame driven by a generator: `yield x` awaits x and evaluates to its result. */
export class GenFrame<T> extends Coroutine<T> {
  constructor(
    /** @internal */ readonly _gen: Generator<unknown, T, unknown>,
    name: string,
  ) {
    super();
    this.$name = name;
    if (debugFlags.coroutines) renameWatched(this);
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
 * @internal A hand-written runtime coroutine that parks on Futures it creates itself: the hot ones
 * (Queue.get/put, Event.wait, Lock.acquire, Semaphore.acquire), which a generator frame would cost a
 * generator object and a GenFrame per call, held for as long as the task waits. A subclass writes
 * its CPython original as `_body(w, m, v)`: called with w = null at the start, and after each park
 * with the Future it parked on and how the await ended (m = 1: v was thrown there, a cancel
 * included). It returns the result, throws, or `return this._park(fut)` to wait on a pending fut.
 * $s: 0 = not started, 1 = parked on _w, 2 = running or done.
 */
export abstract class ParkFrame<T> extends Coroutine<T> {
  /** @internal The Future parked on (state 1), else null. */ _w: Future<any> | null = null;
  /** @internal */
  abstract _body(w: Future<any> | null, m: 0 | 1, v: unknown): unknown;
  /**
   * @internal The coroutine's name ($name, see below): a method, not a defineProperty per class at
   * module level, so that bundlers can drop the classes (and their modules) a program never uses.
   */
  abstract _label(): string;
  override $step(m: 0 | 1, v: unknown): unknown {
    let w: Future<any> | null = null;
    if (this.$s === 1) {
      w = this._w;
      this._w = null;
    } else if (m) throw v;
    this.$s = 2;
    return this._body(w, m, v);
  }
  /** @internal Awaits the pending `fut`: suspends; a throw (no running task) comes back as m = 1. */
  _park(fut: Future<any>): unknown {
    this._w = fut;
    this.$s = 1;
    try {
      return awaitValue(this, fut);
    } catch (err) {
      return this.$step(1, err);
    }
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
