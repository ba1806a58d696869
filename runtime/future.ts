// Future: a result that arrives later (asyncio.Future). Takes results, exceptions or cancellation;
// produces done-callbacks scheduled on its loop with callSoon in registration order (never called
// synchronously). Tasks wait on Futures by registering themselves as a callback object, so a
// waiting task costs no closure.
import { CancelledError, InvalidStateError, runtimeError } from './errors';
import { EventLoop, Runnable, _loopForNewWork } from './loop';
import { unwatchUnretrieved, watchUnretrieved } from './warnings';

export const enum FutureState {
  Pending = 0,
  Finished = 1,
  Failed = 2,
  Cancelled = 3,
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars
type DoneCallback<T> = ((fut: any) => void) | Runnable;

/**
 * A placeholder for a result that some other code will set (asyncio.Future).
 * `await fut` inside a coroutine suspends until it is done (no suspension if it already is).
 * - pending: `result()` throws InvalidStateError; `cancel()` cancels it and returns true.
 * - finished: `result()` returns the value; `setResult` again throws InvalidStateError.
 * - failed: `result()` throws the exception.
 * - cancelled: `result()` throws CancelledError with the cancel message.
 */
export class Future<T = unknown> implements PromiseLike<T> {
  /** @internal */ _state: FutureState = FutureState.Pending;
  /** @internal */ _result: unknown = undefined;
  /** @internal */ _cancelMessage: string | undefined = undefined;
  // Done-callbacks: the first one inline (the common single-waiter case), the rest in an array.
  // Invariant: _cb1 is null whenever _cbs is non-null and empty is not relevant (order = _cb1, ..._cbs).
  /** @internal */ _cb1: DoneCallback<T> | null = null;
  /** @internal */ _cbs: DoneCallback<T>[] | null = null;
  /** @internal Set when the exception or result was looked at (for "never retrieved" warnings). */
  _retrieved = false;
  /** @internal */ readonly _loop: EventLoop;

  /** Creates a pending Future bound to the running loop (or to `loop`). */
  constructor(loop?: EventLoop) {
    this._loop = loop ?? _loopForNewWork();
  }

  /** The loop this Future belongs to. */
  getLoop(): EventLoop {
    return this._loop;
  }

  /** True when finished, failed or cancelled. */
  done(): boolean {
    return this._state !== FutureState.Pending;
  }

  /** True only once the Future (or Task) is cancelled. */
  cancelled(): boolean {
    return this._state === FutureState.Cancelled;
  }

  /** The result; throws the exception if it failed, CancelledError if cancelled, InvalidStateError if pending. */
  result(): T {
    switch (this._state) {
      case FutureState.Finished:
        this._retrieved = true;
        return this._result as T;
      case FutureState.Failed:
        this._markRetrieved();
        throw this._result;
      case FutureState.Cancelled:
        throw this._makeCancelledError();
      default:
        throw new InvalidStateError('Result is not ready.');
    }
  }

  /** The exception (undefined if it finished normally); throws CancelledError if cancelled, InvalidStateError if pending. */
  exception(): unknown {
    switch (this._state) {
      case FutureState.Finished:
        return undefined;
      case FutureState.Failed:
        this._markRetrieved();
        return this._result;
      case FutureState.Cancelled:
        throw this._makeCancelledError();
      default:
        throw new InvalidStateError('Exception is not set.');
    }
  }

  /** Marks the Future finished with `value` and schedules its callbacks; InvalidStateError if already done. */
  setResult(value: T): void {
    if (this._state !== FutureState.Pending) throw new InvalidStateError(`${this._stateName()}: ${this}`);
    this._state = FutureState.Finished;
    this._result = value;
    this._scheduleCallbacks();
  }

  /**
   * Marks the Future failed with `exc` and schedules its callbacks; InvalidStateError if already
   * done. If it is garbage-collected before anyone retrieves `exc` (result(), exception(), an
   * await), the loop's exception handler reports "Future exception was never retrieved".
   */
  setException(exc: unknown): void {
    if (this._state !== FutureState.Pending) throw new InvalidStateError(`${this._stateName()}: ${this}`);
    this._state = FutureState.Failed;
    this._result = exc;
    this._scheduleCallbacks();
    watchUnretrieved(this, exc, this.constructor.name);
  }

  /** @internal Someone looked at the exception: no "exception was never retrieved" warning. */
  _markRetrieved(): void {
    if (!this._retrieved) {
      this._retrieved = true;
      unwatchUnretrieved(this);
    }
  }

  /** Cancels a pending Future and schedules its callbacks; returns false if it was already done. */
  cancel(msg?: string): boolean {
    if (this._state !== FutureState.Pending) return false;
    this._state = FutureState.Cancelled;
    this._cancelMessage = msg;
    this._scheduleCallbacks();
    return true;
  }

  /** Adds `fn(future)` to run (via callSoon) when done; if already done, schedules it now. */
  addDoneCallback(fn: (fut: this) => void): void {
    this._addCallback(fn as DoneCallback<T>);
  }

  /** Removes every registration of `fn`; returns how many were removed. */
  removeDoneCallback(fn: (fut: this) => void): number {
    let removed = 0;
    if (this._cb1 === (fn as unknown)) {
      this._cb1 = null;
      removed++;
    }
    if (this._cbs !== null) {
      const before = this._cbs.length;
      this._cbs = this._cbs.filter((c) => c !== (fn as unknown));
      removed += before - this._cbs.length;
    }
    return removed;
  }

  /** @internal Registers a callback function or a Runnable (a waiting Task, a gather). */
  _addCallback(cb: DoneCallback<T>): void {
    if (this._state !== FutureState.Pending) {
      this._loop._push(cb, this);
      return;
    }
    if (this._cb1 === null && this._cbs === null) this._cb1 = cb;
    else (this._cbs ??= []).push(cb);
  }

  /** @internal Removes a Runnable registered with _addCallback (a cancelled waiter). */
  _removeCallback(cb: DoneCallback<T>): void {
    if (this._cb1 === cb) this._cb1 = null;
    else if (this._cbs !== null) {
      const i = this._cbs.indexOf(cb);
      if (i >= 0) this._cbs.splice(i, 1);
    }
  }

  /** @internal */
  _scheduleCallbacks(): void {
    const loop = this._loop;
    const first = this._cb1;
    const rest = this._cbs;
    this._cb1 = null;
    this._cbs = null;
    if (first !== null) loop._push(first, this);
    if (rest !== null) for (let i = 0; i < rest.length; i++) loop._push(rest[i], this);
  }

  /** @internal */
  _makeCancelledError(): CancelledError {
    return runtimeError(CancelledError, this._cancelMessage ?? '', this._loop.debug);
  }

  /** @internal */
  _stateName(): string {
    return ['PENDING', 'FINISHED', 'FINISHED', 'CANCELLED'][this._state];
  }

  /**
   * Lets native code `await` the Future: settles with its result, rejects with its exception or
   * CancelledError. The native callbacks run as Promise jobs, after the loop callback that completed it.
   */
  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: any) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this._asPromise().then(onfulfilled, onrejected);
  }

  /** Promise-style catch for native code. */
  catch<R = never>(onrejected?: ((reason: any) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this._asPromise().catch(onrejected);
  }

  /** Promise-style finally for native code. */
  finally(onfinally?: (() => void) | null): Promise<T> {
    return this._asPromise().finally(onfinally);
  }

  /** @internal A native Promise that settles with this Future (created once, on demand). */
  _promise: Promise<T> | null = null;
  /** @internal */
  _asPromise(): Promise<T> {
    if (this._promise === null) {
      this._promise = new Promise<T>((resolve, reject) => {
        const settle = (): void => {
          try {
            resolve(this.result());
          } catch (err) {
            reject(err);
          }
        };
        if (this.done()) settle();
        else this._addCallback(settle);
      });
    }
    return this._promise;
  }

  toString(): string {
    const cls = this.constructor.name === 'Future' ? 'Future' : this.constructor.name;
    return `<${cls} ${this._describeState()}>`;
  }

  /** @internal */
  _describeState(): string {
    switch (this._state) {
      case FutureState.Pending:
        return 'pending';
      case FutureState.Cancelled:
        return 'cancelled';
      case FutureState.Failed:
        return `finished exception=${String(this._result)}`;
      default:
        return `finished result=${String(this._result)}`;
    }
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}
