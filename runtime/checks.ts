// Checks emitted code makes where JavaScript's own would have run on a different expression. When
// the transformer splits `o.m(await x)` or `for (x of it)` into steps, the engine's error message
// would name a temporary; these throw the TypeError V8 throws, naming the source expression.

/** `fn` if it is callable; else `TypeError: <text> is not a function` (as for `o.m(...)`). */
export function callable<F>(fn: F, text: string): F {
  if (typeof fn !== 'function') throw new TypeError(`${text} is not a function`);
  return fn;
}

/** `obj[Symbol.iterator]()`, or `TypeError: <text> is not iterable` (as for `for (x of obj)`). */
export function iteratorOf(obj: unknown, text: string): Iterator<unknown> {
  const m = obj === null || obj === undefined ? undefined : (obj as Record<symbol, unknown>)[Symbol.iterator];
  if (typeof m !== 'function') throw new TypeError(`${text} is not iterable`);
  return (m as () => Iterator<unknown>).call(obj);
}

const ignore = (): void => {};

/**
 * A native Promise returned from inside a try whose finally awaits: marked handled while the
 * finally runs (natively it is adopted before the host looks for unhandled rejections), then
 * returned unchanged to be adopted as usual.
 */
export function heldReturn<T>(value: T): T {
  if (value instanceof Promise) value.then(undefined, ignore);
  return value;
}

/**
 * ToPropertyKey(k): what a computed key `[k]` becomes when it is evaluated. A key kept in a temp
 * while later parts of the literal or class await is converted at once, so its toString (or
 * Symbol.toPrimitive) runs in source order, before the next part is evaluated.
 */
export function propertyKey(k: unknown): PropertyKey {
  if (typeof k === 'string' || typeof k === 'symbol') return k;
  return Reflect.ownKeys({ [k as PropertyKey]: 0 })[0];
}
