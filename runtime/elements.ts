// Arrays that start in the elements kind they will hold. Takes nothing; produces empty arrays
// whose V8 elements kind is already "objects" (PACKED_ELEMENTS, or HOLEY_ELEMENTS for the sized
// ones).
//
// Why: `[]` and `new Array(n)` start as small-integer arrays. The first object stored turns them
// into object arrays, a change of hidden class. For an array made once per loop or per primitive
// (the timer heap, the ready queue's blocks, a Queue's waiter list, the loop's list of async
// generators), that change happens in the first calls of the code that pushes into it, before V8
// records type feedback for that code, so optimised code only ever sees the object-array class.
// The next loop or Queue then hands it a small-integer array, and the optimised code deoptimises
// ("wrong map") and runs unoptimised until it is hot again: measured at the start of the bench's
// cold W3 and W6 runs, each of which makes a new loop and new Queues after the warm-up.

/** @internal An empty array that is already an object array (PACKED_ELEMENTS). */
export function objectArray<T>(): T[] {
  const a: (T | null)[] = [null];
  a.pop();
  return a as T[];
}

/** @internal An array of `n` holes that is already an object array (HOLEY_ELEMENTS). */
export function objectSlots(n: number): unknown[] {
  const a: unknown[] = new Array(n);
  a[0] = undefined; // not a small integer: the transition (a slot is written before it is read)
  return a;
}
