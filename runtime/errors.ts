// The asyncio error classes, as exported by `tscoro`. Each `name` is its class name so that
// `String(err)` and stack traces read like asyncio's (`CancelledError: stop!`).

/** Raised at the suspended `await` of a Task that was cancelled (asyncio.CancelledError). */
export class CancelledError extends Error {
  constructor(message = '') {
    super(message);
    this.name = 'CancelledError';
  }
}

/** A Future or Task was used in a state that does not allow the call (asyncio.InvalidStateError). */
export class InvalidStateError extends Error {
  constructor(message = '') {
    super(message);
    this.name = 'InvalidStateError';
  }
}

/** A deadline passed (asyncio.TimeoutError, which is the builtin TimeoutError since Python 3.11). */
export class TimeoutError extends Error {
  constructor(message = '') {
    super(message);
    this.name = 'TimeoutError';
  }
}

/** Misuse of the runtime that asyncio reports as RuntimeError (nested run, reused coroutine, ...). */
export class RuntimeError extends Error {
  constructor(message = '') {
    super(message);
    this.name = 'RuntimeError';
  }
}

/**
 * @internal Builds a CancelledError or TimeoutError raised by the runtime itself (a cancel arriving
 * at an await, a deadline passing). Outside debug mode it captures no JS stack: the stack would show
 * the event loop's dispatch, not the await it is thrown at, and capturing it is most of what a
 * timeout costs. In debug mode (loop.debug, TSCORO_DEBUG=1) it keeps the stack.
 */
export function runtimeError<E extends Error>(cls: new (message?: string) => E, message: string, debug: boolean): E {
  if (debug) return new cls(message);
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new cls(message);
  } finally {
    Error.stackTraceLimit = limit;
  }
}
