// Explicit resource management for emitted `using` / `await using` blocks. Takes the resources a
// block declared; produces their disposal in reverse order at the block's end, with the spec's
// error handling (DisposeResources): each disposal error wraps the pending one in a
// SuppressedError. Node 20 has Symbol.dispose/asyncDispose but no SuppressedError: one is
// provided here (the global one when the host has it).
import { coro } from './genframe';

/** The error that carries a disposal error and the error it suppressed (ES2026 SuppressedError). */
export const SuppressedError: new (error: unknown, suppressed: unknown, message?: string) => Error & { error: unknown; suppressed: unknown } =
  (globalThis as any).SuppressedError ??
  class SuppressedError extends Error {
    constructor(
      readonly error: unknown,
      readonly suppressed: unknown,
      message = 'An error was suppressed during disposal.',
    ) {
      super(message);
      this.name = 'SuppressedError';
    }
  };

interface Resource {
  value: unknown;
  dispose: (() => unknown) | undefined;
  async: boolean;
}

/** A block's stack of resources. */
export interface DisposeEnv {
  stack: Resource[];
}

/** A new, empty stack for one `using` declaration's block. */
export function newDisposeEnv(): DisposeEnv {
  return { stack: [] };
}

/** Registers a declared resource; null and undefined are allowed and skipped at disposal. */
export function addDisposable(env: DisposeEnv, value: unknown, isAsync: boolean): void {
  if (value === null || value === undefined) {
    if (isAsync) env.stack.push({ value, dispose: undefined, async: true });
    return;
  }
  if (typeof value !== 'object' && typeof value !== 'function') throw new TypeError('Object expected to be assigned to "using" declaration.');
  const v = value as Record<symbol, unknown>;
  let dispose: unknown;
  if (isAsync) {
    dispose = v[Symbol.asyncDispose];
    if (dispose === undefined) {
      const sync = v[Symbol.dispose];
      if (typeof sync === 'function') dispose = function (this: unknown) { sync.call(this); };
    }
  } else dispose = v[Symbol.dispose];
  if (typeof dispose !== 'function') throw new TypeError(`Object not disposable: it has no [Symbol.${isAsync ? 'asyncDispose' : 'dispose'}]() method.`);
  env.stack.push({ value, dispose: dispose as () => unknown, async: isAsync });
}

/**
 * Disposes `env`'s resources, last first. `hasError`/`error`: the block's pending exception. Throws
 * the resulting error (the pending one, possibly wrapped) when there is one; for `await using`,
 * returns an awaitable that does so after awaiting each disposal.
 */
export function disposeResources(env: DisposeEnv, hasError: boolean, error: unknown, isAsync: boolean): unknown {
  if (!isAsync) {
    let pending = error;
    let failed = hasError;
    for (let i = env.stack.length - 1; i >= 0; i--) {
      const r = env.stack[i];
      try {
        r.dispose?.call(r.value);
      } catch (e) {
        pending = failed ? new SuppressedError(e, pending) : e;
        failed = true;
      }
    }
    env.stack.length = 0;
    if (failed && !hasError) throw pending;
    if (failed && pending !== error) throw pending;
    return undefined;
  }
  return coro(disposeAsync(env, hasError, error), 'dispose');
}

function* disposeAsync(env: DisposeEnv, hasError: boolean, error: unknown): Generator<unknown, void, unknown> {
  let pending = error;
  let failed = hasError;
  for (let i = env.stack.length - 1; i >= 0; i--) {
    const r = env.stack[i];
    try {
      const out = r.dispose?.call(r.value);
      yield out;
    } catch (e) {
      pending = failed ? new SuppressedError(e, pending) : e;
      failed = true;
    }
  }
  env.stack.length = 0;
  if (failed && (!hasError || pending !== error)) throw pending;
}
