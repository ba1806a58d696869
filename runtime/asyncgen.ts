// Async generators: what a compiled `async function*` returns. Takes a generator frame built by
// emitted code (a frame class made an AsyncGen by `defg`, or a closure-step `Cg`); produces the
// generator object itself (the frame is the object: no wrapper), whose next/throw/return give a
// coroutine (GenStep) that resumes the frame in the task that awaits it, as Python's `__anext__`
// is awaited in the caller's task. Native code awaits those coroutines like any other (`then`
// schedules them as a Task), so `for await` works from both sides.
//
// The frame's step protocol extends the coroutine one (protocol.ts): $step(2, v) resumes a frame
// suspended at a `yield` with a return completion (`g.return(v)`): the lowered yield awaits v and
// returns through the enclosing finally blocks. A `yield x` returns the YIELD sentinel from $step
// after storing the (awaited) x in $y; any other return is the generator's completion.
import { Coroutine, Frame, STEP_FRAME, SUSPEND, Where, awaitValue, definePositions, drv } from './coroutine';
import { EventLoop, _getActiveLoop, _setAsyncgenCloser } from './loop';
import { CancelledError, RuntimeError } from './errors';
import { ensureFuture, gather } from './combinators';
import { FutureState } from './future';
import { coro } from './genframe';
import { AsyncIter, closeSteps, getMethod, iterResult, setGeneratorRecord } from './iteration';
import { objectArray } from './elements';

/** Returned by a generator frame's $step at a `yield` (its value is in $y); never a user value. */
const YIELD: unique symbol = Symbol('tscoro.yield') as any;

/** A generator frame's state ($gs); undefined before the first next(). */
export const enum GenState {
  Suspended = 1, // parked at a yield
  Running = 2, // a GenStep is driving it (possibly suspended on an await)
  Done = 3,
}

/** The fields a generator frame carries besides a frame's (emitted code initialises them). */
export interface GenFrame extends Frame {
  /** The value of the pending `yield` (cleared once handed out). */
  $y: unknown;
  /** GenState, or undefined before the first step. */
  $gs: GenState | undefined;
}

type Mode = 0 | 1 | 2;
const OPS = ['anext', 'athrow', 'aclose'];

/**
 * The coroutine of one next()/throw()/return() request: resumes the generator frame inline (it
 * runs in the awaiting task until it yields, returns or throws; its awaits suspend that task) and
 * returns the iterator result `{ value, done }`. Requests do not queue: one made while the
 * generator runs throws RuntimeError, as Python's `anext(): asynchronous generator is already
 * running` (native async generators queue them).
 */
export class GenStep {
  /** @internal */ readonly _g: GenFrame;
  /** @internal */ readonly _mode: Mode;
  /** @internal */ readonly _arg: unknown;
  $s: number;
  $p: Frame | null | undefined;
  // Flat, as SleepFrame (one per request), and its own fields first: in debug mode the `$p`
  // store below already reads the name, which needs _g.
  constructor(g: GenFrame, mode: Mode, arg: unknown) {
    this._g = g;
    this._mode = mode;
    this._arg = arg;
    this.$s = 0;
    this.$p = undefined;
  }
  $step(m: 0 | 1, v: unknown): unknown {
    const g = this._g;
    if (this.$s === 0) {
      this.$s = 1;
      if (m) throw v;
      const mode = this._mode;
      const st = g.$gs;
      if (st === GenState.Running) throw new RuntimeError(`${OPS[mode]}(): asynchronous generator is already running`);
      if (st === GenState.Done || (st === undefined && mode !== 0)) {
        // Not started or finished: next() is done, throw() throws, return() awaits its value.
        g.$gs = GenState.Done;
        if (mode === 0) return { value: undefined, done: true };
        if (mode === 1) throw this._arg;
        this.$s = 2;
        const r = awaitValue(this, this._arg);
        return r === SUSPEND ? r : { value: r, done: true };
      }
      if (st === undefined) firstIter(g);
      g.$gs = GenState.Running;
      g.$p = this;
      let r: unknown;
      try {
        r = (g.$step as (m: Mode, v: unknown) => unknown)(mode, this._arg);
      } catch (err) {
        g.$gs = GenState.Done;
        throw err;
      }
      return r === SUSPEND ? r : outcome(g, r);
    }
    if (this.$s === 2) {
      // return() on a generator that was not suspended at a yield: its awaited value.
      if (m) throw v;
      return { value: v, done: true };
    }
    // The frame suspended on an await meanwhile; the task hands back how its step ended.
    if (m) {
      g.$gs = GenState.Done;
      throw v;
    }
    return outcome(g, v);
  }
}
export interface GenStep extends Coroutine<IteratorResult<unknown>> {}
Object.setPrototypeOf(GenStep.prototype, Coroutine.prototype);
Object.defineProperty(GenStep.prototype, STEP_FRAME, { value: true });
Object.defineProperty(GenStep.prototype, '$name', {
  get(this: GenStep): string {
    return `${OPS[this._mode]}(${(this._g as unknown as Coroutine).$name})`;
  },
});

