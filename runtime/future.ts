// Future: a result that arrives later (asyncio.Future). Takes results, exceptions or cancellation;
// produces done-callbacks scheduled on its loop with callSoon in registration order (never called
// synchronously). Tasks wait on Futures by registering themselves as a callback object, so a
// waiting task costs no closure.
import { CancelledError, InvalidStateError, runtimeError } from './errors';
import { EventLoop, Runnable, _loopForNewWork, _provideClasses } from './loop';
import { unwatchUnretrieved, watchUnretrieved } from './warnings';

export const enum FutureState {
  Pending = 0,
  Finished = 1,
  Failed = 2,
  Cancelled = 3,
}

// eslint-disable-next-line @typescript-eslint/no-unused-vars
type DoneCallback<T> = ((fut: any) => void) | Runnable;

// The native Promise each Future hands to native code (then/catch/finally), made on first use. A
// WeakMap rather than a field: few Futures are ever awaited natively, and every Task is a Future.
const nativePromises = new WeakMap<object, Promise<unknown>>();

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
  /**
   * @internal The result or exception; once cancelled, the message given to cancel() (a Task may
   * keep its CancelledError there instead, see task.ts); while a Task is pending, the message of a
   * cancel it is to throw at its next step (_mustCancel). One field serves all, as the states
   * exclude each other: a field less per Future and per Task.
   */
  _result: unknown = undefined;
  // Done-callbacks in registration order: null, the only one (the common single-waiter case, no
  // array), or an array of them. A callback is a function or a Runnable object, never an array.
  /** @internal */ _cb: DoneCallback<T> | DoneCallback<T>[] | null = null;
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
    // No flag per Future: unregistering an exception that is not watched (any more) is a no-op.
    unwatchUnretrieved(this);
  }

  /** Cancels a pending Future and schedules its callbacks; returns false if it was already done. */
  cancel(msg?: string): boolean {
    if (this._state !== FutureState.Pending) return false;
    this._state = FutureState.Cancelled;
    this._result = msg;
    this._scheduleCallbacks();
    return true;
  }

  /** Adds `fn(future)` to run (via callSoon) when done; if already done, schedules it now. TypeError if `fn` is not a function. */
  addDoneCallback(fn: (fut: this) => void): void {
    if (typeof fn !== 'function') throw new TypeError('addDoneCallback() needs a function');
    this._addCallback(fn as DoneCallback<T>);
  }

  /** Removes every registration of `fn`; returns how many were removed. */
  removeDoneCallback(fn: (fut: this) => void): number {
    const c = this._cb;
    if (c === (fn as unknown)) {
      this._cb = null;
      return 1;
    }
    if (!Array.isArray(c)) return 0;
    const kept = c.filter((x) => x !== (fn as unknown));
    this._cb = kept;
    return c.length - kept.length;
  }

  /** @internal Registers a callback function or a Runnable (a waiting Task, a gather). */
  _addCallback(cb: DoneCallback<T>): void {
    if (this._state !== FutureState.Pending) {
      this._loop._push(cb, this);
      return;
    }
    const c = this._cb;
    if (c === null) this._cb = cb;
    else if (Array.isArray(c)) c.push(cb);
    else this._cb = [c, cb];
  }

  /** @internal True if `cb` is registered (and not yet scheduled). */
  _hasCallback(cb: DoneCallback<T>): boolean {
    const c = this._cb;
    return c === cb || (Array.isArray(c) && c.includes(cb));
  }

  /** @internal Removes a Runnable registered with _addCallback (a cancelled waiter). */
  _removeCallback(cb: DoneCallback<T>): void {
    const c = this._cb;
    if (c === cb) this._cb = null;
    else if (Array.isArray(c)) {
      const i = c.indexOf(cb);
      if (i >= 0) c.splice(i, 1);
    }
  }

  /** @internal */
  _scheduleCallbacks(): void {
    const c = this._cb;
    if (c === null) return;
    this._cb = null;
    const loop = this._loop;
    if (!Array.isArray(c)) loop._push(c, this);
    else for (let i = 0; i < c.length; i++) loop._push(c[i], this);
  }

  /** @internal */
  _makeCancelledError(): CancelledError {
    return runtimeError(CancelledError, this._cancelMsg() ?? '', this._loop.debug);
  }

  /** @internal The message cancel() was given (see _result), for a cancelled Future. */
  _cancelMsg(): string | undefined {
    const r = this._result;
    return r instanceof CancelledError ? undefined : (r as string | undefined);
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
  _asPromise(): Promise<T> {
    let p = nativePromises.get(this) as Promise<T> | undefined;
    if (p === undefined) {
      p = new Promise<T>((resolve, reject) => {
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
      nativePromises.set(this, p);
    }
    return p;
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

// loop.ts cannot import this module (see _provideClasses): hand it the class.
_provideClasses(Future, null);
