// Fifo: the runtime's deque for waiter lists (CPython keeps them in collections.deque). Takes
// pushes at the back; produces O(1) removal at the front and removal of any element by identity.
// A JS array would do the front removal with shift(), which V8 can only do in O(1) while the array
// is small: past ~16,000 elements (large-object space) each shift moves the whole array, so 100,000
// tasks woken from one Event would cost O(n^2).

import { objectArray } from './elements';

/** @internal A FIFO list with a moving head: elements live at _a[_h], ..., _a[_a.length - 1]. */
export class Fifo<T> implements Iterable<T> {
  // Invariant: slots before _h are undefined (released for GC); the live part is _a[_h..].
  /** @internal */ _a: (T | undefined)[] = objectArray();
  /** @internal */ _h = 0;

  /** Number of elements. */
  get length(): number {
    return this._a.length - this._h;
  }

  /** Appends `x`. */
  push(x: T): void {
    this._a.push(x);
  }

  /** The first element, or undefined when empty. */
  first(): T | undefined {
    return this._h < this._a.length ? this._a[this._h] : undefined;
  }

  /** Removes and returns the first element (undefined when empty). */
  shift(): T | undefined {
    const a = this._a;
    if (this._h >= a.length) return undefined;
    if (this._h === a.length - 1) {
      // The last element: pop it, so a list that holds at most one waiter (a size-1 queue) never
      // moves its head nor sets length.
      const last = a.pop();
      if (this._h > 0) {
        a.length = 0;
        this._h = 0;
      }
      return last;
    }
    const x = a[this._h];
    a[this._h++] = undefined;
    if (this._h >= 1024 && this._h * 2 >= a.length) {
      // Mostly dead slots: copy the live part down, amortised O(1) per element.
      this._a = a.slice(this._h);
      this._h = 0;
    }
    return x;
  }

  /** Removes the first occurrence of `x` (deque.remove); returns whether it was there. */
  remove(x: T): boolean {
    const a = this._a;
    if (this._h < a.length && a[this._h] === x) {
      this.shift();
      return true;
    }
    const i = a.indexOf(x, this._h);
    if (i < 0) return false;
    a.splice(i, 1);
    return true;
  }

  /** True if `fn` holds for some element. */
  some(fn: (x: T) => boolean): boolean {
    const a = this._a;
    for (let i = this._h; i < a.length; i++) if (fn(a[i] as T)) return true;
    return false;
  }

  /** True if `fn` holds for every element (true when empty). */
  every(fn: (x: T) => boolean): boolean {
    return !this.some((x) => !fn(x));
  }

  /**
   * Index-based, so that elements pushed while iterating are visited, as with an array. A plain
   * iterator object, not a generator: V8 allocates a generator object for every loop and cannot
   * optimise it away, where this iterator and its results can vanish once the loop is inlined
   * (not when the loop body makes a call V8 does not inline: hot walks, such as
   * Semaphore.release's, go by index over `_a` from `_h` instead).
   */
  [Symbol.iterator](): Iterator<T> {
    return new FifoIterator(this);
  }
}

/** @internal The iterator of a Fifo: its elements from the head at the time of the call. */
class FifoIterator<T> implements Iterator<T> {
  private _i: number;
  constructor(private readonly _f: Fifo<T>) {
    this._i = _f._h;
  }
  next(): IteratorResult<T> {
    const a = this._f._a;
    // Invariant: once done, done for good (as a generator), even if elements are pushed later.
    if (this._i >= 0 && this._i < a.length) return { value: a[this._i++] as T, done: false };
    this._i = -1;
    return { value: undefined, done: true };
  }
}
