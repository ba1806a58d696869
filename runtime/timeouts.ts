// Timeout scopes and waitFor: asyncio.timeout/timeout_at (CPython 3.11 timeouts.py) and
// asyncio.wait_for (CPython 3.11 tasks.py, which is not yet built on timeouts). Takes a deadline and
// a coroutine; produces its result, or TimeoutError once the deadline passed and the cancelled work
// has finished its cleanup. A scope converts only the cancellation it caused: it compares the
// task's cancelling() count at exit with the count at entry, so nested scopes and an outer
// cancel() each keep their own meaning.
import { CancelledError, RuntimeError, TimeoutError, runtimeError } from './errors';
import { Future } from './future';
import { Handle, Runnable, TimerBucket } from './loop';
import { Task, currentTask } from './task';
import { coro, runningLoop } from './genframe';
import { Coroutine, SUSPEND, awaitValue, nameFrame } from './coroutine';
import { ensureFuture } from './combinators';

const enum ScopeState {
  Created = 'created',
  Entered = 'active',
  Expiring = 'expiring',
  Expired = 'expired',
  Exited = 'finished',
}

/**
 * The deadline of one withTimeout()/withTimeoutAt() scope (asyncio.Timeout). Passed to the scope's
 * callback; the deadline can be moved while the scope runs.
 */
export class Timeout implements Runnable {
  /** @internal */ _state: ScopeState = ScopeState.Created;
  /**
   * @internal The deadline's timer, two ways (CPython keeps one TimerHandle): a deadline still
   * ahead puts the scope itself in the timer bucket of `_when` (`_bucket`, entry `_index`), as a
   * sleeping task sits in its bucket, so that a scope costs no handle, closure or argument array;
   * one already past goes through `_handle`, a callSoon. Invariant: at most one of `_bucket`,
   * `_handle` is set, and only while the timer is armed; a wake-up from any other bucket is stale.
   */
  _bucket: TimerBucket | null = null;
  /** @internal */ _index = 0;
  /** @internal */ _handle: Handle | null = null;
  /** @internal */ _task: Task<unknown> | null = null;
  /** @internal */ _cancelling = 0;

  /** @internal Use withTimeout() or withTimeoutAt(). */
  constructor(/** @internal */ public _when: number | null) {}

  /** The deadline in loop time (seconds), or null for none. */
  when(): number | null {
    return this._when;
  }

  /**
   * Moves the deadline to loop time `when` (null: no deadline); a deadline already past fires in
   * the next loop pass. RuntimeError unless the scope is running and has not expired.
   */
  reschedule(when: number | null): void {
    if (this._state !== ScopeState.Entered) {
      if (this._state === ScopeState.Created) throw new RuntimeError('Timeout has not been entered');
      throw new RuntimeError(`Cannot change state of ${this._state} Timeout`);
    }
    this._when = when;
    this._disarm();
    if (when === null) return;
    const loop = runningLoop();
    if (when <= loop.time()) this._handle = loop.callSoon(() => this._onTimeout());
    else {
      this._index = loop._addTimer(when, this);
      this._bucket = loop._lastBucket;
    }
  }

  /** @internal The deadline is due: the loop runs a fired bucket's entries with the bucket as `arg`. */
  _run(arg: unknown): void {
    if (arg !== this._bucket) return; // disarmed (null) or moved to another bucket since it was queued
    this._bucket = null;
    this._onTimeout();
  }

  /** Cancels the deadline's timer, if armed (CPython's TimerHandle.cancel). */
  private _disarm(): void {
    if (this._bucket !== null) {
      this._bucket._remove(this._index);
      this._bucket = null;
    }
    if (this._handle !== null) {
      this._handle.cancel();
      this._handle = null;
    }
  }

  /** True once the deadline passed while the scope was running (the scope cancelled its task). */
  expired(): boolean {
    return this._state === ScopeState.Expiring || this._state === ScopeState.Expired;
  }

  /** @internal asyncio's __aenter__. */
  _enter(): void {
    if (this._state !== ScopeState.Created) throw new RuntimeError('Timeout has already been entered');
    const task = currentTask();
    if (task === null) throw new RuntimeError('Timeout should be used inside a task');
    this._state = ScopeState.Entered;
    this._task = task;
    this._cancelling = task.cancelling();
    this.reschedule(this._when);
  }

  /** @internal asyncio's __aexit__: returns the error to raise instead of `exc`, or null. */
  _exit(failed: boolean, exc: unknown): TimeoutError | null {
    this._disarm();
    if (this._state === ScopeState.Expiring) {
      this._state = ScopeState.Expired;
      if (this._task!.uncancel() <= this._cancelling && failed && exc instanceof CancelledError) {
        const err = runtimeError(TimeoutError, '', this._task!._loop.debug);
        err.cause = exc;
        return err;
      }
    } else if (this._state === ScopeState.Entered) this._state = ScopeState.Exited;
    return null;
  }

  private _onTimeout(): void {
    this._task!.cancel();
    this._state = ScopeState.Expiring;
    this._handle = null;
  }

  toString(): string {
    const when = this._state === ScopeState.Entered ? ` when=${this._when === null ? 'None' : Math.round(this._when * 1000) / 1000}` : '';
    return `<Timeout [${this._state}]${when}>`;
  }
}

