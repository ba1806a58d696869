// Async iteration for emitted `for await` loops. Takes an async or sync iterable; produces the
// iterator the loop drives (`ai`) and the close step it awaits when the loop is left early
// (`aclose`). Both follow the spec's GetIterator(async) / CreateAsyncFromSyncIterator /
// AsyncIteratorClose, with coroutine frames instead of Promises (awaited inline, no loop pass
// when nothing suspends).
import { coro } from './genframe';

interface AnyIterator {
  next(v?: unknown): unknown;
  return?(v?: unknown): unknown;
  throw?(v?: unknown): unknown;
}

/** The iterator of a `for await` loop: `[Symbol.asyncIterator]()`, else the sync iterator with each value awaited. */
export function asyncIteratorOf(obj: unknown): AnyIterator {
  const o = obj as Record<symbol, unknown>;
  const am = o[Symbol.asyncIterator];
  if (am != null) return (am as () => AnyIterator).call(obj);
  const sm = o[Symbol.iterator];
  if (typeof sm !== 'function') throw new TypeError(`${String(obj)} is not async iterable`);
  const it = (sm as () => Iterator<unknown>).call(obj);
  return {
    next(v?: unknown) {
      const r = it.next(v);
      if (r.done) return r;
      return coro(awaitedResult(r.value), 'next');
    },
    return(v?: unknown) {
      const ret = it.return;
      if (ret === undefined) return { value: v, done: true };
      return ret.call(it, v);
    },
    // For `yield*` over a sync iterable: the sync throw(), its value awaited; without one the
    // iterator is closed and the delegation fails with TypeError (CreateAsyncFromSyncIterator).
    throw(v?: unknown) {
      const th = it.throw;
      if (th === undefined) {
        it.return?.();
        throw new TypeError("The iterator does not provide a 'throw' method.");
      }
      const r = th.call(it, v);
      if (r.done) return r;
      return coro(awaitedResult(r.value), 'throw');
    },
  };
}

function* awaitedResult(value: unknown): Generator<unknown, IteratorResult<unknown>, unknown> {
  return { value: yield value, done: false };
}

/**
 * What `for await` awaits when it is left early: the iterator's return(), awaited. After a throw
 * (`quiet`) errors from return() are ignored and the original error wins; otherwise a non-object
 * result is a TypeError, as in AsyncIteratorClose.
 */
export function asyncIteratorClose(it: AnyIterator, quiet: boolean): Promise<void> {
  return coro(closeSteps(it, quiet), 'aclose');
}

function* closeSteps(it: AnyIterator, quiet: boolean): Generator<unknown, void, unknown> {
  const ret = it.return;
  if (ret == null) return;
  if (quiet) {
    try {
      yield ret.call(it);
    } catch {
      // The loop's own exception is rethrown after this.
    }
    return;
  }
  const r = yield ret.call(it);
  if (r === null || (typeof r !== 'object' && typeof r !== 'function')) throw new TypeError('iterator result is not an object');
}
