// Destructuring helpers for patterns the transformer takes apart by hand (those whose defaults or
// computed keys await). Each does what the engine does for one step of a pattern.

/** RequireObjectCoercible: destructuring null or undefined is a TypeError. */
export function requireObjectCoercible(value: unknown): void {
  if (value === null || value === undefined) throw new TypeError(`Cannot destructure '${value}' as it is ${value === null ? 'null' : 'undefined'}.`);
}

/** `{ a, ...rest } = obj`: the own enumerable properties of obj except the listed keys. */
export function objectRest(obj: object, keys: PropertyKey[]): Record<PropertyKey, unknown> {
  const out: Record<PropertyKey, unknown> = {};
  const taken = new Set(keys.map((k) => (typeof k === 'symbol' ? k : String(k))));
  for (const k of Reflect.ownKeys(obj)) {
    if (taken.has(k)) continue;
    const d = Object.getOwnPropertyDescriptor(obj, k);
    if (d?.enumerable) out[k as string] = (obj as Record<PropertyKey, unknown>)[k];
  }
  return out;
}
