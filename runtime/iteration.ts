// The iterator protocol for emitted code: `for (x of xs)` loops and array patterns that await
// (`iter`, a SyncIter), `for await` loops and `yield*` (`ai`, an AsyncIter), and the close step a
// `for await` left early awaits (`aclose`). Takes an iterable; produces an iterator record as the
// spec's GetIterator makes one: the iterator with its `next` method read once, then called on each
// step; `return` and `throw` are read when they are used. Results that are not objects, methods
// that are not callable and iterables that are not iterable throw V8's TypeErrors, so a lowered
// loop fails as the native one does. Async steps are coroutine frames (awaited inline, no loop
// pass when nothing suspends), not Promises.
import { coro } from './genframe';

/** An iterator as user code may give one: any of its methods may be missing or not callable. */
export type AnyIterator = { next?: unknown; return?: unknown; throw?: unknown };

/** Whether x is an Object in the spec's sense (what an iterator result must be). */
function isObject(x: unknown): x is object {
  return x !== null && (typeof x === 'object' || typeof x === 'function');
}

/** V8's TypeError for an iterator result that is not an object. */
function notObject(r: unknown): TypeError {
  return new TypeError(`Iterator result ${String(r)} is not an object`);
}

/** How V8 names a value it could not call or iterate: `number 5`, `string "a"`, `object null`, `object`. */
export function valueText(x: unknown): string {
  switch (typeof x) {
    case 'undefined':
      return 'undefined';
    case 'number':
    case 'boolean':
      return `${typeof x} ${String(x)}`;
    case 'string':
      return `string "${x}"`;
    case 'object':
      return x === null ? 'object null' : 'object';
    default:
      return typeof x;
  }
}

type Method = (this: unknown, ...args: unknown[]) => unknown;

/** V8's TypeError for a method the protocol calls that is not callable. */
function notCallable(m: unknown): TypeError {
  return new TypeError(`${valueText(m)} is not a function`);
}

/** A method the protocol calls: V8's `<value> is not a function` if it is not callable. */
function callableMethod(m: unknown): Method {
  if (typeof m !== 'function') throw notCallable(m);
  return m as Method;
}

/** GetMethod(o, name): undefined when missing (undefined or null), else the function. */
export function getMethod(o: object, name: 'return' | 'throw'): Method | undefined {
  const m = (o as AnyIterator)[name];
  return m === undefined || m === null ? undefined : callableMethod(m);
}

/**
 * The iterator record of a lowered `for (x of xs)` or of an array pattern taken apart by hand
 * (protocol `iter`).
 *   [source]  for (const x of xs) { await use(x); }      const [a, b = await f()] = xs;
 *   [output]  $it = $iter(xs, "xs"); ... $r = $it.next()  $it = $iter(xs); a = $it.step(); ...; $it.close()
 */
export class SyncIter {
  /** The iterator. */
  readonly i: object;
  /** Its `next`, read once (GetIterator); checked when it is called. */
  readonly n: unknown;
  /**
   * [[Done]] for patterns (step/rest): set while a step runs, so that a step that throws (in
   * next, or reading done or value) leaves the iterator done and not closed, as the spec does.
   */
  d: boolean;
  constructor(i: object, n: unknown) {
    this.i = i;
    this.n = n;
    this.d = false;
  }
  /** IteratorNext with no argument; a result that is not an object is a TypeError. */
  next(): IteratorResult<unknown> {
    const n = this.n;
    if (typeof n !== 'function') throw notCallable(n);
    return iterResult(n.call(this.i));
  }
  /** An array pattern's element: the next value, or undefined once the iterator is done. */
  step(): unknown {
    if (this.d) return undefined;
    this.d = true;
    const r = this.next();
    if (r.done) return undefined;
    const v = r.value;
    this.d = false;
    return v;
  }
  /** An array pattern's `...rest`: the values left. */
  rest(): unknown[] {
    const out: unknown[] = [];
    for (;;) {
      const v = this.step();
      if (this.d) return out;
      out.push(v);
    }
  }
  /**
   * IteratorClose after a normal completion (break, return, a pattern's end): errors surface. An
   * iterator a pattern has run to its end (d) is not closed.
   */
  close(): void {
    if (this.d) return;
    const ret = getMethod(this.i, 'return');
    if (ret === undefined) return;
    iterResult(ret.call(this.i));
  }
  /** IteratorClose after a throw: what return() does is ignored, the throw goes on. */
  closeQuiet(): void {
    if (this.d) return;
    try {
      const ret = (this.i as AnyIterator).return;
      if (ret !== undefined && ret !== null) (ret as Method).call(this.i);
    } catch {
      // The loop's own exception is rethrown after this.
    }
  }
}

