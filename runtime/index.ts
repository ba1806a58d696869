// tscoro's public API: asyncio's names in camelCase. Takes nothing; produces the exports of `tscoro`.
// Emitted code does not import this module; it imports `tscoro/protocol` (see protocol.ts).
import { RuntimeError } from './errors';
import { Future, FutureState } from './future';
import { ClockKind, EventLoop, _getActiveLoop, _setActiveLoop, _setAsyncgenCloser, defaultClock } from './loop';
import { Coroutine } from './coroutine';
import { Task, checkCoroutine } from './task';
import { gather } from './combinators';
import { debugFlags, trackCoroutines, unwatchPending, watchPending } from './warnings';

export { CancelledError, InvalidStateError, TimeoutError, RuntimeError } from './errors';
export { EventLoop, Handle, TimerHandle, CLOCK_RESOLUTION } from './loop';
export type { ClockKind, ExceptionContext, ExceptionHandler, TaskFactory } from './loop';
export { Future } from './future';
export { Task, createTask, currentTask, allTasks, eagerTaskFactory } from './task';
export { fromPromise, toPromise } from './interop';
export type { TaskOptions } from './task';
export { Coroutine } from './coroutine';
export { gather, sleep, ensureFuture, GatheringFuture } from './combinators';
export type { GatherOptions, AwaitedOf } from './combinators';

export interface RunOptions {
  /** 'virtual': time jumps to the next timer when nothing is ready; default: TSCORO_CLOCK or 'real'. */
  clock?: ClockKind;
  /**
   * asyncio debug mode (default: TSCORO_DEBUG=1): warns about steps slower than
   * loop.slowCallbackDuration, records where tasks are created, and reports coroutines that are
   * garbage-collected without having been awaited (see README, "Warnings and debug mode").
   */
  debug?: boolean;
}

/**
 * The loop the running coroutine runs on (asyncio.get_running_loop). Throws RuntimeError when no
 * loop is running.
 */
export function getRunningLoop(): EventLoop {
  const loop = _getActiveLoop();
  if (loop === null) throw new RuntimeError('no running event loop');
  return loop;
}

/**
 * Runs several coroutines one after another on one loop (asyncio.Runner). `close()` cancels what
 * is left and closes the loop.
 */
export class Runner {
  private _loop: EventLoop | null = null;
  private _busy = false;
  constructor(private readonly options: RunOptions = {}) {}

  /** The runner's loop (created on first use). */
  getLoop(): EventLoop {
    if (this._loop === null) {
      this._loop = new EventLoop(this.options.clock ?? defaultClock());
      this._loop.debug = this.options.debug ?? debugFlags.env;
      if (this._loop.debug) trackCoroutines(Coroutine.prototype, _getActiveLoop);
    }
    return this._loop;
  }

  /** Runs `coro` to completion on the runner's loop; resolves with its result or rejects with its error. */
  run<T>(coro: PromiseLike<T>): Promise<T> {
    if (_getActiveLoop() !== null) throw new RuntimeError('run() cannot be called from a running event loop');
    checkCoroutine(coro, 'run()');
    if (this._busy) throw new RuntimeError('Runner.run() is already running');
    const loop = this.getLoop();
    loop._checkClosed();
    this._busy = true;
    const task = loop.createTask<T>(coro);
    // Made before the loop runs, the task was watched as one its loop may drop while pending
    // (Task constructor); the loop is driven from here, so drop the watch: every task that
    // finishes would otherwise pay a registry lookup while any watch is live.
    unwatchPending(task);
    _setActiveLoop(loop);
    return new Promise<T>((resolve, reject) => {
      runUntilComplete(loop, task, () => {
        _setActiveLoop(null);
        this._busy = false;
        // Tasks left pending until the next run() or close(): the Runner may be dropped instead.
        for (const t of loop._tasks) watchPending(t);
        settle(task, resolve, reject);
      });
    });
  }

  /** Cancels the tasks still pending, lets them finish their cleanup, and closes the loop. */
  close(): Promise<void> {
    const loop = this._loop;
    if (loop === null || loop._closed) return Promise.resolve();
    _setActiveLoop(loop);
    return new Promise<void>((resolve) => {
      shutdown(loop, () => {
        loop._close();
        _setActiveLoop(null);
        resolve();
      });
    });
  }
}