/**
 * The coroutine of withTimeout/withTimeoutAt, hand-written (no generator: a timeout wraps every
 * call it guards). asyncio's `async with timeout(...)` around `await body(scope)`:
 *   scope.__aenter__(); try: result = await body(scope)
 *   except: raise (scope.__aexit__'s TimeoutError) or the exception; scope.__aexit__(); return result
 * $s: 0 = not started, 1 = awaiting the body, 2 = done.
 */
class TimeoutScope<R> extends Coroutine<R> {
  constructor(
    /** @internal */ readonly _scope: Timeout,
    /** @internal */ readonly _body: (scope: Timeout) => PromiseLike<R>,
    name: string,
  ) {
    super();
    nameFrame(this, name);
  }
  override $step(m: 0 | 1, v: unknown): unknown {
    const scope = this._scope;
    if (this.$s === 0) {
      if (m) throw v;
      this.$s = 1;
      scope._enter();
      try {
        v = awaitValue(this, this._body(scope));
      } catch (err) {
        m = 1;
        v = err;
      }
      if (v === SUSPEND) return SUSPEND;
    }
    this.$s = 2;
    if (m) throw scope._exit(true, v) ?? v;
    scope._exit(false, undefined);
    return v;
  }
}

/**
 * Runs `body(scope)` in the current task with a deadline `seconds` from now (asyncio.timeout);
 * null means no deadline until `scope.reschedule()` sets one. Resolves to the body's result. When
 * the deadline passes, the task is cancelled; once the body has let the CancelledError out (after
 * its cleanup), it becomes TimeoutError (cause: the CancelledError). A body that swallows the
 * cancellation finishes normally. A cancel() from elsewhere stays a CancelledError.
 */
export function withTimeout<R>(seconds: number | null, body: (scope: Timeout) => PromiseLike<R>): Promise<R> {
  const scope = new Timeout(seconds === null ? null : runningLoop().time() + seconds);
  return new TimeoutScope(scope, body, 'timeout') as unknown as Promise<R>;
}

/** Like withTimeout, with the deadline given as loop time `when` (asyncio.timeout_at). */
export function withTimeoutAt<R>(when: number | null, body: (scope: Timeout) => PromiseLike<R>): Promise<R> {
  return new TimeoutScope(new Timeout(when), body, 'timeout_at') as unknown as Promise<R>;
}

function releaseWaiter(waiter: Future<void>): void {
  if (!waiter.done()) waiter.setResult(undefined);
}

/** @internal asyncio's _cancel_and_wait: cancel `fut` and wait until it is done. */
export function* cancelAndWait(fut: Future<unknown>): Generator<unknown, void, unknown> {
  const waiter = fut._loop.createFuture<void>();
  const cb = (): void => releaseWaiter(waiter);
  fut.addDoneCallback(cb);
  try {
    fut.cancel();
    yield waiter;
  } finally {
    fut.removeDoneCallback(cb);
  }
}

/**
 * Waits for `aw` with a time limit (asyncio.wait_for, 3.11): resolves to its result, or throws its
 * exception. A coroutine is run as a Task. On timeout the task is cancelled and waited for (its
 * cleanup runs first), then TimeoutError is thrown; if it swallowed the cancellation and returned a
 * value, that value is the result. Cancelling the waiting task cancels the inner task too (and
 * waits for it). `seconds` null: no limit; 0 or less: only a result that is ready now.
 */
export function waitFor<T>(aw: PromiseLike<T>, seconds: number | null): Promise<T> {
  return coro(waitForGen(aw, seconds), 'wait_for');
}

/** The inner future's result after waitFor cancelled it: its CancelledError becomes TimeoutError. */
function resultOrTimeout<T>(fut: Future<T>): T {
  try {
    return fut.result();
  } catch (err) {
    if (err instanceof CancelledError) {
      const t = runtimeError(TimeoutError, '', fut._loop.debug);
      t.cause = err;
      throw t;
    }
    throw err;
  }
}

function* waitForGen<T>(aw: PromiseLike<T>, seconds: number | null): Generator<unknown, T, unknown> {
  const loop = runningLoop();
  if (seconds === null) return (yield aw) as T;
  if (seconds <= 0) {
    const fut = ensureFuture(aw, loop);
    if (fut.done()) return fut.result();
    yield* cancelAndWait(fut);
    return resultOrTimeout(fut);
  }
  const waiter = loop.createFuture<void>();
  const timeoutHandle = loop.callLater(seconds, releaseWaiter, waiter);
  const cb = (): void => releaseWaiter(waiter);
  const fut = ensureFuture(aw, loop);
  fut.addDoneCallback(cb);
  try {
    try {
      yield waiter;
    } catch (err) {
      if (err instanceof CancelledError) {
        if (fut.done()) return fut.result();
        fut.removeDoneCallback(cb);
        yield* cancelAndWait(fut);
      }
      throw err;
    }
    if (fut.done()) return fut.result();
    fut.removeDoneCallback(cb);
    yield* cancelAndWait(fut);
    return resultOrTimeout(fut);
  } finally {
    timeoutHandle.cancel();
  }
}
