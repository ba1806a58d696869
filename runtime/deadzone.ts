// The temporal dead zone for compiled locals. Takes a frame field's value and the variable's name;
// produces the value, or the ReferenceError V8 throws when a `let`/`const`/`class` is read before
// its declaration ran. The transformer emits the check only for reads that can happen that early.

/** The value of a field whose `let`/`const`/`class` has not been initialised yet. */
export const UNINITIALIZED: unique symbol = Symbol('tscoro.uninitialized');

/** Returns `value`, or throws ReferenceError if it is still UNINITIALIZED. */
export function checkInitialized<T>(value: T, name: string): T {
  if ((value as unknown) === UNINITIALIZED) throw new ReferenceError(`Cannot access '${name}' before initialization`);
  return value;
}
