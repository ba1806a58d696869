// The event loop: a FIFO ready queue run in passes and a heap of timer buckets, on a real or virtual clock.
// Takes callbacks (Handles, Tasks, done-callbacks) and runs them in asyncio's order:
//   - each pass runs a snapshot of the ready queue; what a callback schedules runs in the next pass;
//   - before running the snapshot, a pass moves every timer due within CLOCK_RESOLUTION of now to the
//     back of the ready queue, ordered by (deadline, insertion order): timers sit in TimerBuckets
//     (one per deadline on the virtual clock, one per timer on the real clock) in a heap;
//   - the virtual clock jumps to the earliest deadline when nothing is ready and no task waits on a
//     native promise; the real clock waits for it with the host's setTimeout (never spins).
// Strict FIFO is a decision, not an accident (trio randomises on purpose; asyncio does not): the
// paired programs in pairs/ pin it against CPython.

/** asyncio's BaseEventLoop._clock_resolution (time.get_clock_info('monotonic').resolution on Linux). */
const CLOCK_RESOLUTION = 1e-9;

import { RuntimeError } from './errors';
import { debugFlags, printContext } from './warnings';
import { objectArray, objectSlots } from './elements';

export type ClockKind = 'real' | 'virtual';

/** Something the ready queue can run: a Task (its wakeup) or a Handle. */
export interface Runnable {
  _run(arg: unknown): void;
}
type ReadyTarget = Runnable | ((arg: any) => void);

/** The clock used when `run()` or the default loop gets no `clock` option. */
export function defaultClock(): ClockKind {
  const env = typeof process !== 'undefined' && process.env ? process.env.TSCORO_CLOCK : undefined;
  return env === 'virtual' ? 'virtual' : 'real';
}

/** Arguments of handles that take none (sleep timers, cancelled handles): shared, never written. */
const NO_ARGS: unknown[] = [];

/** A callback scheduled with callSoon (asyncio.Handle). */
export class Handle implements Runnable {
  /** @internal */ _cancelled = false;
  constructor(
    /** @internal */ public _fn: ((...args: any[]) => unknown) | null,
    /** @internal */ public _args: unknown[],
    /** @internal */ public _loop: EventLoop,
  ) {}
  /** Prevents the callback from running; does nothing if it already ran. */
  cancel(): void {
    this._cancelled = true;
    this._fn = null;
    this._args = NO_ARGS;
  }
  /** True once cancel() was called. */
  cancelled(): boolean {
    return this._cancelled;
  }
  /** @internal */
  _run(): void {
    if (this._cancelled) return;
    const fn = this._fn;
    if (fn !== null) fn(...this._args);
  }
  toString(): string {
    return `<${this.constructor.name}${this._cancelled ? ' cancelled' : ''}>`;
  }
}

/**
 * Timers due at one deadline, in the order they were scheduled: TimerHandles (callLater) and
 * sleeping Tasks (a sleep needs no handle of its own). On the virtual clock the loop puts every
 * timer of a deadline in one bucket (a Map finds it), so a timer whose deadline is already known
 * costs an array push instead of a heap insertion; on the real clock deadlines hardly ever repeat,
 * so each timer gets a bucket of its own and no Map is kept.
 * Invariant: entry 0 is _first, entry i > 0 is _rest[i - 1]; a cancelled entry is null; `_live`
 * counts the entries that are not; `_fired` is set when the loop takes the bucket off the heap
 * (its entries then sit in the ready queue). Buckets are ordered by (_when, _seq).
 */