/** What a generator frame's step returned: a yield or its completion. */
function outcome(g: GenFrame, r: unknown): IteratorResult<unknown> {
  if (r === YIELD) {
    g.$gs = GenState.Suspended;
    const value = g.$y;
    g.$y = undefined;
    return { value, done: false };
  }
  g.$gs = GenState.Done;
  return { value: r, done: true };
}

// asyncio's firstiter hook: a generator started in a loop's task (or while a loop runs) joins that
// loop's list of generators to close at shutdown (loop.shutdownAsyncgens()). Not the default loop
// that drives native awaits outside run(): it never shuts down. The finished ones are dropped in
// bulk when the list has doubled (CPython's weak set keeps them until collected; closing a finished
// generator does nothing).
function firstIter(g: GenFrame): void {
  const t = drv.task;
  const loop = t !== null ? t._loop : _getActiveLoop();
  if (loop === null || loop._closed || loop._forever) return;
  const gens = (loop._asyncgens ??= objectArray()); // made once per loop: see elements.ts
  gens.push(g as unknown as AsyncGenerator<unknown>);
  if (gens.length > loop._asyncgenLimit) {
    const live = liveGenerators(gens);
    loop._asyncgens = live;
    loop._asyncgenLimit = 2 * live.length + 64;
  }
}

function liveGenerators(gens: AsyncGenerator<unknown>[]): AsyncGenerator<unknown>[] {
  return gens.filter((g) => (g as unknown as GenFrame).$gs !== GenState.Done);
}

/**
 * asyncio's BaseEventLoop.shutdown_asyncgens, the body of EventLoop.shutdownAsyncgens(): close the
 * generators left started (the list empties first, so one started meanwhile waits for a later
 * call), concurrently through gather, and report the ones whose closing failed. As in CPython a
 * CancelledError is not reported (it is no Exception there).
 */
function* shutdownAsyncgensBody(loop: EventLoop): Generator<unknown, void, unknown> {
  const gens = loop._asyncgens;
  if (gens === null) return;
  const closing = liveGenerators(gens);
  loop._asyncgens = null;
  loop._asyncgenLimit = 64;
  if (closing.length === 0) return;
  const closers = closing.map((g) => ensureFuture(g.return(undefined), loop));
  yield gather(closers, { returnExceptions: true });
  for (let i = 0; i < closing.length; i++) {
    const f = closers[i];
    if (f._state !== FutureState.Failed) continue;
    const exc = f.exception();
    if (exc instanceof CancelledError) continue;
    loop.callExceptionHandler({
      message: `an error occurred during closing of asynchronous generator ${String(closing[i])}`,
      exception: exc,
      asyncgen: closing[i],
    });
  }
}
_setAsyncgenCloser((loop) => coro(shutdownAsyncgensBody(loop), 'shutdown_asyncgens'));

/**
 * The prototype of compiled async generator objects (after each function's frame class). Methods
 * are typed as AsyncGenerator's; each returns a coroutine.
 */
