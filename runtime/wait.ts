// wait, asCompleted and shield: asyncio's ways to wait on several Futures or to protect one
// (CPython 3.11 tasks.py; asCompleted's `for await` follows 3.13). Built from done-callbacks and a
// waiter Future, so a task resumes in the same loop pass as under CPython.
import { Coroutine } from './coroutine';
import { TimeoutError, runtimeError } from './errors';
import { Future, FutureState } from './future';
import { TimerHandle } from './loop';
import { coro, runningLoop } from './genframe';
import { ensureFuture } from './combinators';
import { Queue } from './queues';

/** wait() returns when any awaitable finishes or is cancelled. */
export const FIRST_COMPLETED = 'FIRST_COMPLETED';
/** wait() returns when any awaitable fails (not when one is cancelled), else when all are done. */
export const FIRST_EXCEPTION = 'FIRST_EXCEPTION';
/** wait() returns when every awaitable is done (the default). */
export const ALL_COMPLETED = 'ALL_COMPLETED';
export type ReturnWhen = typeof FIRST_COMPLETED | typeof FIRST_EXCEPTION | typeof ALL_COMPLETED;

export interface WaitOptions {
  /** Seconds to wait at most; on timeout wait() returns (it does not throw). Default: no limit. */
  timeout?: number | null;
  /** When to return: FIRST_COMPLETED, FIRST_EXCEPTION or ALL_COMPLETED (default). */
  returnWhen?: ReturnWhen;
}

/** What wait() resolves to: the same Future/Task objects, split by whether they are done. */
export interface WaitResult<F> {
  done: Set<F>;
  pending: Set<F>;
}

function checkFutures(fs: Iterable<unknown>, what: string): void {
  if (fs instanceof Future || fs instanceof Coroutine || fs === null || typeof (fs as any)?.[Symbol.iterator] !== 'function')
    throw new TypeError(`${what}: expect an iterable of futures, not ${describe(fs)}`);
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x === 'object') return (x as object).constructor?.name ?? 'object';
  return typeof x;
}

/**
 * Waits for Tasks and Futures (asyncio.wait) until `returnWhen` holds or `timeout` seconds pass;
 * resolves to `{ done, pending }`, Sets of the given objects (duplicates collapse). Never throws
 * the awaitables' exceptions and never cancels them. TypeError for a coroutine or native Promise
 * (wrap it with createTask, as asyncio 3.11+ requires); RangeError for an empty list or an unknown
 * `returnWhen`. Cancelling the waiting task raises CancelledError here; the awaitables go on.
 */
export function wait<F extends PromiseLike<unknown>>(fs: Iterable<F>, options: WaitOptions = {}): Promise<WaitResult<F>> {
  checkFutures(fs, 'wait()');
  const set = new Set(fs);
  if (set.size === 0) throw new RangeError('Set of Tasks/Futures is empty.');
  const returnWhen = options.returnWhen ?? ALL_COMPLETED;
  if (returnWhen !== FIRST_COMPLETED && returnWhen !== FIRST_EXCEPTION && returnWhen !== ALL_COMPLETED)
    throw new RangeError(`Invalid return_when value: ${String(returnWhen)}`);
  for (const f of set) {
    if (f instanceof Coroutine) throw new TypeError('Passing coroutines is forbidden, use tasks explicitly.');
    if (!(f instanceof Future)) throw new TypeError(`wait(): a Task or Future is required, got ${describe(f)}`);
  }
  return coro(waitGen(set as unknown as Set<Future<unknown>>, options.timeout ?? null, returnWhen), 'wait') as unknown as Promise<
    WaitResult<F>
  >;
}

function* waitGen(
  fs: Set<Future<unknown>>,
  timeout: number | null,
  returnWhen: ReturnWhen,
): Generator<unknown, WaitResult<Future<unknown>>, unknown> {
  const loop = runningLoop();
  const waiter = loop.createFuture<void>();
  let timeoutHandle: TimerHandle | null = null;
  if (timeout !== null) timeoutHandle = loop.callLater(timeout, () => {
    if (!waiter.done()) waiter.setResult(undefined);
  });
  let counter = fs.size;
  const onCompletion = (f: Future<unknown>): void => {
    counter--;
    if (
      counter <= 0 ||
      returnWhen === FIRST_COMPLETED ||
      (returnWhen === FIRST_EXCEPTION && f._state === FutureState.Failed)
    ) {
      if (timeoutHandle !== null) timeoutHandle.cancel();
      if (!waiter.done()) waiter.setResult(undefined);
    }
  };
  for (const f of fs) f.addDoneCallback(onCompletion);
  try {
    yield waiter;
  } finally {
    if (timeoutHandle !== null) timeoutHandle.cancel();
    for (const f of fs) f.removeDoneCallback(onCompletion);
  }
  const done = new Set<Future<unknown>>();
  const pending = new Set<Future<unknown>>();
  for (const f of fs) (f.done() ? done : pending).add(f);
  return { done, pending };
}