export class TimerBucket {
  /** @internal */ _first: Runnable | null;
  /** @internal */ _rest: (Runnable | null)[] | null = null;
  /** @internal Number of entries, cancelled ones included. */ _size = 1;
  /** @internal */ _live = 1;
  /** @internal */ _fired = false;
  constructor(
    /** @internal */ readonly _when: number,
    /** @internal Creation order: ties on _when (two buckets of one deadline) keep it. */ readonly _seq: number,
    first: Runnable,
  ) {
    this._first = first;
  }
  /** @internal Appends an entry; returns its index. */
  _add(item: Runnable): number {
    // A literal of one: `[]` then push would reserve 17 slots for a bucket that mostly holds two.
    if (this._rest === null) this._rest = [item];
    else this._rest.push(item);
    this._live++;
    return this._size++;
  }
  /**
   * @internal A sleeping task gave up its entry (it was cancelled): the entry stays, stale, and the
   * task ignores its wake-up (Task._run); only the count of live entries drops, so a bucket of
   * cancelled sleeps is skipped whole. No index kept per sleeping task.
   */
  _forget(): void {
    if (!this._fired) this._live--;
  }
  /** @internal Cancels entry `i` if the bucket has not fired; returns whether it did. */
  _remove(i: number): boolean {
    if (this._fired) return false;
    if (i === 0) {
      if (this._first === null) return false;
      this._first = null;
    } else {
      const rest = this._rest!;
      if (rest[i - 1] === null) return false;
      rest[i - 1] = null;
    }
    this._live--;
    return true;
  }
}

/** The timer heap's order: by deadline, then by creation. */
function earlier(a: TimerBucket, b: TimerBucket): boolean {
  return a._when < b._when || (a._when === b._when && a._seq < b._seq);
}

/** A callback scheduled for a deadline (asyncio.TimerHandle). */
export class TimerHandle extends Handle {
  /** @internal */ _fired = false;
  /** @internal The bucket holding this timer and its index there, until the timer is due. */
  _bucket: TimerBucket | null = null;
  /** @internal */ _index = 0;
  constructor(
    /** Deadline in the loop's time(). */ public readonly _when: number,
    fn: ((...args: any[]) => unknown) | null,
    args: unknown[],
    loop: EventLoop,
  ) {
    super(fn, args, loop);
  }
  /** @internal Runs the callback (the loop moved it to the ready queue when it was due). */
  override _run(): void {
    if (this._cancelled) return;
    this._fired = true;
    super._run();
  }
  /** The deadline, in seconds of the loop's clock. */
  when(): number {
    return this._when;
  }
  override cancel(): void {
    if (!this._cancelled && this._bucket !== null) this._bucket._remove(this._index);
    this._bucket = null;
    super.cancel();
  }
}

/**
 * What a task woken by a timer touches first when it runs: the frame it resumes (the one that
 * awaited the sleep) and, as it finishes, its neighbours in the pending list, which it unlinks.
 * `_warmTask` is true on Task.prototype only (a brand: loop.ts does not import task.ts).
 */
interface WarmTask extends Linked {
  _warmTask?: true;
  _top: { $s: number };
  _state: number;
}
// What warmQueued loaded, summed; never read: a property store, which neither V8 nor a
// minifier drops, keeps the loads.
const warmSink = { sum: 0 };

/**
 * Loads, for the `k` callbacks queued from (block `b`, slot `i`) on, the objects that those that are
 * tasks will touch when they run (see WarmTask), in a tight loop. `_runOnce` calls it on the tasks
 * that the timers due in a pass have queued. Tasks woken by timers were made long before and in
 * another order than they wake, so these objects are not in the CPU cache: run one after another,
 * each step waits for its misses after the previous step is done, while here the loads do not
 * depend on each other and the CPU fetches them in parallel. W4 (100,000 timers, virtual clock):
 * 67-75 -> 50-55 ms steady, in alternating runs.
 */
function warmQueued(b: unknown[], i: number, k: number): void {
  let x = 0;
  for (; k > 0; k--, i += 2) {
    if (i === RQ_NEXT) {
      b = b[RQ_NEXT] as unknown[];
      i = 0;
    }
    const t = b[i] as WarmTask;
    if (t._warmTask === true) {
      const p = t._prevTask as WarmTask | null;
      const n = t._nextTask as WarmTask | null;
      x += t._top.$s + (p === null ? 0 : p._state) + (n === null ? 0 : n._state);
    }
  }
  warmSink.sum = x;
}

/** A Task as the loop's list of pending tasks links it (fields on the Task itself). */
interface Linked {
  _prevTask: Linked | null;
  _nextTask: Linked | null;
}

/**
 * The pending tasks of a loop (allTasks()), in creation order: a doubly linked list through fields
 * of the tasks, so that adding a task and removing a finished one cost two pointer writes and no
 * hashing (a Set costs a hash-table insert and delete per task: measurable at 100,000 tasks).
 * Invariant: a task is in the list iff its _prevTask is set or it is the head.
 */
