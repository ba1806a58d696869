// Event: asyncio.Event, a flag that tasks wait on (CPython 3.11 locks.py). set() wakes every
// waiter at once, in the order they started waiting.
import { Fifo } from '../fifo';
import { ParkFrame, Waiter } from '../genframe';

/**
 * A flag tasks can wait for (asyncio.Event). Starts unset; set() wakes all waiters; clear() makes
 * later wait() calls block again.
 */
export class Event {
  // Invariant: one waiter (the wait() frame, a ParkFrame) per task blocked in wait(), in arrival
  // order, removed by that wait().
  /** @internal */ readonly _waiters = new Fifo<Waiter>();
  /** @internal */ _value = false;

  /** True once set() was called (and clear() was not called since). */
  isSet(): boolean {
    return this._value;
  }

  /** Sets the flag and wakes every waiting task (each resumes one pass later, FIFO). */
  set(): void {
    if (this._value) return;
    this._value = true;
    for (const fut of this._waiters) if (!fut.done()) fut.setResult(true);
  }

  /** Resets the flag: wait() blocks until the next set(). Tasks already woken stay woken. */
  clear(): void {
    this._value = false;
  }

  /**
   * Resolves to true once the flag is set; at once (no loop pass) if it already is. Cancelling the
   * waiting task raises CancelledError here and removes it from the waiters.
   */
  wait(): Promise<true> {
    return new EventWait(this) as unknown as Promise<true>;
  }

  toString(): string {
    let extra = this._value ? 'set' : 'unset';
    if (this._waiters.length > 0) extra += `, waiters:${this._waiters.length}`;
    return `<Event [${extra}]>`;
  }
}

/**
 * The coroutine returned by Event.wait(): a ParkFrame, not a generator frame, because a task
 * parked on an Event holds it for as long as it waits (bytes per waiting task). CPython's:
 *   if self._value: return True
 *   fut = create_future(); self._waiters.append(fut)
 *   try: await fut; return True
 *   finally: self._waiters.remove(fut)
 */
class EventWait extends ParkFrame<true> {
  constructor(/** @internal */ readonly _ev: Event) {
    super();
  }
  /** @internal */
  override _label(): string {
    return 'Event.wait';
  }
  /** @internal */
  override _body(w: ParkFrame<true> | null, m: 0 | 1, v: unknown): unknown {
    const ev = this._ev;
    if (w !== null) {
      ev._waiters.remove(w);
      if (m) throw v;
      return true;
    }
    if (ev._value) return true;
    ev._waiters.push(this);
    return this._park();
  }
}
