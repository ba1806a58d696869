// Lock: asyncio.Lock built from Futures and a FIFO waiter list (CPython 3.11 locks.py).
// Takes acquire()/release() calls; produces ownership handed out strictly in arrival order.
// A waiter woken by release() but cancelled before it runs passes the wake-up on to the next
// waiter, so cancellation never loses a release.
import { CancelledError, RuntimeError } from '../errors';
import { Future } from '../future';
import { coro, removeFirst, runningLoop } from '../genframe';

/**
 * A mutual-exclusion lock for tasks (asyncio.Lock), not owned by any task: any task may release it.
 * Fair: waiters acquire it in the order they called acquire().
 *
 * ```ts
 * await lock.acquire();
 * try { ... } finally { lock.release(); }
 * // or: await lock.acquire(); await using _ = lock;
 * ```
 */
export class Lock {
  // Invariant: one Future per task blocked in acquire(), in arrival order; a Future is removed by
  // the acquire() that created it, whatever way it ends (woken, cancelled, failed).
  /** @internal */ _waiters: Future<boolean>[] | null = null;
  /** @internal */ _locked = false;

  /** True while the lock is held. */
  locked(): boolean {
    return this._locked;
  }

  /**
   * Acquires the lock, waiting (FIFO) while it is held; resolves to true. Returns without a loop
   * pass when the lock is free and nobody waits. If the waiting task is cancelled, CancelledError
   * is raised here, the lock is not acquired, and a wake-up it had already received passes to the
   * next waiter.
   */
  acquire(): Promise<true> {
    return coro(this._acquire(), 'Lock.acquire');
  }

  private *_acquire(): Generator<unknown, true, unknown> {
    if (!this._locked && (this._waiters === null || this._waiters.every((w) => w.cancelled()))) {
      this._locked = true;
      return true;
    }
    const waiters = (this._waiters ??= []);
    const fut = runningLoop().createFuture<boolean>();
    waiters.push(fut);
    try {
      try {
        yield fut;
      } finally {
        removeFirst(waiters, fut);
      }
    } catch (err) {
      if (err instanceof CancelledError && !this._locked) this._wakeUpFirst();
      throw err;
    }
    this._locked = true;
    return true;
  }

  /**
   * Releases the lock and wakes the first waiter (it takes the lock when it runs, one pass later).
   * Throws RuntimeError when the lock is not held.
   */
  release(): void {
    if (!this._locked) throw new RuntimeError('Lock is not acquired.');
    this._locked = false;
    this._wakeUpFirst();
  }

  /** Releases the lock at the end of an `await using` scope (the lock must have been acquired). */
  [Symbol.asyncDispose](): Promise<void> {
    this.release();
    return coro(done(), 'Lock.release');
  }

  /** @internal Wakes the first waiter unless it is already done. */
  _wakeUpFirst(): void {
    const w = this._waiters;
    if (w === null || w.length === 0) return;
    const fut = w[0];
    if (!fut.done()) fut.setResult(true);
  }

  toString(): string {
    let extra = this._locked ? 'locked' : 'unlocked';
    if (this._waiters !== null && this._waiters.length > 0) extra += `, waiters:${this._waiters.length}`;
    return `<Lock [${extra}]>`;
  }
}

/** @internal A coroutine body that returns at once (an `__aexit__` with nothing to await). */
export function* done(): Generator<unknown, void, unknown> {}