export class TaskList<T extends Linked> implements Iterable<T> {
  /** @internal */ _head: T | null = null;
  /** @internal */ _tail: T | null = null;
  /** Number of tasks in the list. */ size = 0;
  /** Appends `t` (not in the list). */
  add(t: T): void {
    t._prevTask = this._tail;
    t._nextTask = null;
    if (this._tail === null) this._head = t;
    else this._tail._nextTask = t;
    this._tail = t;
    this.size++;
  }
  /** Removes `t` if it is in the list. */
  delete(t: T): void {
    const p = t._prevTask as T | null;
    const n = t._nextTask as T | null;
    if (p === null && this._head !== t) return;
    if (p === null) this._head = n;
    else p._nextTask = n;
    if (n === null) this._tail = p;
    else n._prevTask = p;
    t._prevTask = t._nextTask = null;
    this.size--;
  }
  *[Symbol.iterator](): Iterator<T> {
    for (let t = this._head; t !== null; t = t._nextTask as T | null) yield t;
  }
}

// Invariant: at most one loop is "active" (between run() start and settle, or during a pass of the
// default loop); it is what getRunningLoop(), new Future() and createTask() bind to.
let activeLoop: EventLoop | null = null;
let defaultLoop: EventLoop | null = null;

/** @internal */
export function _getActiveLoop(): EventLoop | null {
  return activeLoop;
}
/** @internal */
export function _setActiveLoop(loop: EventLoop | null): void {
  activeLoop = loop;
}
/** @internal The loop the host drives in the background, for native `await coro` outside run(). */
export function _getDefaultLoop(): EventLoop {
  if (defaultLoop === null || defaultLoop._closed) {
    defaultLoop = new EventLoop(defaultClock());
    defaultLoop._forever = true;
  }
  return defaultLoop;
}
/** @internal The active loop, or the default loop when none is active. */
export function _loopForNewWork(): EventLoop {
  return activeLoop ?? _getDefaultLoop();
}

export interface ExceptionContext {
  message: string;
  exception?: unknown;
  [key: string]: unknown;
}
export type ExceptionHandler = (loop: EventLoop, context: ExceptionContext) => void;

/**
 * Makes the Task for `loop.createTask()` / `createTask()` (asyncio's task factory). The loop sets
 * the task's name afterwards when one was given, as asyncio 3.12 does.
 */
export type TaskFactory = (loop: EventLoop, coro: PromiseLike<unknown>) => import('./task').Task<any>;

const hostSetImmediate: (fn: () => void) => unknown =
  typeof setImmediate === 'function' ? setImmediate : (fn) => setTimeout(fn, 0);

const perfNow: () => number =
  typeof performance !== 'undefined' ? () => performance.now() : () => Date.now();

// future.ts and task.ts import this module, and Task extends Future, so this module cannot import
// them back: whichever of them loaded first would find the other's class still undefined. Each
// hands its class over when it loads (index.ts and protocol.ts load both). Not `require()` on
// first use: a bundler then wraps every module of the cycle in a lazy initialiser it cannot
// tree-shake.
let FutureClass: typeof import('./future').Future | null = null;
let TaskClass: typeof import('./task').Task | null = null;
/** @internal Called once by future.ts and by task.ts as they load. */
export function _provideClasses(
  future: typeof import('./future').Future | null,
  task: typeof import('./task').Task | null,
): void {
  FutureClass ??= future;
  TaskClass ??= task;
}

// The body of EventLoop.shutdownAsyncgens(): asyncgen.ts's, or index.ts's stand-in that returns at
// once while no compiled generator exists (so that the core bundle leaves asyncgen.ts out).
let asyncgenCloser: ((loop: EventLoop) => Promise<void>) | null = null;
/** @internal Sets the body; a `fallback` does not replace one already set. */
export function _setAsyncgenCloser(fn: (loop: EventLoop) => Promise<void>, fallback = false): void {
  if (!fallback || asyncgenCloser === null) asyncgenCloser = fn;
}

// Pairs per ready-queue block; slot RQ_NEXT (after the pairs) links the next block.
const RQ_BLOCK = 512;
const RQ_NEXT = RQ_BLOCK * 2;
function newBlock(): unknown[] {
  return objectSlots(RQ_NEXT + 1);
}

