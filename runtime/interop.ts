// Bridges between tscoro and native promises (asyncio's wrap_future, in both directions). Takes a
// native Promise or thenable and produces a Future of the running loop (fromPromise), or takes a
// Future, Task or Coroutine and produces a native Promise (toPromise).
import { Coroutine, taskForNative, wrapThenable } from './coroutine';
import { Future } from './future';
import { EventLoop } from './loop';
import { runningLoop } from './genframe';

/**
 * Wraps a native Promise or thenable in a Future of the running loop (or `loop`), like asyncio's
 * wrap_future. The Future finishes with the promise's value or fails with its rejection reason, in
 * the loop pass after the promise settles; a Future is returned as it is. While the Future is
 * pending the virtual clock does not jump (the promise might settle first). Cancelling the Future
 * does not cancel the promise (native promises cannot be cancelled): its outcome is then ignored.
 * A coroutine is not a promise: TypeError (use createTask or ensureFuture).
 */
export function fromPromise<T>(p: PromiseLike<T>, loop?: EventLoop): Future<T> {
  if (p instanceof Future) return p;
  if (p instanceof Coroutine) throw new TypeError('fromPromise() takes a native Promise; use createTask() or ensureFuture() for a coroutine');
  const then = p === null || (typeof p !== 'object' && typeof p !== 'function') ? undefined : (p as { then?: unknown }).then;
  if (typeof then !== 'function') throw new TypeError(`fromPromise() takes a Promise or thenable, got ${String(p)}`);
  return wrapThenable(p, loop ?? runningLoop(), then);
}

/**
 * A native Promise that settles like `aw`: a Future or Task resolves with its result and rejects
 * with its exception, or with CancelledError if it is cancelled (this retrieves the exception: no
 * "never retrieved" warning). A Coroutine is first scheduled as a Task on the active loop (or the
 * default loop), the same one Task its own `then` would start. Anything else goes to Promise.resolve.
 */
export function toPromise<T>(aw: PromiseLike<T> | T): Promise<T> {
  if (aw instanceof Future) return aw._asPromise() as Promise<T>;
  if (aw instanceof Coroutine) return taskForNative(aw as Coroutine<T>)._asPromise();
  return Promise.resolve(aw);
}
