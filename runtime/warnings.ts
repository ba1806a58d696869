// asyncio's garbage-collection warnings and debug-mode bookkeeping. Takes Tasks, Futures and
// coroutines at the few moments that can lead to a warning; produces, when the object is collected,
// a report through the loop's exception handler with asyncio's wording:
//   "Task exception was never retrieved"    a failed Task (or Future) collected before anyone looked
//                                           at its exception; registered when it fails, dropped when
//                                           result()/exception()/an await looks at it
//   "Task was destroyed but it is pending!" a pending Task collected with its loop; registered only
//                                           where a loop can be abandoned with pending tasks
//   "coroutine 'f' was never awaited"      debug mode only: a coroutine collected unstarted
// Why registration at these moments and not per object: a FinalizationRegistry entry per Task or
// coroutine would cost every program; these cost nothing until something fails, a run ends with
// tasks left over, or debug mode is on. Node reports them only when its GC collects the object (run
// with --expose-gc and call gc() to force it); a process that exits first prints nothing.
import type { EventLoop, ExceptionContext } from './loop';

// Invariant: `debugFlags.coroutines` turns true at most once (TSCORO_DEBUG=1 at load, or the first
// run({ debug: true })) and then stays true: frames created while it was on store their parent
// in a backing field behind the accessor (see trackCoroutines).
export const debugFlags = {
  /** Default for loop.debug: asyncio's PYTHONASYNCIODEBUG. */
  env: typeof process !== 'undefined' && !!process.env && !!process.env.TSCORO_DEBUG && process.env.TSCORO_DEBUG !== '0',
  coroutines: false,
};

/** @internal Where each Task was created (debug mode only: asyncio's _source_traceback). */
export const sourceTracebacks = new WeakMap<object, string>();

// Where the runtime's files are, to leave its frames out of a stack. None in the ES module build
// (dist/esm, for bundlers, see scripts/build-esm.js): a bundle puts the runtime and the program in
// one file.
let runtimeDir: string | null = null;
/* cjs-only:start */
runtimeDir = __dirname;
/* cjs-only:end */

/** @internal The current stack, oldest call first as Python prints it (debug mode only). */
export function captureStack(): string {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  const s = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  // V8 lists the most recent call first: drop "Error" and the runtime's own innermost frames (this
  // function, the Task or frame constructor, createTask) so the stack ends at the user's call.
  const lines = s.split('\n').slice(1);
  let i = 0;
  if (runtimeDir !== null) while (i < lines.length - 1 && lines[i].includes(runtimeDir)) i++;
  return lines.slice(i).reverse().join('\n');
}

interface Report {
  /** Null once the loop is gone: the report goes to the default handler (stderr). */
  loop: EventLoop | null;
  context: ExceptionContext;
}

function report(r: Report): void {
  if (r.loop !== null) r.loop.callExceptionHandler(r.context);
  else printContext(r.context);
}

/**
 * asyncio's default_exception_handler: the message, every other key of the context sorted
 * (`key: value`; a source_traceback as "Object created at"), then the exception's stack.
 */
export function printContext(context: ExceptionContext): void {
  const lines = [context.message];
  for (const key of Object.keys(context).sort()) {
    if (key === 'message' || key === 'exception') continue;
    const value = context[key];
    if (key === 'source_traceback') lines.push(`source_traceback: Object created at (most recent call last):\n${value}`);
    else lines.push(`${key}: ${String(value)}`);
  }
  const exc = context.exception;
  if (exc !== undefined) lines.push(exc instanceof Error ? (exc.stack ?? String(exc)) : String(exc));
  console.error(lines.join('\n'));
}

let unretrieved: FinalizationRegistry<Report> | null = null;
const pendingWatched = new WeakSet<object>();
let pending: FinalizationRegistry<Report> | null = null;
/** @internal How many pending Tasks are watched; 0 means finishing a task skips the unregister. */
export let pendingWatches = 0;