export class AsyncGen {
  declare $s: number;
  declare $p: Frame | null | undefined;
  declare $y: unknown;
  declare $gs: GenState | undefined;
  declare $name: string;
  /** Resumes the generator with `value` (the pending yield's result). */
  next(value?: unknown): Promise<IteratorResult<unknown>> {
    return new GenStep(this as unknown as GenFrame, 0, value) as unknown as Promise<IteratorResult<unknown>>;
  }
  /** Throws `error` at the pending yield (or, before the first next() or after the end, here). */
  throw(error?: unknown): Promise<IteratorResult<unknown>> {
    return new GenStep(this as unknown as GenFrame, 1, error) as unknown as Promise<IteratorResult<unknown>>;
  }
  /** Returns from the pending yield, running the generator's finally blocks. */
  return(value?: unknown): Promise<IteratorResult<unknown>> {
    return new GenStep(this as unknown as GenFrame, 2, value) as unknown as Promise<IteratorResult<unknown>>;
  }
  [Symbol.asyncIterator](): this {
    return this;
  }
  toString(): string {
    return `<async_generator object ${this.$name}>`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Object [AsyncGenerator] {}`;
  }
}
Object.defineProperty(AsyncGen.prototype, Symbol.toStringTag, { value: 'AsyncGenerator' });
Object.defineProperty(AsyncGen.prototype, '$name', { value: 'async_generator', writable: true });

/**
 * The iterator record of a compiled generator whose `next` is AsyncGen's own (iteration.ts): its
 * steps make the GenStep that next() makes, without calling through the record's field.
 */
class GeneratorIter extends AsyncIter {
  override next(): unknown {
    return new GenStep(this.i as GenFrame, 0, undefined);
  }
  override send(v: unknown): unknown {
    return new GenStep(this.i as GenFrame, 0, v);
  }
}
setGeneratorRecord(AsyncGen.prototype.next, (it) => new GeneratorIter(it, AsyncGen.prototype.next));

/** Emitted once per compiled async generator function: makes its frame class an AsyncGen named `name`. */
export function defineAsyncGenerator(cls: { prototype: object }, name: string, file?: string, table?: string): void {
  Object.setPrototypeOf(cls.prototype, AsyncGen.prototype);
  Object.defineProperty(cls.prototype, '$name', { value: name });
  definePositions(cls, file, table);
}

/**
 * The frame of an async generator that captures locals of an enclosing function (as ClosureFrame
 * for coroutines): its step is a closure, locals are fields added by the wrapper.
 */
export class ClosureGenFrame {
  $s: number;
  $p: Frame | null | undefined;
  $y: unknown;
  $gs: GenState | undefined;
  /** Where the generator's awaits are (coroutine.ts Where), or undefined. */
  $at: Where | undefined;
  constructor(
    readonly $fn: (this: ClosureGenFrame, m: Mode, v: unknown) => unknown,
    name: string,
    at?: Where,
  ) {
    this.$s = 0;
    this.$p = undefined;
    this.$y = undefined;
    this.$gs = undefined;
    this.$at = at;
    this.$name = name;
  }
  $step(m: Mode, v: unknown): unknown {
    return this.$fn(m, v);
  }
}
export interface ClosureGenFrame extends AsyncGen {}
Object.setPrototypeOf(ClosureGenFrame.prototype, AsyncGen.prototype);

/**
 * What one step of `yield*` awaits when the delegation ends the generator with a return (the
 * returned value is then in the frame's $y). Never an iterator result of user code.
 */
const DELEGATE_RETURN: IteratorResult<unknown> = Object.freeze({ done: true, value: undefined });

/**
 * One step of `yield* inner` in an async generator (protocol `ydel`): forwards what resumed the
 * generator (mode 0 next(v), 1 throw(v), 2 return(v)) to the inner async iterator and returns its
 * result object, awaited; the lowered code yields its value or, once done, takes it as the value of
 * the `yield*`. A return that ends the delegation returns DELEGATE_RETURN with the value in
 * `frame.$y`. As the engine does: a returned value is awaited (an error there goes to the inner
 * throw()), an inner iterator without throw() is closed and TypeError thrown, one without
 * return() lets the generator return at once, a result that is no object is a TypeError.
 */
export function yieldDelegate(frame: GenFrame, it: AsyncIter, mode: Mode, v: unknown): Promise<IteratorResult<unknown>> {
  return coro(delegateStep(frame, it, mode, v), 'yield*');
}

// The spec's yield* loop for one request: next is the record's (read once), throw and return are
// read when used; each result is awaited and must be an object.
function* delegateStep(frame: GenFrame, rec: AsyncIter, mode: Mode, v: unknown): Generator<unknown, IteratorResult<unknown>, unknown> {
  if (mode === 2) {
    try {
      v = yield v;
    } catch (err) {
      mode = 1;
      v = err;
    }
  }
  const it = rec.i;
  let r: unknown;
  if (mode === 0) r = yield rec.send(v);
  else if (mode === 1) {
    const th = getMethod(it, 'throw');
    if (th === undefined) {
      // No throw(): the inner iterator is closed (its errors surface), then the delegation fails.
      yield* closeSteps(it, false);
      throw new TypeError("The iterator does not provide a 'throw' method.");
    }
    r = yield th.call(it, v);
  } else {
    const ret = getMethod(it, 'return');
    if (ret === undefined) {
      frame.$y = yield v;
      return DELEGATE_RETURN;
    }
    const rr = iterResult(yield ret.call(it, v));
    if (rr.done) {
      frame.$y = yield rr.value;
      return DELEGATE_RETURN;
    }
    // Not done: the lowered loop reads done and value of what this returns; done was read here.
    return { done: false, value: rr.value };
  }
  return iterResult(r);
}

// Exported by name, not `export const`, for the reason at the end of coroutine.ts.
export { YIELD, DELEGATE_RETURN };
