// Semaphore and BoundedSemaphore: asyncio's counting semaphores (CPython 3.11.7 locks.py, the
// version that hands a permit to a specific waiter). Takes acquire()/release() calls; produces
// permits in FIFO order. A permit handed to a waiter that is cancelled before it runs goes back to
// the counter and on to the next waiter, so cancellation never loses a permit.
import { CancelledError } from '../errors';
import { Fifo } from '../fifo';
import { Park, ParkFrame, Waiter, coro } from '../genframe';
import { done } from './lock';

/**
 * A counter of permits (asyncio.Semaphore): acquire() takes one, waiting (FIFO) while there are
 * none; release() gives one back. Use with acquire/release or `await using`.
 */
export class Semaphore {
  // Invariant: one waiter (the acquire() frame) per task blocked in acquire(), in arrival order,
  // removed by that acquire(). A woken waiter owns a permit already taken from _value.
  /** @internal */ _waiters: Fifo<Waiter> | null = null;
  /** @internal */ _value: number;

  /** Starts with `value` permits (default 1); RangeError if negative. */
  constructor(value = 1) {
    if (value < 0) throw new RangeError('Semaphore initial value must be >= 0');
    this._value = value;
  }

  /** True when acquire() would wait: no permit left, or other tasks are already waiting. */
  locked(): boolean {
    return this._value === 0 || (this._waiters !== null && this._waiters.some((w) => !w.cancelled()));
  }

  /**
   * Takes a permit, waiting (FIFO) while none is free; resolves to true. No loop pass when a
   * permit is free and nobody waits. If the waiting task is cancelled, CancelledError is raised
   * here and a permit it had been handed goes to the next waiter.
   */
  acquire(): Promise<true> {
    return new SemaphoreAcquire(this) as unknown as Promise<true>;
  }

  /** Gives a permit back and hands it to the first waiter, if any. */
  release(): void {
    this._value++;
    this._wakeUpNext();
  }

  /** Releases the permit at the end of an `await using` scope. */
  [Symbol.asyncDispose](): Promise<void> {
    this.release();
    return coro(done(), `${this.constructor.name}.release`);
  }

  /** @internal Hands a permit to the first waiter that is not done. */
  _wakeUpNext(): void {
    const w = this._waiters;
    if (w === null) return;
    // By index over the deque's live part, not its iterator: an iterator object per release.
    const a = w._a;
    for (let i = w._h; i < a.length; i++) {
      const fut = a[i]!;
      if (!fut.done()) {
        this._value--;
        fut.setResult(true);
        return;
      }
    }
  }

  toString(): string {
    let extra = this.locked() ? 'locked' : `unlocked, value:${this._value}`;
    if (this._waiters !== null && this._waiters.length > 0) extra += `, waiters:${this._waiters.length}`;
    return `<${this.constructor.name} [${extra}]>`;
  }
}

/**
 * The coroutine returned by Semaphore.acquire() (a ParkFrame: no generator per acquire). CPython's:
 *   if not self.locked(): self._value -= 1; return True
 *   fut = create_future(); self._waiters.append(fut)
 *   try: try: await fut  finally: self._waiters.remove(fut)
 *   except CancelledError: if not fut.cancelled(): self._value += 1; self._wake_up_next(); raise
 *   if self._value > 0: self._wake_up_next()
 *   return True
 */
class SemaphoreAcquire extends ParkFrame<true> {
  constructor(/** @internal */ readonly _sem: Semaphore) {
    super();
  }
  /** @internal */
  override _label(): string {
    return 'Semaphore.acquire';
  }
  override $step(m: 0 | 1, v: unknown): unknown {
    const sem = this._sem;
    if (this._ps === Park.Idle) {
      if (m) throw v;
      if (!sem.locked()) {
        sem._value--;
        return true;
      }
      (sem._waiters ??= new Fifo()).push(this);
      return this._park();
    }
    // Resumed: this frame is CPython's `fut`.
    sem._waiters!.remove(this);
    if (m) {
      if (v instanceof CancelledError && !this.cancelled()) {
        sem._value++;
        sem._wakeUpNext();
      }
      throw v;
    }
    if (sem._value > 0) sem._wakeUpNext();
    return true;
  }
}

/** A Semaphore that refuses to go above its initial value (asyncio.BoundedSemaphore). */
export class BoundedSemaphore extends Semaphore {
  /** @internal */ readonly _boundValue: number;

  /** Starts with `value` permits (default 1), which is also the most it may ever hold. */
  constructor(value = 1) {
    super(value);
    this._boundValue = value;
  }

  /** Gives a permit back; RangeError if that would exceed the initial value. */
  override release(): void {
    if (this._value >= this._boundValue) throw new RangeError('BoundedSemaphore released too many times');
    super.release();
  }
}