/**
 * Runs a coroutine on a new event loop and returns its result (asyncio.run). When it finishes, every
 * task still pending is cancelled and may finish its cleanup (even awaiting), then the loop closes.
 * Drives the loop synchronously as far as it can: on the virtual clock a program that awaits no
 * native promise has finished when run() returns. Throws RuntimeError synchronously when a loop is
 * already running.
 */
export function run<T>(coro: PromiseLike<T>, options: RunOptions = {}): Promise<T> {
  if (_getActiveLoop() !== null) throw new RuntimeError('run() cannot be called from a running event loop');
  checkCoroutine(coro, 'run()');
  const runner = new Runner(options);
  const loop = runner.getLoop();
  const task = loop.createTask<T>(coro);
  unwatchPending(task); // as in Runner.run
  _setActiveLoop(loop);
  return new Promise<T>((resolve, reject) => {
    runUntilComplete(loop, task, () => {
      shutdown(loop, () => {
        loop._close();
        _setActiveLoop(null);
        settle(task, resolve, reject);
      });
    });
  });
}

function settle<T>(task: Task<T>, resolve: (v: T) => void, reject: (e: unknown) => void): void {
  try {
    resolve(task.result());
  } catch (err) {
    reject(err);
  }
}

/** asyncio's run_until_complete: run passes until `fut` is done; the stop takes effect after the pass. */
function runUntilComplete(loop: EventLoop, fut: Future<unknown>, then: () => void): void {
  if (fut.done()) {
    then();
    return;
  }
  fut.addDoneCallback(() => loop.stop());
  loop._runForever(then);
}

/** asyncio.Runner.close(): cancel leftovers, wait for them, then the two trivial shutdown steps. */
function shutdown(loop: EventLoop, then: () => void): void {
  const leftovers = [...loop._tasks].filter((t) => !t.done());
  const afterCancel = (): void => {
    for (const t of leftovers) {
      if (t.cancelled()) continue;
      if (t._state === FutureState.Failed)
        loop.callExceptionHandler({
          message: 'unhandled exception during run() shutdown',
          exception: t.exception(),
          task: t,
        });
    }
    // shutdown_asyncgens(), then shutdown_default_executor() (no executor here: a task that returns at once).
    runUntilComplete(loop, new Task(loop.shutdownAsyncgens(), loop), () =>
      runUntilComplete(loop, new Task(new TrivialFrame() as unknown as PromiseLike<void>, loop), then),
    );
  };
  if (leftovers.length === 0) {
    afterCancel();
    return;
  }
  for (const t of leftovers) t.cancel();
  runUntilComplete(loop, gather(leftovers, { returnExceptions: true }), afterCancel);
}

/** A coroutine that returns at once (the shutdown step asyncio runs last at the end of run()). */
class TrivialFrame extends Coroutine<void> {
  override $step(m: 0 | 1, v: unknown): unknown {
    if (m) throw v;
    return undefined;
  }
}
Object.defineProperty(TrivialFrame.prototype, '$name', { value: 'shutdown' });
// shutdownAsyncgens() before asyncgen.ts is loaded: no generator can have started, nothing to close.
_setAsyncgenCloser(() => new TrivialFrame() as unknown as Promise<void>, true);

// ---- asyncio's high-level API: synchronisation, queues, timeouts, waiting, task groups ----
export { Lock } from './sync/lock';
export { Event } from './sync/event';
export { Condition } from './sync/condition';
export { Semaphore, BoundedSemaphore } from './sync/semaphore';
export { Barrier, BrokenBarrierError } from './sync/barrier';
export { Queue, PriorityQueue, LifoQueue, QueueEmpty, QueueFull, QueueShutDown } from './queues';
export { Timeout, withTimeout, withTimeoutAt, waitFor } from './timeouts';
export { wait, asCompleted, shield, FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED } from './wait';
export type { ReturnWhen, WaitOptions, WaitResult, AsCompleted } from './wait';
export { taskGroup, TaskGroup, ExceptionGroup } from './taskgroup';
export { SuppressedError } from './disposal';

// Compiled code reads `require('tscoro')` on every call it makes (`(0, tscoro_1.sleep)(0)`).
// TypeScript compiles the re-exports above into getters, and V8 keeps an exports object with this
// many properties as a dictionary: each read was a hashed lookup and a getter call, ~7 ns. V8 gives
// an object that is another's prototype fast lookups (~1 ns, measured), so make it one.
// (CommonJS only: the ES module build for bundlers leaves it out, see scripts/build-esm.js.)
/* cjs-only:start */
Object.create(module.exports);
/* cjs-only:end */