/**
 * An asyncio event loop. Create one with `run()` (or `Runner`); user code reaches it through
 * `getRunningLoop()`. Time is in seconds: `time()` starts at 0 on a virtual clock.
 */
export class EventLoop {
  // Ready queue: a chain of blocks of RQ_BLOCK (target, arg) pairs, as CPython's deque is a chain
  // of 64-item blocks. A burst of 100,000 wake-ups adds blocks (no copying, no large array) and
  // each block is dropped as soon as the loop has run past it. Slot RQ_NEXT of a block links the
  // next one. Invariant: the _count pairs lie from (_rqHead, _rqHi) to (_rqTail, _rqTi), in order;
  // _rqHi === RQ_NEXT only while more pairs follow in a next block (an emptied queue restarts at 0).
  /** @internal */ _rqHead: unknown[] = newBlock();
  /** @internal */ _rqHi = 0;
  /** @internal */ _rqTail: unknown[] = this._rqHead;
  /** @internal */ _rqTi = 0;
  /** @internal A drained block kept for the next one needed (steady state allocates none). */
  _rqSpare: unknown[] | null = null;
  /** @internal */ _count = 0;
  // Timers: a binary min-heap of TimerBuckets ordered by (_when, _seq) and, on the virtual clock,
  // a Map from deadline to its bucket. Invariant: the Map holds exactly the unfired buckets of
  // the heap; buckets whose entries were all cancelled stay until they reach the top (lazy).
  /** @internal */ readonly _timers: TimerBucket[] = objectArray();
  /** @internal */ _buckets: Map<number, TimerBucket> | null = null;
  /** @internal */ _bucketSeq = 0;
  /** @internal The bucket the last timer went to (timers often share a deadline in a row). */
  _lastBucket: TimerBucket | null = null;
  /**
   * @internal The virtual clock's time, in seconds. Invariant: V8 keeps this field as a double from
   * the first loop on (see the constructor).
   */
  _vnow = 0;
  /** @internal */ readonly _t0 = perfNow();
  // Native promises some task awaits: while > 0 the virtual clock must not jump.
  /** @internal */ _nativeWaits = 0;
  /** @internal */ _stopping = false;
  /** @internal */ _running = false;
  /** @internal */ _closed = false;
  /** @internal True for the default loop: it never stops, it idles. */ _forever = false;
  /** @internal Called when a stop() takes effect at the end of a pass. */ _onStop: (() => void) | null = null;
  /** @internal */ _wakeScheduled = false;
  /** @internal */ _hostTimer: ReturnType<typeof setTimeout> | null = null;
  /** @internal */ _hostTimerWhen = Infinity;
  /** @internal Tasks of this loop that are not done (allTasks()). */ readonly _tasks = new TaskList<any>();
  /** @internal */ _taskCounter = 0;
  /**
   * @internal Async generators first iterated in one of this loop's tasks (asyncio's _asyncgens,
   * through the firstiter hook; see asyncgen.ts), in that order. Strong references, not weak ones:
   * shutdownAsyncgens() closes each generator left suspended, deterministically, where CPython may
   * already have closed it when it was garbage-collected. Invariant: every started generator that
   * has not finished is here; finished ones are dropped in bulk once the array passes
   * _asyncgenLimit, which is then twice the survivors (amortised O(1) per generator, instead of a
   * Set insertion and deletion each: +120 ns per short `for await`). Made on first use.
   */
  _asyncgens: AsyncGenerator<unknown, unknown, unknown>[] | null = null;
  /** @internal */ _asyncgenLimit = 64;
  /** @internal */ _exceptionHandler: ExceptionHandler | null = null;
  /** @internal */ _taskFactory: TaskFactory | null = null;
  /**
   * Debug mode (asyncio's loop.set_debug; default TSCORO_DEBUG=1): warns about steps slower than
   * slowCallbackDuration and records where each Task was created for the warnings about it.
   */
  debug = debugFlags.env;
  /** Seconds a single callback may run before debug mode warns (asyncio's slow_callback_duration). */
  slowCallbackDuration = 0.1;

