// Lock: asyncio.Lock built from a FIFO waiter list (CPython 3.11 locks.py; the acquire() frame is
// its own waiter, standing in for CPython's Future: see ParkFrame).
// Takes acquire()/release() calls; produces ownership handed out strictly in arrival order.
// A waiter woken by release() but cancelled before it runs passes the wake-up on to the next
// waiter, so cancellation never loses a release.
import { CancelledError, RuntimeError } from '../errors';
import { Fifo } from '../fifo';
import { Park, ParkFrame, Waiter, coro } from '../genframe';

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
  // Invariant: one waiter per task blocked in acquire(), in arrival order; a waiter is removed by
  // its acquire(), whatever way it ends (woken, cancelled, failed).
  /** @internal */ _waiters: Fifo<Waiter> | null = null;
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
    return new LockAcquire(this) as unknown as Promise<true>;
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
    const fut = w.first()!;
    if (!fut.done()) fut.setResult(true);
  }

  toString(): string {
    let extra = this._locked ? 'locked' : 'unlocked';
    if (this._waiters !== null && this._waiters.length > 0) extra += `, waiters:${this._waiters.length}`;
    return `<Lock [${extra}]>`;
  }
}

/**
 * The coroutine returned by Lock.acquire() (a ParkFrame: no generator per acquire). CPython's:
 *   if not self._locked and all waiters cancelled: self._locked = True; return True
 *   fut = create_future(); self._waiters.append(fut)
 *   try: try: await fut  finally: self._waiters.remove(fut)
 *   except CancelledError: if not self._locked: self._wake_up_first(); raise
 *   self._locked = True; return True
 */
class LockAcquire extends ParkFrame<true> {
  constructor(/** @internal */ readonly _lock: Lock) {
    super();
  }
  /** @internal */
  override _label(): string {
    return 'Lock.acquire';
  }
  override $step(m: 0 | 1, v: unknown): unknown {
    const lock = this._lock;
    if (this._ps === Park.Idle) {
      if (m) throw v;
      if (!lock._locked && (lock._waiters === null || lock._waiters.every((w) => w.cancelled()))) {
        lock._locked = true;
        return true;
      }
      (lock._waiters ??= new Fifo()).push(this);
      return this._park();
    }
    // Resumed: this frame is CPython's `fut`.
    lock._waiters!.remove(this);
    if (m) {
      if (v instanceof CancelledError && !lock._locked) lock._wakeUpFirst();
      throw v;
    }
    lock._locked = true;
    return true;
  }
}

/** @internal A coroutine body that returns at once (an `__aexit__` with nothing to await). */
export function* done(): Generator<unknown, void, unknown> {}
