// Destructuring helpers for patterns the transformer takes apart by hand (those whose defaults or
// computed keys await), and the null check of an object pattern whose value arrives in a temp.
// Each does what the engine does for one step of a pattern.

/**
 * RequireObjectCoercible: destructuring null or undefined is a TypeError, worded as V8 words it for
 * the pattern in the source (the transformer picks the wording, since the value reaches the pattern
 * through a temp whose name V8 would print):
 * - `text` and `key`: `Cannot destructure property 'a' of '(intermediate value)' as it is null.`
 *   (the first property is a plain key);
 * - `key` and `read`: `Cannot read properties of null (reading 'a')` (it has a default, or the
 *   pattern is nested in another);
 * - `text` alone: `Cannot destructure '(intermediate value)' as it is null.` (an empty pattern, or
 *   a computed key or rest element first); no text: the value itself is named.
 * Returns `value` when it is neither.
 */
export function requireObjectCoercible<T>(value: T, text?: string, key?: string, read?: boolean): T {
  if (value !== null && value !== undefined) return value;
  const what = value === null ? 'null' : 'undefined';
  if (key !== undefined && read === true) throw new TypeError(`Cannot read properties of ${what} (reading '${key}')`);
  if (key !== undefined && text !== undefined) throw new TypeError(`Cannot destructure property '${key}' of '${text}' as it is ${what}.`);
  throw new TypeError(`Cannot destructure '${text ?? what}' as it is ${what}.`);
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
