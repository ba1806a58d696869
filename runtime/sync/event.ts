// Event: asyncio.Event, a flag that tasks wait on (CPython 3.11 locks.py). set() wakes every
// waiter at once, in the order they started waiting.
import { Coroutine, SUSPEND, drv, noTaskError, withFrameName } from '../coroutine';
import { Fifo } from '../fifo';
import { EVENT_SET, Task } from '../task';

/**
 * A flag tasks can wait for (asyncio.Event). Starts unset; set() wakes all waiters; clear() makes
 * later wait() calls block again.
 */
export class Event {
  // Invariant: the tasks blocked in wait(), in arrival order, each with _waiter === this event.
  // set() hands the list over and starts a new one; a cancelled waiter removes itself (Task.cancel).
  /** @internal */ _waiters = new Fifo<Task<unknown>>();
  /** @internal */ _value = false;

  /** True once set() was called (and clear() was not called since). */
  isSet(): boolean {
    return this._value;
  }

  /** Sets the flag and wakes every waiting task (each resumes one pass later, FIFO). */
  set(): void {
    if (this._value) return;
    this._value = true;
    const ws = this._waiters;
    if (ws.length === 0) return;
    this._waiters = new Fifo();
    // Each task resumes one pass later with true, FIFO, as each waiter future's set_result(True)
    // schedules its task in CPython. Marked EVENT_SET meanwhile: a cancel() then only makes the
    // next step throw (the wait itself already succeeded), as cancelling a task whose future is done.
    const a = ws._a;
    for (let i = ws._h; i < a.length; i++) {
      const t = a[i]!;
      t._waiter = EVENT_SET;
      t._loop._push(t, EVENT_SET);
    }
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
 * The coroutine returned by Event.wait(). CPython's:
 *   if self._value: return True
 *   fut = create_future(); self._waiters.append(fut)
 *   try: await fut; return True
 *   finally: self._waiters.remove(fut)
 * Here the task itself goes in the waiter list (no future), and it resumes the frame that awaits the
 * wait directly, as a sleep does: this frame is garbage once the task is parked, so a task waiting
 * on an Event costs nothing beyond its own frames (W5). Task.cancel() does the `finally` (removes
 * the task from the list). A wait that is a task's root, or is not awaited by a frame, stays on top
 * and returns true itself.
 */
const EventWait = /* @__PURE__ */ withFrameName('Event.wait', class EventWait extends Coroutine<true> {
  constructor(/** @internal */ readonly _ev: Event) {
    super();
  }
  override $step(m: 0 | 1, v: unknown): unknown {
    if (m) throw v;
    if (this.$s === 1) return true;
    const ev = this._ev;
    if (ev._value) return true;
    const t = drv.task;
    if (t === null) throw noTaskError();
    this.$s = 1;
    const p = this.$p;
    t._top = p !== null && p !== undefined ? p : this;
    if (t._mustCancel) {
      // As asyncio's __step cancelling the future it was handed: the wait ends with CancelledError
      // one pass later, and never joins the list.
      t._mustCancel = false;
      t._waiter = null;
      t._wakeCancelled(t._result as string | undefined);
      return SUSPEND;
    }
    ev._waiters.push(t);
    t._waiter = ev;
    return SUSPEND;
  }
});