// The builtin next() of array iterators (and of typed arrays' and arguments'), and their record:
// it calls the iterator's next() as a method, which V8 inlines (through `n.call(i)` it did not, and
// a for-of over an array in an async function took ~10% longer). Each step looks `next` up again,
// which finds the method read at the start (checked there) unless a program redefines
// %ArrayIteratorPrototype%.next while a loop runs, or made it a getter that returns the builtin.
const arrayIteratorNext = Object.getPrototypeOf([][Symbol.iterator]()).next;
class ArrayIter extends SyncIter {
  override next(): IteratorResult<unknown> {
    return (this.i as Iterator<unknown>).next();
  }
}

/**
 * GetIterator(obj, sync) for emitted code (protocol `iter`). `text` is the source as V8 prints it
 * in a for-of's message (`xs is not iterable`); without it (a pattern) the message names the
 * value, as V8's does for most patterns.
 */
export function iteratorOf(obj: unknown, text?: string): SyncIter {
  const m = obj === null || obj === undefined ? undefined : (obj as Record<symbol, unknown>)[Symbol.iterator];
  if (typeof m !== 'function') {
    throw new TypeError(text !== undefined ? `${text} is not iterable` : `${valueText(obj)} is not iterable (cannot read property Symbol(Symbol.iterator))`);
  }
  const it = (m as Method).call(obj);
  if (!isObject(it)) throw new TypeError('Result of the Symbol.iterator method is not an object');
  const n = (it as AnyIterator).next;
  return n === arrayIteratorNext ? new ArrayIter(it, n) : new SyncIter(it, n);
}

/** The iterator record of a `for await` loop or a `yield*` (protocol `ai`). */
export class AsyncIter {
  /** The async iterator (for a sync iterable, an AsyncFromSync wrapper). */
  readonly i: object;
  /** Its `next`, read once. */
  readonly n: unknown;
  constructor(i: object, n: unknown) {
    this.i = i;
    this.n = n;
  }
  /** `for await`'s step: next() with no argument; the loop awaits the result and checks it (`ir`). */
  next(): unknown {
    const n = this.n;
    if (typeof n !== 'function') throw notCallable(n);
    return n.call(this.i);
  }
  /** `yield*`'s step: next(v), v being what the generator was resumed with. */
  send(v: unknown): unknown {
    const n = this.n;
    if (typeof n !== 'function') throw notCallable(n);
    return n.call(this.i, v);
  }
}

// Compiled async generators: asyncgen.ts (which imports this module) registers AsyncGen's own
// next() and a record for generators whose next is that method, which makes each request itself
// (a GenStep, what that next() makes): a call V8 inlines, where `n.call(i)` through a field is not.
let generatorNext: unknown = null;
let generatorRecord: ((it: object) => AsyncIter) | null = null;

/** @internal Called once by asyncgen.ts (see above). */
export function setGeneratorRecord(next: unknown, record: (it: object) => AsyncIter): void {
  generatorNext = next;
  generatorRecord = record;
}

/**
 * An iterator result as the protocol checks it: `r` if it is an object, else V8's TypeError. Also
 * protocol `ir`: what a `for await` awaited from next().
 */
export function iterResult(r: unknown): IteratorResult<unknown> {
  if (!isObject(r)) throw notObject(r);
  return r as IteratorResult<unknown>;
}

