// Condition: asyncio.Condition, a condition variable over a Lock (CPython 3.11 locks.py).
// Takes wait()/notify() calls; wakes waiters in the order they started waiting.
// Decision: when a waiter that was already notified fails on the way out (cancelled while it
// re-acquires the lock), its notification is passed to the next waiter, as CPython 3.13 does
// (gh-112202); unlike 3.13 we do this only when a notification was really consumed, so a waiter
// cancelled before any notify causes no spurious wake-up and scheduling matches 3.11 there.
import { CancelledError, RuntimeError } from '../errors';
import { Future } from '../future';
import { Fifo } from '../fifo';
import { coro, runningLoop } from '../genframe';
import { Lock, done } from './lock';

/**
 * A condition variable (asyncio.Condition): tasks wait() until another task calls notify() while
 * holding the underlying lock. Acquire and release it like a Lock (also with `await using`).
 */
export class Condition {
  /** @internal */ readonly _lock: Lock;
  // Invariant: one Future per task blocked in wait(), in arrival order, removed by that wait().
  /** @internal */ readonly _waiters = new Fifo<Future<boolean>>();

  /** Uses `lock` as the underlying lock, or a new Lock. */
  constructor(lock?: Lock) {
    this._lock = lock ?? new Lock();
  }

  /** True while the underlying lock is held. */
  locked(): boolean {
    return this._lock.locked();
  }

  /** Acquires the underlying lock (see Lock.acquire). */
  acquire(): Promise<true> {
    return this._lock.acquire();
  }

  /** Releases the underlying lock; RuntimeError if it is not held. */
  release(): void {
    this._lock.release();
  }

  /** Releases the underlying lock at the end of an `await using` scope. */
  [Symbol.asyncDispose](): Promise<void> {
    this.release();
    return coro(done(), 'Condition.release');
  }

  /**
   * Releases the lock, waits for notify(), re-acquires the lock and resolves to true. Throws
   * RuntimeError if the lock is not held. If the task is cancelled, the lock is still re-acquired
   * before CancelledError is raised here (the caller always holds the lock afterwards).
   */
  wait(): Promise<true> {
    return coro(this._wait(), 'Condition.wait');
  }

  private *_wait(): Generator<unknown, true, unknown> {
    if (!this.locked()) throw new RuntimeError('cannot wait on un-acquired lock');
    this.release();
    const fut = runningLoop().createFuture<boolean>();
    try {
      try {
        this._waiters.push(fut);
        try {
          yield fut;
          return true;
        } finally {
          this._waiters.remove(fut);
        }
      } finally {
        // The lock must be held again however the wait ended; only cancellation is retried.
        let cancelled: CancelledError | null = null;
        for (;;) {
          try {
            yield this._lock.acquire();
            break;
          } catch (err) {
            if (!(err instanceof CancelledError)) throw err;
            cancelled = err;
          }
        }
        if (cancelled !== null) throw new CancelledError();
      }
    } catch (err) {
      if (fut.done() && !fut.cancelled()) this._notify(1);
      throw err;
    }
  }

  /**
   * Waits until `predicate()` is truthy, calling wait() between checks; resolves to its last value.
   * The lock must be held; failures and cancellation are as for wait().
   */
  waitFor<R>(predicate: () => R): Promise<R> {
    return coro(this._waitFor(predicate), 'Condition.waitFor');
  }

  /** @internal Also used inline by Barrier. */
  *_waitFor<R>(predicate: () => R): Generator<unknown, R, unknown> {
    let result = predicate();
    while (!result) {
      yield this.wait();
      result = predicate();
    }
    return result;
  }

  /**
   * Wakes up to `n` waiting tasks (the longest-waiting first); each returns from wait() once it
   * re-acquires the lock. Throws RuntimeError if the lock is not held.
   */
  notify(n = 1): void {
    if (!this.locked()) throw new RuntimeError('cannot notify on un-acquired lock');
    this._notify(n);
  }

  /** Wakes every waiting task (see notify). */
  notifyAll(): void {
    this.notify(this._waiters.length);
  }

  private _notify(n: number): void {
    let idx = 0;
    for (const fut of this._waiters) {
      if (idx >= n) break;
      if (!fut.done()) {
        idx++;
        fut.setResult(false);
      }
    }
  }

  toString(): string {
    let extra = this.locked() ? 'locked' : 'unlocked';
    if (this._waiters.length > 0) extra += `, waiters:${this._waiters.length}`;
    return `<Condition [${extra}]>`;
  }
}
