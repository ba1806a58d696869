// Checks emitted code makes where JavaScript's own would have run on a different expression. When
// the transformer splits `o.m(await x)` or `for (x of it)` into steps, the engine's error message
// would name a temporary; these throw the TypeError V8 throws, naming the source expression.

/**
 * A function that throws `TypeError: <text> <what>` when called or constructed: what the checks
 * below give in place of a callee that fails. The lowered call evaluates its arguments and then
 * calls it, so the error comes after the arguments, as the engine's check does.
 */
function failing(text: string, what: string): any {
  return function fail(): never {
    throw new TypeError(`${text} ${what}`);
  };
}

/**
 * `fn` if it is callable; else a function that throws `TypeError: <text> is not a function` (as
 * `o.m(...)` does) when the call is made, after its arguments.
 */
export function callable<F>(fn: F, text: string): F {
  return typeof fn === 'function' ? fn : failing(text, 'is not a function');
}

// Functions known to be constructors (constructible's cache).
const constructors = new WeakSet<object>();
// A construct trap: `new` on a proxy of `C` reaches it only when C is a constructor, and it touches
// nothing of C (no `prototype` read, no call), so the test has no effect a program could see.
const probe: ProxyHandler<object> = { construct: () => probe };

/**
 * `C` if it is a constructor; else a function that throws `TypeError: <text> is not a constructor`
 * (as `new X(...)` does) when constructed, after the arguments.
 */
export function constructible<F>(C: F, text: string): F {
  if (typeof C === 'function' && !constructors.has(C)) {
    try {
      new (new Proxy(C, probe) as unknown as new () => object)();
      constructors.add(C);
    } catch {
      // not a constructor
    }
  }
  return typeof C === 'function' && constructors.has(C) ? C : failing(text, 'is not a constructor');
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
