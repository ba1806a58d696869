// The temporal dead zone for compiled locals. Takes a frame field's value and the variable's name;
// produces the value (or, for an assignment, the value to assign), or the ReferenceError V8 throws
// when a `let`/`const`/`class` is read or assigned before its declaration ran. The transformer emits
// the checks only for reads and writes that can happen that early.

/** The value of a field whose `let`/`const`/`class` has not been initialised yet. */
export const UNINITIALIZED: unique symbol = Symbol('tscoro.uninitialized');

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
