// Binding checks for compiled locals, which live in frame fields or plain `var`s and so lose what
// the engine checks on a `let`/`const`/`class` binding. Takes a field's value and the variable's
// name; produces the value (or, for an assignment, the value to assign), or the error V8 throws:
// ReferenceError when the binding is read or assigned before its declaration ran (the dead zone),
// TypeError when a `const` is assigned. The transformer emits the dead-zone checks only for reads
// and writes that can happen that early, and the const check only where a const is written.

/** The value of a field whose `let`/`const`/`class` has not been initialised yet. */
const UNINITIALIZED: unique symbol = Symbol('tscoro.uninitialized');

/** V8's error for a `let`/`const`/`class` used before its declaration ran. */
function deadZoneError(name: string): ReferenceError {
  return new ReferenceError(`Cannot access '${name}' before initialization`);
}

/** Returns `value`, or throws ReferenceError if it is still UNINITIALIZED. */
export function checkInitialized<T>(value: T, name: string): T {
  if ((value as unknown) === UNINITIALIZED) throw deadZoneError(name);
  return value;
}

/**
 * Returns `value`, the right side of `x = value` already evaluated, or throws ReferenceError if the
 * binding (`current`, x's field) is still UNINITIALIZED: as in the engine, the right side runs first.
 */
export function checkedAssign<T>(current: unknown, name: string, value: T): T {
  if (current === UNINITIALIZED) throw deadZoneError(name);
  return value;
}

/**
 * A reference to `frame[field]` for a destructuring or for-in/of target that may run in the
 * variable's dead zone: storing through `.v` throws ReferenceError while the field is still
 * UNINITIALIZED, at the moment the engine would (the value is already computed).
 */
export function checkedRef(frame: Record<string, unknown>, field: string, name: string): { v: unknown } {
  return {
    get v(): unknown {
      return frame[field];
    },
    set v(value: unknown) {
      if (frame[field] === UNINITIALIZED) throw deadZoneError(name);
      frame[field] = value;
    },
  };
}

/**
 * A reference standing for a `const` local written by an assignment, update, destructuring or
 * for-in/of target (code TypeScript rejects, but plain JavaScript and `@ts-nocheck` files run):
 * reading `.v` gives the value (ReferenceError in the dead zone), storing throws V8's TypeError once
 * the value to store is computed, as the engine's write to a const binding does. `current` is the
 * const's value where the write starts: a const changes only from uninitialised to its value.
 */
export function constRef(current: unknown, name: string): { v: unknown } {
  return {
    get v(): unknown {
      return checkInitialized(current, name);
    },
    set v(_value: unknown) {
      checkInitialized(current, name);
      throw new TypeError('Assignment to constant variable.');
    },
  };
}

// Exported by name, not `export const`, for the reason at the end of coroutine.ts.
export { UNINITIALIZED };
