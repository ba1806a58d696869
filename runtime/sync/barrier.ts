// Barrier: asyncio.Barrier (CPython 3.11 locks.py), built on a Condition. Takes wait() calls from
// `parties` tasks; releases them together, then refills for the next round. reset() and abort()
// break the waiting tasks out with BrokenBarrierError.
import { RuntimeError } from '../errors';
import { coro } from '../genframe';
import { Condition } from './condition';

/** Raised by Barrier.wait() when the barrier is aborted or reset (asyncio.BrokenBarrierError). */
export class BrokenBarrierError extends RuntimeError {
  constructor(message = '') {
    super(message);
    this.name = 'BrokenBarrierError';
  }
}

const enum BarrierState {
  Filling = 'filling',
  Draining = 'draining',
  Resetting = 'resetting',
  Broken = 'broken',
}

/**
 * A rendezvous for `parties` tasks (asyncio.Barrier): each wait() blocks until `parties` tasks
 * wait, then all return together, each with a distinct index 0..parties-1.
 */
export class Barrier {
  /** @internal */ readonly _cond = new Condition();
  /** @internal */ readonly _parties: number;
  // Invariant: _count tasks are inside wait(); while Draining or Resetting new arrivals block
  // until the count falls back to 0 and the state returns to Filling.
  /** @internal */ _state: BarrierState = BarrierState.Filling;
  /** @internal */ _count = 0;

  /** A barrier for `parties` tasks; RangeError if parties < 1. */
  constructor(parties: number) {
    if (parties < 1) throw new RangeError('parties must be > 0');
    this._parties = parties;
  }

  /**
   * Waits until `parties` tasks are waiting, then resolves to this task's arrival index. Throws
   * BrokenBarrierError if the barrier is broken or is reset/aborted while waiting; CancelledError
   * if the task is cancelled (the barrier stays usable).
   */
  wait(): Promise<number> {
    return coro(this._wait(), 'Barrier.wait');
  }

  private *_wait(): Generator<unknown, number, unknown> {
    const cond = this._cond;
    yield cond.acquire();
    try {
      yield* this._block();
      try {
        const index = this._count;
        this._count++;
        if (index + 1 === this._parties) this._release();
        else yield* this._waitDrain();
        return index;
      } finally {
        this._count--;
        this._exit();
      }
    } finally {
      cond.release();
    }
  }

  private *_block(): Generator<unknown, void, unknown> {
    yield* this._cond._waitFor(
      () => this._state !== BarrierState.Draining && this._state !== BarrierState.Resetting,
    );
    if (this._state === BarrierState.Broken) throw new BrokenBarrierError('Barrier aborted');
  }

  private _release(): void {
    this._state = BarrierState.Draining;
    this._cond.notifyAll();
  }

  private *_waitDrain(): Generator<unknown, void, unknown> {
    yield* this._cond._waitFor(() => this._state !== BarrierState.Filling);
    if (this._state === BarrierState.Broken || this._state === BarrierState.Resetting)
      throw new BrokenBarrierError('Abort or reset of barrier');
  }

  private _exit(): void {
    if (this._count === 0) {
      if (this._state === BarrierState.Resetting || this._state === BarrierState.Draining)
        this._state = BarrierState.Filling;
      this._cond.notifyAll();
    }
  }

  /**
   * Returns the barrier to its empty state; tasks waiting on it get BrokenBarrierError. Waits for
   * the internal lock (as asyncio's coroutine does).
   */
  reset(): Promise<void> {
    return coro(this._reset(), 'Barrier.reset');
  }

  private *_reset(): Generator<unknown, void, unknown> {
    yield this._cond.acquire();
    try {
      if (this._count > 0) {
        if (this._state !== BarrierState.Resetting) this._state = BarrierState.Resetting;
      } else this._state = BarrierState.Filling;
      this._cond.notifyAll();
    } finally {
      this._cond.release();
    }
  }

  /** Breaks the barrier: current and future wait() calls throw BrokenBarrierError until reset(). */
  abort(): Promise<void> {
    return coro(this._abort(), 'Barrier.abort');
  }

  private *_abort(): Generator<unknown, void, unknown> {
    yield this._cond.acquire();
    try {
      this._state = BarrierState.Broken;
      this._cond.notifyAll();
    } finally {
      this._cond.release();
    }
  }

  /** How many tasks must call wait() to pass the barrier. */
  get parties(): number {
    return this._parties;
  }

  /** How many tasks are waiting to fill the barrier now (0 while it drains or resets). */
  get nWaiting(): number {
    return this._state === BarrierState.Filling ? this._count : 0;
  }

  /** True when the barrier was aborted (until reset()). */
  get broken(): boolean {
    return this._state === BarrierState.Broken;
  }

  toString(): string {
    let extra: string = this._state;
    if (!this.broken) extra += `, waiters:${this.nWaiting}/${this.parties}`;
    return `<Barrier [${extra}]>`;
  }
}
