// gather and sleep: asyncio's combinators built from Futures and Tasks. gather follows CPython's
// tasks.gather step for step (a done-callback per child, the outer future completing from the
// callback), so results arrive in the same pass as in CPython.
import { CancelledError, runtimeError } from './errors';
import { Future, FutureState } from './future';
import { EventLoop, Runnable, _loopForNewWork } from './loop';
import { Coroutine, SleepFrame, nativeTaskOf, wrapThenable } from './coroutine';
import { watchUnretrieved } from './warnings';

/** The awaited type of a PromiseLike (Awaited<T> without the recursion TypeScript limits). */
export type AwaitedOf<T> = T extends PromiseLike<infer U> ? U : T;
type GatherResults<T extends readonly unknown[]> = { -readonly [K in keyof T]: AwaitedOf<T[K]> };

/** Coroutines become Tasks; Futures and Tasks are used as they are (asyncio.ensure_future). */
export function ensureFuture<T>(aw: PromiseLike<T>, loop?: EventLoop): Future<T> {
  if (aw instanceof Future) return aw;
  // A coroutine native code started (`c.then(...)`) is its Task, as await sees it.
  if (aw instanceof Coroutine) return nativeTaskOf(aw as Coroutine<T>) ?? (loop ?? _loopForNewWork()).createTask<T>(aw as PromiseLike<T>);
  const then = aw === null || aw === undefined ? undefined : (aw as { then?: unknown }).then;
  if (typeof then === 'function') return wrapThenable(aw, loop ?? _loopForNewWork(), then);
  throw new TypeError(`An asyncio.Future, a coroutine or an awaitable is required, got ${String(aw)}`);
}

/**
 * The future gather() returns (asyncio's _GatheringFuture). Shown as `<GatheringFuture pending>`.
 * Cancelling it cancels every child that is not done.
 */
export class GatheringFuture<T = unknown[]> extends Future<T> implements Runnable {
  /** @internal */ _cancelRequested = false;
  /** @internal */ _finished = 0;
  /** @internal How many distinct children (gather() sets it once they are all registered). */ _nfuts = 0;
  constructor(
    /** @internal */ readonly _children: Future<unknown>[],
    /** @internal */ readonly _returnExceptions: boolean,
    loop: EventLoop,
  ) {
    super(loop);
  }

  override cancel(msg?: string): boolean {
    if (this.done()) return false;
    let ret = false;
    for (const child of this._children) if (child.cancel(msg)) ret = true;
    if (ret) this._cancelRequested = true;
    return ret;
  }

  /** @internal A child finished (CPython's _done_callback). */
  _run(fut: Future<unknown>): void {
    this._finished++;
    if (this.done()) {
      if (!fut.cancelled()) fut.exception();
      return;
    }
    if (!this._returnExceptions) {
      if (fut.cancelled()) {
        this._failWith(fut._makeCancelledError());
        return;
      }
      const exc = fut.exception();
      if (exc !== undefined) {
        this._failWith(exc);
        return;
      }
    }
    if (this._finished === this._nfuts) {
      const results: unknown[] = [];
      for (const child of this._children) {
        if (child.cancelled()) results.push(runtimeError(CancelledError, child._cancelMsg() ?? '', child._loop.debug));
        else {
          const exc = child.exception();
          results.push(exc !== undefined || child._state === FutureState.Failed ? exc : child.result());
        }
      }
      if (this._cancelRequested) this._failWith(fut._makeCancelledError());
      else this.setResult(results as T);
    }
  }

  // CPython sets even a CancelledError as the outer future's exception (it is not cancelled()).
  private _failWith(exc: unknown): void {
    this._state = FutureState.Failed;
    this._result = exc;
    this._scheduleCallbacks();
    watchUnretrieved(this, exc, 'GatheringFuture');
  }
}

export interface GatherOptions {
  /** Put each child's exception in its result slot instead of failing on the first one. */
  returnExceptions?: boolean;
}

/**
 * Runs awaitables concurrently and collects their results in argument order (asyncio.gather).
 * Coroutines are scheduled as Tasks at once. The first exception fails the gather (siblings keep
 * running) unless `returnExceptions`; cancelling the gather cancels the children.
 */
export function gather<T extends readonly PromiseLike<unknown>[]>(...aws: T): GatheringFuture<GatherResults<T>>;
export function gather<T>(aws: readonly PromiseLike<T>[], options: GatherOptions & { returnExceptions: true }): GatheringFuture<(AwaitedOf<T> | Error)[]>;
export function gather<T>(aws: readonly PromiseLike<T>[], options?: GatherOptions): GatheringFuture<AwaitedOf<T>[]>;
export function gather(...args: unknown[]): GatheringFuture<any> {
  let aws: unknown[];
  let returnExceptions = false;
  if (args.length >= 1 && Array.isArray(args[0]) && args.length <= 2 && (args.length === 1 || !isAwaitable(args[1]))) {
    aws = args[0];
    returnExceptions = !!(args[1] as GatherOptions | undefined)?.returnExceptions;
  } else aws = args;
  const loop = _loopForNewWork();
  const n = aws.length;
  const children: Future<unknown>[] = new Array(n);
  const outer = new GatheringFuture<unknown>(children, returnExceptions, loop);
  // CPython keys children by argument (arg_to_fut), so an argument given twice is one child, and
  // adds the outer future's callback to each new child as it goes. Without a Map per gather:
  // - a coroutine that has not started cannot have appeared earlier (making its Task starts it);
  // - a pending Future appeared earlier iff the outer future is already among its callbacks;
  // - anything else (done Futures, thenables, started coroutines) goes through a Map made on
  //   first need, holding every argument before it. 100,000 tasks gathered cost no Map.
  let seen: Map<unknown, Future<unknown>> | null = null;
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    const arg = aws[i];
    let fut: Future<unknown> | undefined;
    if (arg instanceof Coroutine && arg.$p === undefined) fut = loop.createTask(arg);
    else if (arg instanceof Future && arg._state === FutureState.Pending) {
      if (arg._hasCallback(outer)) {
        children[i] = arg;
        continue;
      }
      fut = arg;
    } else {
      if (seen === null) {
        // Seeded with the arguments so far: a coroutine given twice is started by its first Task.
        seen = new Map();
        for (let j = 0; j < i; j++) seen.set(aws[j], children[j]);
      }
      fut = seen.get(arg);
      if (fut !== undefined) {
        children[i] = fut;
        continue;
      }
      fut = ensureFuture(arg as PromiseLike<unknown>, loop);
      seen.set(arg, fut);
    }
    children[i] = fut;
    distinct++;
    fut._addCallback(outer);
  }
  outer._nfuts = distinct;
  if (n === 0) outer.setResult([]);
  return outer;
}

function isAwaitable(x: unknown): boolean {
  return x !== null && typeof x === 'object' && typeof (x as any).then === 'function';
}

/**
 * Suspends the current task for `seconds` (asyncio.sleep), then returns `value`. `sleep(0)` yields
 * exactly one loop pass. Cancelling the sleeping task raises CancelledError here.
 */
export function sleep(seconds: number): Promise<void>;
export function sleep<T>(seconds: number, value: T): Promise<T>;
export function sleep<T>(seconds: number, value?: T): Promise<T | undefined> {
  return new SleepFrame<T | undefined>(seconds, value) as unknown as Promise<T | undefined>;
}
