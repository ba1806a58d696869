// TaskGroup: structured concurrency (CPython 3.11 taskgroups.py). Takes a body that starts child
// tasks with tg.createTask(); produces the body's result once every child is done. When a child
// fails, the group cancels its siblings and the body (the parent task), waits for all of them, and
// raises every error together as an ExceptionGroup. Invariant: no child outlives the group.
import { CancelledError, RuntimeError } from './errors';
import { Future, FutureState } from './future';
import { EventLoop } from './loop';
import { Task, TaskOptions, currentTask } from './task';
import { coro } from './genframe';

/**
 * Several errors raised together (Python's ExceptionGroup), a subclass of AggregateError: `.errors`
 * holds them in the order they happened; the message names each one.
 */
export class ExceptionGroup extends AggregateError {
  constructor(errors: Iterable<unknown>, message: string) {
    const list = [...errors];
    const n = list.length;
    const lines = list.map((e, i) => `  ${i + 1}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    super(list, `${message} (${n} sub-exception${n === 1 ? '' : 's'})\n${lines.join('\n')}`);
    this.name = 'ExceptionGroup';
  }
}

/** The group passed to taskGroup()'s body (asyncio.TaskGroup). */
export class TaskGroup {
  /** @internal */ _entered = false;
  /** @internal */ _exiting = false;
  /** @internal */ _aborting = false;
  /** @internal */ _loop: EventLoop | null = null;
  /** @internal */ _parentTask: Task<unknown> | null = null;
  /** @internal */ _parentCancelRequested = false;
  // Invariant: the children not yet done; _onCompletedFut (while exiting) resolves when it empties.
  /** @internal */ readonly _tasks = new Set<Task<unknown>>();
  /** @internal */ _errors: unknown[] = [];
  /** @internal */ _onCompletedFut: Future<boolean> | null = null;

  /**
   * Starts `coro` as a child Task of the group (see createTask). RuntimeError if the group has not
   * started, has finished, or is shutting down after a failure.
   */
  createTask<T>(coro: PromiseLike<T>, options: TaskOptions = {}): Task<T> {
    if (!this._entered) throw new RuntimeError(`TaskGroup ${this} has not been entered`);
    if (this._exiting && this._tasks.size === 0) throw new RuntimeError(`TaskGroup ${this} is finished`);
    if (this._aborting) throw new RuntimeError(`TaskGroup ${this} is shutting down`);
    const task = this._loop!.createTask<T>(coro, options);
    // An eager task may be done already (asyncio 3.12): handle it now, with no callback.
    if (task.done()) this._onTaskDone(task as Task<unknown>);
    else {
      this._tasks.add(task as Task<unknown>);
      task.addDoneCallback((t) => this._onTaskDone(t as Task<unknown>));
    }
    return task;
  }

  /** @internal asyncio's __aenter__. */
  _enter(): void {
    if (this._entered) throw new RuntimeError(`TaskGroup ${this} has already been entered`);
    const parent = currentTask();
    if (parent === null) throw new RuntimeError(`TaskGroup ${this} cannot determine the parent task`);
    this._loop = parent._loop;
    this._parentTask = parent;
    this._entered = true;
  }

  /** @internal asyncio's __aexit__; throws what the group raises instead of the body's outcome. */
  *_exit(failed: boolean, exc: unknown): Generator<unknown, void, unknown> {
    this._exiting = true;
    let propagateCancellation: unknown = failed && exc instanceof CancelledError ? exc : null;
    if (this._parentCancelRequested) {
      if (this._parentTask!.uncancel() === 0) propagateCancellation = null;
    }
    if (failed && !this._aborting) this._abort();
    while (this._tasks.size > 0) {
      if (this._onCompletedFut === null) this._onCompletedFut = this._loop!.createFuture<boolean>();
      try {
        yield this._onCompletedFut;
      } catch (err) {
        if (!(err instanceof CancelledError)) throw err;
        if (!this._aborting) {
          propagateCancellation = err;
          this._abort();
        }
      }
      this._onCompletedFut = null;
    }
    if (propagateCancellation !== null && this._errors.length === 0) throw propagateCancellation;
    if (failed && !(exc instanceof CancelledError)) this._errors.push(exc);
    if (this._errors.length > 0) {
      const errors = this._errors;
      this._errors = [];
      throw new ExceptionGroup(errors, 'unhandled errors in a TaskGroup');
    }
  }

  private _abort(): void {
    this._aborting = true;
    for (const t of this._tasks) if (!t.done()) t.cancel();
  }

  private _onTaskDone(task: Task<unknown>): void {
    this._tasks.delete(task);
    if (this._onCompletedFut !== null && this._tasks.size === 0 && !this._onCompletedFut.done())
      this._onCompletedFut.setResult(true);
    if (task.cancelled()) return;
    const exc = task.exception();
    if (exc === undefined && task._state !== FutureState.Failed) return;
    this._errors.push(exc);
    const parent = this._parentTask!;
    if (parent.done()) {
      this._loop!.callExceptionHandler({
        message: `Task ${task} has errored out but its parent task ${parent} is already completed`,
        exception: exc,
        task,
      });
      return;
    }
    if (!this._aborting && !this._parentCancelRequested) {
      this._abort();
      this._parentCancelRequested = true;
      parent.cancel();
    }
  }

  toString(): string {
    let info = '';
    if (this._tasks.size > 0) info += ` tasks=${this._tasks.size}`;
    if (this._errors.length > 0) info += ` errors=${this._errors.length}`;
    if (this._aborting) info += ' cancelling';
    else if (this._entered) info += ' entered';
    return `<TaskGroup${info}>`;
  }
}

function* groupGen<R>(tg: TaskGroup, body: (tg: TaskGroup) => PromiseLike<R>): Generator<unknown, R, unknown> {
  tg._enter();
  let result: R;
  try {
    result = (yield body(tg)) as R;
  } catch (err) {
    yield* tg._exit(true, err);
    throw err;
  }
  yield* tg._exit(false, undefined);
  return result;
}

/**
 * Runs `body(tg)` in the current task and waits for every task it starts with `tg.createTask()`
 * (asyncio.TaskGroup); resolves to the body's result. When a child fails (or the body throws),
 * the other children and the body are cancelled, the group waits for all of them, and throws an
 * ExceptionGroup of every error (CancelledErrors are not collected). Cancelling the task running
 * the group cancels the children; the group then throws CancelledError once they are done.
 */
export function taskGroup<R>(body: (tg: TaskGroup) => PromiseLike<R>): Promise<R> {
  return coro(groupGen(new TaskGroup(), body), 'TaskGroup');
}