  constructor(readonly clock: ClockKind = defaultClock()) {
    // A fraction first, then 0. Started at 0 alone, the field would be a small integer until the
    // first fractional deadline made it a double: a new hidden class for every loop, made in the
    // middle of the first run, so that code optimised for the loops of that run deoptimised on
    // the next loop's first use ("wrong map", seen at the start of the bench's cold W4 run).
    this._vnow = 0.5;
    this._vnow = 0;
  }

  /** The loop's current time in seconds (virtual: starts at 0 and jumps; real: monotonic). */
  time(): number {
    return this.clock === 'virtual' ? this._vnow : (perfNow() - this._t0) / 1000;
  }

  /** Schedules `fn(...args)` for the next pass, after everything already scheduled (FIFO). */
  callSoon<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): Handle {
    this._checkClosed();
    const h = new Handle(fn as (...a: unknown[]) => unknown, args, this);
    this._push(h, undefined);
    return h;
  }

  /** Schedules `fn(...args)` after `delay` seconds; ties run in the order they were scheduled. */
  callLater<A extends unknown[]>(delay: number, fn: (...args: A) => unknown, ...args: A): TimerHandle {
    return this.callAt(this.time() + delay, fn, ...args);
  }

  /** Schedules `fn(...args)` at loop time `when` (seconds). */
  callAt<A extends unknown[]>(when: number, fn: (...args: A) => unknown, ...args: A): TimerHandle {
    this._checkClosed();
    const t = new TimerHandle(when, fn as (...a: unknown[]) => unknown, args, this);
    t._index = this._addTimer(when, t);
    t._bucket = this._lastBucket;
    return t;
  }

  /** Creates a Future bound to this loop. */
  createFuture<T>(): import('./future').Future<T> {
    return new FutureClass!<T>(this);
  }

  /**
   * Creates a Task on this loop (asyncio's loop.create_task): through the task factory when one is
   * set (then `name` is applied afterwards), directly when there is none or `eager` is given.
   */
  createTask<T>(coro: PromiseLike<T>, options?: { name?: string; eager?: boolean }): import('./task').Task<T> {
    // (No `= {}` default: that would allocate an object on every task's path.)
    const factory = this._taskFactory;
    const name = options?.name;
    const eager = options?.eager;
    if (factory === null || eager !== undefined) {
      return new TaskClass!<T>(coro, this, name, eager === true);
    }
    const task = factory(this, coro);
    if (name !== undefined) task.setName(name);
    return task;
  }

  /** Sets the factory createTask() uses (asyncio's loop.set_task_factory); null restores the default. */
  setTaskFactory(factory: TaskFactory | null): void {
    if (factory !== null && typeof factory !== 'function') throw new TypeError('task factory must be a callable or null');
    this._taskFactory = factory;
  }

  /** The task factory, or null for the default (asyncio's loop.get_task_factory). */
  getTaskFactory(): TaskFactory | null {
    return this._taskFactory;
  }

  /**
   * Replaces the handler for errors nobody handled and for the warnings (null restores the default,
   * which prints the message, the other context keys and the exception's stack to stderr).
   */
  setExceptionHandler(handler: ExceptionHandler | null): void {
    this._exceptionHandler = handler;
  }

  /**
   * Closes every async generator that was started in this loop's tasks and has not finished
   * (asyncio's loop.shutdown_asyncgens): each one's return() (Python's aclose()) runs in a task of
   * its own, all at once, and an error from one goes to the exception handler with the key
   * `asyncgen`. run() and Runner.close() call it after cancelling the tasks left over. Returns a
   * coroutine.
   */
  shutdownAsyncgens(): Promise<void> {
    // The body needs gather and the coroutine driver, which import this module (see _setAsyncgenCloser).
    return asyncgenCloser!(this);
  }

  /** Reports an error through the exception handler (asyncio's call_exception_handler). */
  callExceptionHandler(context: ExceptionContext): void {
    if (this._exceptionHandler !== null) {
      try {
        this._exceptionHandler(this, context);
        return;
      } catch (err) {
        context = { message: 'Unhandled error in exception handler', exception: err, context };
      }
    }
    printContext(context);
  }

  /** Stops the loop at the end of the current pass (asyncio's loop.stop()). */
  stop(): void {
    this._stopping = true;
  }

  /** True once the loop was closed by run() or Runner.close(). */
  isClosed(): boolean {
    return this._closed;
  }

  /** True while the loop is running passes or has work scheduled under run(). */
  isRunning(): boolean {
    return this._running || activeLoop === this;
  }

  /** @internal Appends (target, arg) to the ready queue. */
  _push(target: ReadyTarget, arg: unknown): void {
    let b = this._rqTail;
    let i = this._rqTi;
    if (i === RQ_NEXT) {
      const nb = this._rqSpare ?? newBlock();
      this._rqSpare = null;
      b[RQ_NEXT] = nb;
      this._rqTail = b = nb;
      i = 0;
    }
    b[i] = target;
    b[i + 1] = arg;
    this._rqTi = i + 2;
    this._count++;
    if (!this._running) this._wake();
  }

  /**
   * @internal Adds `item` to a bucket of deadline `when` (left in _lastBucket) and returns its index
   * there. When due, the loop pushes (item, bucket) on the ready queue.
   */
  _addTimer(when: number, item: Runnable): number {
    if (!this._running) this._wake();
    let b = this._lastBucket;
    if (b !== null && b._when === when && !b._fired) return b._add(item);
    if (this.clock === 'virtual') {
      const map = (this._buckets ??= new Map());
      b = map.get(when) ?? null;
      if (b !== null) {
        this._lastBucket = b;
        return b._add(item);
      }
      b = new TimerBucket(when, this._bucketSeq++, item);
      map.set(when, b);
    } else b = new TimerBucket(when, this._bucketSeq++, item);
    this._lastBucket = b;
    this._heapPush(b);
    return 0;
  }

  private _heapPush(b: TimerBucket): void {
    const h = this._timers;
    let i = h.length;
    h.push(b);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const q = h[p];
      if (earlier(q, b)) break;
      h[i] = q;
      i = p;
    }
    h[i] = b;
  }

  /** Takes the earliest bucket off the heap (and the Map). */
  private _popBucket(): TimerBucket {
    const h = this._timers;
    const top = h[0];
    const last = h.pop()!;
    const n = h.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        let c = l;
        if (r < n && earlier(h[r], h[l])) c = r;
        const x = h[c];
        if (earlier(last, x)) break;
        h[i] = x;
        i = c;
      }
      h[i] = last;
    }
    if (this._buckets !== null) this._buckets.delete(top._when);
    top._fired = true;
    return top;
  }

  /** The earliest deadline with a live timer (dropping buckets whose timers were all cancelled), or Infinity. */
  private _nextDeadline(): number {
    const h = this._timers;
    while (h.length > 0) {
      if (h[0]._live > 0) return h[0]._when;
      this._popBucket();
    }
    return Infinity;
  }

  /**
   * One pass (asyncio's _run_once after the wait): move due timers to the ready queue, then run the
   * callbacks that were ready when the pass began. Callbacks scheduled meanwhile wait for the next pass.
   */
  private _runOnce(): void {
    const h = this._timers;
    if (h.length > 0) {
      const c0 = this._count;
      const wb = this._rqTail;
      const wi = this._rqTi;
      const end = this.time() + CLOCK_RESOLUTION;
      while (h.length > 0 && h[0]._when < end) {
        const b = this._popBucket();
        if (b._live === 0) continue;
        if (b._first !== null) this._push(b._first, b);
        const rest = b._rest;
        if (rest !== null)
          for (let i = 0; i < rest.length; i++) {
            const t = rest[i];
            if (t !== null) this._push(t, b);
          }
      }
      if (this._count - c0 > 1) warmQueued(wb, wi, this._count - c0);
    }
    let n = this._count;
    const debug = this.debug;
    while (n-- > 0) {
      let b = this._rqHead;
      let i = this._rqHi;
      if (i === RQ_NEXT) {
        // The head block is used up: step to the next one and keep this one as the spare.
        const nb = b[RQ_NEXT] as unknown[];
        b[RQ_NEXT] = undefined;
        this._rqSpare = b;
        this._rqHead = b = nb;
        i = 0;
      }
      const target = b[i] as ReadyTarget;
      const arg = b[i + 1];
      b[i] = undefined;
      b[i + 1] = undefined;
      // Dequeue before running: the callback may push onto this same block. Emptied within one
      // block, the queue starts it over, so that tasks handing work back and forth (a ping-pong
      // through queues: one pair in, one out per pass) stay in its first slots.
      if (--this._count === 0 && b === this._rqTail) this._rqHi = this._rqTi = 0;
      else this._rqHi = i + 2;
      const t0 = debug ? perfNow() : 0;
      try {
        if (typeof target === 'function') target(arg);
        else target._run(arg);
      } catch (err) {
        this.callExceptionHandler({ message: `Exception in callback ${callbackName(target)}`, exception: err });
      }
      if (debug) {
        const dt = (perfNow() - t0) / 1000;
        // asyncio logs this directly (logger.warning), not through the exception handler.
        if (dt >= this.slowCallbackDuration)
          console.error(`Executing ${describe(target)} took ${dt.toFixed(3)} seconds`);
      }
    }
  }

  /** @internal Runs passes until stopped, or until nothing can happen without waiting. */
  _runForever(onStop: (() => void) | null): void {
    this._onStop = onStop;
    this._continue();
  }

  /** @internal Drives the loop synchronously as far as it can; arranges to be called again. */
  _continue(): void {
    if (this._running || this._closed) return;
    this._running = true;
    const prevActive = activeLoop;
    if (this._forever) activeLoop = this;
    try {
      for (;;) {
        if (this._count === 0 && !this._stopping) {
          const next = this._nextDeadline();
          if (next === Infinity) break; // idle: only outside events can add work
          const timeout = Math.max(0, next - this.time());
          if (this.clock === 'virtual') {
            if (this._nativeWaits > 0) break; // a native promise may still schedule earlier work
            this._vnow += timeout;
          } else if (timeout > 0) {
            this._armHostTimer(timeout);
            break;
          }
        }
        this._runOnce();
        if (this._stopping) {
          this._stopping = false;
          const cb = this._onStop;
          this._onStop = null;
          if (cb !== null) {
            this._running = false;
            if (this._forever) activeLoop = prevActive;
            cb();
            return;
          }
        }
      }
    } finally {
      if (this._running) {
        this._running = false;
        if (this._forever) activeLoop = prevActive;
      }
    }
  }

  private _armHostTimer(timeout: number): void {
    const when = this.time() + timeout;
    if (this._hostTimer !== null) {
      if (this._hostTimerWhen <= when) return;
      clearTimeout(this._hostTimer);
    }
    this._hostTimerWhen = when;
    this._hostTimer = setTimeout(() => {
      this._hostTimer = null;
      this._hostTimerWhen = Infinity;
      this._continue();
    }, Math.max(0, Math.ceil(timeout * 1000)));
  }

  /** @internal Work arrived while the loop was not running (a native promise settled, a host timer). */
  _wake(): void {
    if (this._wakeScheduled || this._closed) return;
    if (this._onStop === null && !this._forever) return; // not under run(): nothing drives it yet
    this._wakeScheduled = true;
    hostSetImmediate(() => {
      this._wakeScheduled = false;
      this._continue();
    });
  }

  /** @internal */
  _checkClosed(): void {
    if (this._closed) throw new RuntimeError('Event loop is closed');
  }

  /** @internal */
  _close(): void {
    this._closed = true;
    if (this._hostTimer !== null) clearTimeout(this._hostTimer);
    this._hostTimer = null;
  }

  toString(): string {
    return `<EventLoop clock=${this.clock} running=${this.isRunning()} closed=${this._closed}>`;
  }
}

/** asyncio's _format_handle: a Task's step shows the Task, a Handle its callback's name. */
function describe(target: unknown): string {
  if (typeof target === 'function') return `<Handle ${target.name || 'callback'}()>`;
  const h = target as Handle;
  if (h instanceof Handle && h._fn) return `<${h.constructor.name} ${h._fn.name || 'callback'}()>`;
  return String(target);
}

/** The callback as asyncio's "Exception in callback f()" names it. */
function callbackName(target: unknown): string {
  if (typeof target === 'function') return `${target.name || 'callback'}()`;
  if (target instanceof Handle && target._fn) return `${target._fn.name || 'callback'}()`;
  return String(target);
}

// Exported by name, not `export const`, for the reason at the end of coroutine.ts.
export { CLOCK_RESOLUTION };