/**
 * GetIterator(obj, async) (protocol `ai`): `[Symbol.asyncIterator]()`, else the sync iterator
 * wrapped so that each value is awaited (CreateAsyncFromSyncIterator). `text` is the for-await's
 * source as V8 prints it (`xs is not async iterable`); `yield*` gives none and gets V8's messages
 * for it, which name the method instead.
 */
export function asyncIteratorOf(obj: unknown, text?: string): AsyncIter {
  const notIterable = (m: unknown): TypeError => new TypeError(text !== undefined ? `${text} is not async iterable` : `${valueText(m)} is not a function`);
  if (obj === null || obj === undefined) throw notIterable(undefined);
  const o = obj as Record<symbol, unknown>;
  const am = o[Symbol.asyncIterator];
  if (am === undefined || am === null) {
    const sm = o[Symbol.iterator];
    if (typeof sm !== 'function') throw notIterable(sm);
    const it = (sm as Method).call(obj);
    if (!isObject(it)) throw new TypeError('Result of the Symbol.iterator method is not an object');
    const w = new AsyncFromSync(it, (it as AnyIterator).next);
    return new AsyncIter(w, w.next);
  }
  if (typeof am !== 'function') throw notIterable(am);
  const it = (am as Method).call(obj);
  if (!isObject(it)) throw new TypeError('Result of the Symbol.asyncIterator method is not an object');
  const n = (it as AnyIterator).next;
  return n === generatorNext && generatorRecord !== null ? generatorRecord(it) : new AsyncIter(it, n);
}

/**
 * A sync iterator seen as an async one (%AsyncFromSyncIteratorPrototype%): each result's value is
 * awaited, as V8 does in Node 20 (which does not yet close the sync iterator when that await
 * rejects, nor when it has no throw()). Its methods pass on their argument only when they were
 * given one, as the spec does.
 */
class AsyncFromSync {
  private readonly s: object;
  private readonly sn: unknown;
  constructor(s: object, sn: unknown) {
    this.s = s;
    this.sn = sn;
  }
  next(...args: unknown[]): unknown {
    return continuation(iterResult(callableMethod(this.sn).apply(this.s, args)), 'next');
  }
  return(...args: unknown[]): unknown {
    const ret = getMethod(this.s, 'return');
    if (ret === undefined) return { value: args[0], done: true };
    return continuation(iterResult(ret.apply(this.s, args)), 'return');
  }
  // Without a sync throw() the error is thrown as it is: V8 in Node 20 follows the spec before
  // ES2025, which closes the sync iterator and throws TypeError instead.
  throw(...args: unknown[]): unknown {
    const th = getMethod(this.s, 'throw');
    if (th === undefined) throw args[0];
    return continuation(iterResult(th.apply(this.s, args)), 'throw');
  }
}

/** AsyncFromSyncIteratorContinuation: `{ value: await r.value, done }`, done read first. */
function continuation(r: IteratorResult<unknown>, op: string): Promise<IteratorResult<unknown>> {
  const done = !!r.done;
  return coro(awaitedResult(r.value, done), op);
}

function* awaitedResult(value: unknown, done: boolean): Generator<unknown, IteratorResult<unknown>, unknown> {
  return { value: yield value, done };
}

/**
 * What `for await` awaits when it is left early: the iterator's return(), awaited. After a throw
 * (`quiet`) errors from return() are ignored and the original error wins; otherwise a non-object
 * result is a TypeError, as in AsyncIteratorClose.
 */
export function asyncIteratorClose(rec: AsyncIter, quiet: boolean): Promise<void> {
  return coro(closeSteps(rec.i, quiet), 'aclose');
}

/** AsyncIteratorClose(it) as generator steps (yield = await); `yield*`-able from other steps. */
export function* closeSteps(it: object, quiet: boolean): Generator<unknown, void, unknown> {
  if (quiet) {
    try {
      const ret = (it as AnyIterator).return;
      if (ret !== undefined && ret !== null) yield (ret as Method).call(it);
    } catch {
      // The loop's own exception is rethrown after this.
    }
    return;
  }
  const ret = getMethod(it, 'return');
  if (ret === undefined) return;
  iterResult(yield ret.call(it));
}