/**
 * @internal A Future or Task failed with `exc` and nobody has retrieved it yet. The report holds the
 * loop (the failed future is not what keeps a loop alive) and the repr, never the future itself.
 */
export function watchUnretrieved(fut: { _loop: EventLoop; toString(): string }, exc: unknown, kind: string): void {
  unretrieved ??= new FinalizationRegistry(report);
  // V8 keeps an Error's unformatted stack trace with the receivers of its frames (the Task among
  // them) until `.stack` is read: format it now, or the report would keep the Task alive.
  if (exc instanceof Error) void exc.stack;
  const context: ExceptionContext = { message: `${kind} exception was never retrieved`, exception: exc, future: String(fut) };
  const src = sourceTracebacks.get(fut);
  if (src !== undefined) context.source_traceback = src;
  unretrieved.register(fut, { loop: fut._loop, context }, fut);
}

/** @internal Its exception was looked at: no warning. */
export function unwatchUnretrieved(fut: object): void {
  if (unretrieved !== null) unretrieved.unregister(fut);
}

/**
 * @internal A pending Task that can be collected with its loop (the loop holds its pending tasks).
 * The report cannot hold the loop, or the loop would never be collected: it goes to stderr.
 */
export function watchPending(task: { toString(): string }): void {
  if (pendingWatched.has(task)) return;
  pendingWatched.add(task);
  pending ??= new FinalizationRegistry((r: Report) => {
    pendingWatches--;
    report(r);
  });
  const context: ExceptionContext = { message: 'Task was destroyed but it is pending!', task: String(task) };
  const src = sourceTracebacks.get(task);
  if (src !== undefined) context.source_traceback = src;
  pending.register(task, { loop: null, context }, task);
  pendingWatches++;
}

/** @internal The task finished: no warning. */
export function unwatchPending(task: object): void {
  if (pending !== null && pending.unregister(task)) {
    pendingWatches--;
    pendingWatched.delete(task);
  }
}

let unawaited: FinalizationRegistry<Report> | null = null;

/**
 * @internal Debug mode: from now on every coroutine created (compiled frames included) is watched
 * until it starts. Compiled frame constructors do `this.$p = void 0` and the runtime sets `$p` when
 * the coroutine starts (awaited, or scheduled as a Task), so an accessor for `$p` on the shared
 * prototype sees both moments without touching emitted code. Installed once, never removed (frames
 * created meanwhile keep their parent in `$$p`); without debug mode `$p` stays a plain field.
 */
export function trackCoroutines(proto: object, activeLoop: () => EventLoop | null): void {
  if (debugFlags.coroutines) return;
  debugFlags.coroutines = true;
  unawaited = new FinalizationRegistry(report);
  Object.defineProperty(proto, '$p', {
    configurable: true,
    get(this: { $$p: unknown }) {
      return this.$$p;
    },
    set(this: { $$p: unknown; $name: string }, v: unknown) {
      if (v === undefined) {
        if (!Object.prototype.hasOwnProperty.call(this, '$$p')) {
          // Created now (the frame constructor): watch it until it starts.
          const context: ExceptionContext = { message: `coroutine '${this.$name}' was never awaited` };
          context.source_traceback = captureStack();
          Object.defineProperty(this, '$$ctx', { value: context, configurable: true });
          unawaited!.register(this, { loop: activeLoop(), context }, this);
        }
      } else if (this.$$p === undefined) unawaited!.unregister(this);
      Object.defineProperty(this, '$$p', { value: v, writable: true, configurable: true, enumerable: false });
    },
  });
}

/** @internal Debug mode: a runtime frame that sets its name after the base constructor ran. */
export function renameWatched(frame: { $name: string }): void {
  const context = (frame as unknown as { $$ctx?: ExceptionContext }).$$ctx;
  if (context !== undefined) context.message = `coroutine '${frame.$name}' was never awaited`;
}