/**
 * What asCompleted() returns. `for (const aw of it)` gives one awaitable per input; awaiting the
 * k-th gives the result of the k-th input to finish (or throws its exception, or TimeoutError
 * when the timeout passed first). `for await (const fut of it)` gives the inputs themselves (the
 * Tasks made for coroutines) as they finish, and throws TimeoutError when the timeout passes.
 */
export interface AsCompleted<T> extends Iterable<Promise<T>>, AsyncIterable<Future<T>> {}

/**
 * Yields awaitables in completion order (asyncio.as_completed). Coroutines are scheduled as Tasks
 * at once; duplicates collapse. With `timeout`, awaitables still waiting when it passes throw
 * TimeoutError (the inputs themselves are not cancelled).
 */
export function asCompleted<T>(fs: Iterable<PromiseLike<T>>, options: { timeout?: number | null } = {}): AsCompleted<T> {
  checkFutures(fs, 'asCompleted()');
  const loop = runningLoop();
  // Boxed: a coroutine that returns a thenable has it adopted (JS semantics), so the Futures must
  // not be the queue's items themselves.
  const done = new Queue<{ f: Future<T> } | null>();
  const todo = new Set<Future<T>>();
  for (const f of new Set(fs)) todo.add(ensureFuture(f, loop));
  const total = todo.size;
  let timeoutHandle: TimerHandle | null = null;
  const onTimeout = (): void => {
    for (const f of todo) {
      f.removeDoneCallback(onCompletion);
      done.putNowait(null);
    }
    todo.clear();
  };
  const onCompletion = (f: Future<T>): void => {
    if (todo.size === 0) return;
    todo.delete(f);
    done.putNowait({ f });
    if (todo.size === 0 && timeoutHandle !== null) timeoutHandle.cancel();
  };
  for (const f of todo) f.addDoneCallback(onCompletion);
  const timeout = options.timeout ?? null;
  if (todo.size > 0 && timeout !== null) timeoutHandle = loop.callLater(timeout, onTimeout);

  function* waitForOne<R>(pick: (f: Future<T>) => R): Generator<unknown, R, unknown> {
    const box = (yield done.get()) as { f: Future<T> } | null;
    if (box === null) throw runtimeError(TimeoutError, '', loop.debug);
    return pick(box.f);
  }
  return {
    *[Symbol.iterator](): Iterator<Promise<T>> {
      for (let i = 0; i < total; i++) yield coro(waitForOne((f) => f.result()), '_wait_for_one');
    },
    [Symbol.asyncIterator](): AsyncIterator<Future<T>> {
      let yielded = 0;
      return {
        next(): Promise<IteratorResult<Future<T>>> {
          if (yielded >= total) return coro(finished<Future<T>>(), '_wait_for_one');
          yielded++;
          return coro(waitForOne((f): IteratorResult<Future<T>> => ({ value: f, done: false })), '_wait_for_one');
        },
      };
    },
  };
}

function* finished<V>(): Generator<unknown, IteratorResult<V>, unknown> {
  return { value: undefined, done: true };
}

/**
 * Protects `aw` from the cancellation of the task awaiting it (asyncio.shield): cancelling that
 * task cancels only the returned Future, while `aw` (a coroutine is scheduled as a Task) goes on.
 * If `aw` itself is cancelled, the returned Future is cancelled too; its result or exception is
 * passed through. A `aw` already done is returned as it is.
 */
export function shield<T>(aw: PromiseLike<T>): Promise<T> {
  const inner = ensureFuture(aw);
  if (inner.done()) return inner as unknown as Promise<T>;
  const outer = inner._loop.createFuture<T>();
  const onInner = (f: Future<T>): void => {
    if (outer.cancelled()) {
      if (!f.cancelled()) f.exception();
      return;
    }
    if (f.cancelled()) outer.cancel();
    else {
      const exc = f.exception();
      if (exc !== undefined || f._state === FutureState.Failed) outer.setException(exc);
      else outer.setResult(f.result());
    }
  };
  const onOuter = (): void => {
    if (!inner.done()) inner.removeDoneCallback(onInner);
  };
  inner.addDoneCallback(onInner);
  outer.addDoneCallback(onOuter);
  return outer as unknown as Promise<T>;
}
