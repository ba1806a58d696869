// Queues: asyncio.Queue, PriorityQueue and LifoQueue (CPython 3.11 queues.py, plus shutdown() and
// QueueShutDown from Python 3.13). Takes put/get calls from producer and consumer tasks; produces
// items in FIFO, priority (heapq order) or LIFO order. Blocked getters and putters are woken one
// at a time, first come first served; a getter or putter that is woken but cancelled before it
// runs passes its wake-up on, so cancellation never strands an item or a free slot.
import { Fifo } from './fifo';
import { Park, ParkFrame, Waiter, coro } from './genframe';
import { Event } from './sync/event';

/** Raised by getNowait() on an empty queue (asyncio.QueueEmpty). */
export class QueueEmpty extends Error {
  constructor(message = '') {
    super(message);
    this.name = 'QueueEmpty';
  }
}

/** Raised by putNowait() on a full queue (asyncio.QueueFull). */
export class QueueFull extends Error {
  constructor(message = '') {
    super(message);
    this.name = 'QueueFull';
  }
}

/** Raised by put/get on a queue that was shut down (asyncio.QueueShutDown, Python 3.13). */
export class QueueShutDown extends Error {
  constructor(message = '') {
    super(message);
    this.name = 'QueueShutDown';
  }
}

/**
 * A FIFO queue for producer and consumer tasks (asyncio.Queue). `maxsize <= 0` (the default)
 * means unbounded; otherwise put() waits while the queue holds `maxsize` items.
 */
export class Queue<T> {
  /** @internal */ readonly _maxsize: number;
  // Invariant: one waiter (the get()/put() frame itself, see ParkFrame) per task blocked in
  // get()/put(), in arrival order. A waiter leaves the list when it is woken (_wakeupNext pops
  // it) or when it gives up (it removes itself).
  /** @internal */ readonly _getters = new Fifo<Waiter>();
  /** @internal */ readonly _putters = new Fifo<Waiter>();
  // Invariant: _unfinished counts items put and not yet taskDone()'d; _finished is set iff it is 0.
  /** @internal */ _unfinished = 0;
  /** @internal */ readonly _finished = new Event();
  /** @internal */ _isShutdown = false;
  /** @internal Items (the priority and LIFO queues keep a heap or a stack here). */ _queue: T[] = [];
  // Invariant: the FIFO queue's items are _queue[_qhead..]; slots before _qhead are released. The
  // other queues never move it from 0. (shift() is O(n) on large arrays in V8; see fifo.ts.)
  /** @internal */ _qhead = 0;

  /** A queue holding at most `maxsize` items (0 or less: no limit). */
  constructor(maxsize = 0) {
    this._maxsize = maxsize;
    this._finished.set();
  }

  /** @internal Storage hooks (asyncio's _put/_get), overridden by the priority and LIFO queues. */
  _put(item: T): void {
    this._queue.push(item);
  }
  /** @internal */
  _get(): T {
    const q = this._queue;
    // The last item: pop it (a queue that holds one item at a time never moves its head).
    if (this._qhead === q.length - 1 && this._qhead === 0) return q.pop() as T;
    const item = q[this._qhead];
    q[this._qhead++] = undefined as T;
    if (this._qhead === q.length) {
      q.length = 0;
      this._qhead = 0;
    } else if (this._qhead >= 1024 && this._qhead * 2 >= q.length) {
      this._queue = q.slice(this._qhead);
      this._qhead = 0;
    }
    return item;
  }

  /** @internal Wakes the first waiter in `waiters` that is not done, removing it from the list. */
  _wakeupNext(waiters: Fifo<Waiter>): void {
    while (waiters.length > 0) {
      const w = waiters.shift()!;
      if (!w.done()) {
        w.setResult(undefined);
        break;
      }
    }
  }

  /** Number of items in the queue. */
  qsize(): number {
    return this._queue.length - this._qhead;
  }

  /** The size limit given to the constructor (0 or less: unbounded). */
  get maxsize(): number {
    return this._maxsize;
  }

  /** True when the queue holds no items. */
  empty(): boolean {
    return this.qsize() === 0;
  }

  /** True when the queue holds `maxsize` items (never for an unbounded queue). */
  full(): boolean {
    return this._maxsize > 0 && this.qsize() >= this._maxsize;
  }

  /**
   * Puts `item` in the queue, waiting (FIFO) while it is full. No loop pass when there is room.
   * Throws QueueShutDown if the queue is (or gets) shut down; if the waiting task is cancelled,
   * CancelledError is raised here, the item is not added, and a free slot it was told about goes
   * to the next putter.
   */
  put(item: T): Promise<void> {
    return new QueuePut<T>(this, item) as unknown as Promise<void>;
  }

  /** Puts `item` at once; QueueFull if the queue is full, QueueShutDown if it was shut down. */
  putNowait(item: T): void {
    if (this._isShutdown) throw new QueueShutDown();
    if (this.full()) throw new QueueFull();
    this._put(item);
    this._unfinished++;
    this._finished.clear();
    this._wakeupNext(this._getters);
  }

  /**
   * Removes and returns the next item, waiting (FIFO) while the queue is empty. No loop pass when
   * an item is there. Throws QueueShutDown once the queue is shut down and empty; if the waiting
   * task is cancelled, CancelledError is raised here and a wake-up it had received goes to the
   * next getter.
   */
  get(): Promise<T> {
    return new QueueGet<T>(this) as unknown as Promise<T>;
  }

  /** Removes and returns the next item at once; QueueEmpty if there is none (QueueShutDown if also shut down). */
  getNowait(): T {
    if (this.empty()) {
      if (this._isShutdown) throw new QueueShutDown();
      throw new QueueEmpty();
    }
    const item = this._get();
    this._wakeupNext(this._putters);
    return item;
  }

  /**
   * Marks one item taken with get() as processed; when every item put is processed, join()
   * returns. RangeError if called more times than items were put.
   */
  taskDone(): void {
    if (this._unfinished <= 0) throw new RangeError('taskDone() called too many times');
    this._unfinished--;
    if (this._unfinished === 0) this._finished.set();
  }

  /**
   * Waits until every item put has been marked with taskDone(); at once (no loop pass) if that is
   * already so. Cancelling the task raises CancelledError here; the queue is unaffected.
   */
  join(): Promise<void> {
    return coro(this._joinGen(), 'Queue.join');
  }

  private *_joinGen(): Generator<unknown, void, unknown> {
    if (this._unfinished > 0) yield this._finished.wait();
  }

  /**
   * Shuts the queue down (Python 3.13): later put() and putNowait() throw QueueShutDown, and so do
   * get() and getNowait() once the queue is empty. Blocked putters are woken and throw
   * QueueShutDown; blocked getters are woken and throw it too (the queue is empty when they wait).
   * With `immediate`, the items left are discarded (counted as done for join()), so get() fails at
   * once and join() returns.
   */
  shutdown(immediate = false): void {
    this._isShutdown = true;
    if (immediate) {
      while (!this.empty()) {
        this._get();
        if (this._unfinished > 0) this._unfinished--;
      }
      if (this._unfinished === 0) this._finished.set();
    }
    while (this._getters.length > 0) {
      const g = this._getters.shift()!;
      if (!g.done()) g.setResult(undefined);
    }
    while (this._putters.length > 0) {
      const p = this._putters.shift()!;
      if (!p.done()) p.setResult(undefined);
    }
  }

  toString(): string {
    let s = `<${this.constructor.name} maxsize=${this._maxsize}`;
    if (this.qsize() > 0) s += ` _queue=[${this._queue.slice(this._qhead).map(String).join(', ')}]`;
    if (this._getters.length > 0) s += ` _getters[${this._getters.length}]`;
    if (this._putters.length > 0) s += ` _putters[${this._putters.length}]`;
    if (this._unfinished > 0) s += ` tasks=${this._unfinished}`;
    return s + '>';
  }
}

// Queue.put and Queue.get are the hottest runtime coroutines (a producer and a consumer await one
// per item), so they are ParkFrames (genframe.ts) instead of generator frames: one small object
// per call, which is also the waiter (CPython's putter Future). Each mirrors CPython's loop:
//   put:  while self.full(): putter = Future(); self._putters.append(putter)
//                            try: await putter
//                            except: putter.cancel(); remove it; if not full and not cancelled: wake next; raise
//         self.put_nowait(item)
// (get is the same with empty/_getters/get_nowait).

/** The coroutine returned by Queue.put(). */
class QueuePut<T> extends ParkFrame<void> {
  constructor(
    /** @internal */ readonly _q: Queue<T>,
    /** @internal */ readonly _item: T,
  ) {
    super();
  }
  /** @internal */
  override _label(): string {
    return 'Queue.put';
  }
  override $step(m: 0 | 1, v: unknown): unknown {
    const q = this._q;
    if (m) {
      if (this._ps !== Park.Idle) {
        // The await of the putter (this frame) failed.
        this.cancel();
        q._putters.remove(this);
        if (!q.full() && !this.cancelled()) q._wakeupNext(q._putters);
      }
      throw v;
    }
    if (q.full()) {
      if (q._isShutdown) throw new QueueShutDown();
      q._putters.push(this);
      return this._park();
    }
    q.putNowait(this._item);
    return undefined;
  }
}

/** The coroutine returned by Queue.get(). */
class QueueGet<T> extends ParkFrame<T> {
  constructor(/** @internal */ readonly _q: Queue<T>) {
    super();
  }
  /** @internal */
  override _label(): string {
    return 'Queue.get';
  }
  override $step(m: 0 | 1, v: unknown): unknown {
    const q = this._q;
    if (m) {
      if (this._ps !== Park.Idle) {
        // The await of the getter (this frame) failed.
        this.cancel();
        q._getters.remove(this);
        if (!q.empty() && !this.cancelled()) q._wakeupNext(q._getters);
      }
      throw v;
    }
    if (q.empty()) {
      if (q._isShutdown) throw new QueueShutDown();
      q._getters.push(this);
      return this._park();
    }
    return q.getNowait();
  }
}


/** Orders values as Python's `<` does for numbers, strings, booleans and tuples (arrays). */
export function pythonCompare(a: unknown, b: unknown): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const c = pythonCompare(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if ((typeof a === 'number' || typeof a === 'boolean' || typeof a === 'bigint') && typeof a === typeof b)
    return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
  if (a === b) return 0;
  throw new TypeError(`'<' not supported between ${typeof a} and ${typeof b}: pass a compare function`);
}

/**
 * A queue that returns the smallest item first (asyncio.PriorityQueue). Items are compared with
 * `compare` (default: Python's ordering of numbers, strings and tuples such as `[priority, data]`);
 * ties come out in the same order as Python's heapq gives them.
 */
export class PriorityQueue<T> extends Queue<T> {
  /** @internal */ readonly _compare: (a: T, b: T) => number;

  /** A priority queue of at most `maxsize` items (0: unbounded), ordered by `compare`. */
  constructor(maxsize = 0, compare: (a: T, b: T) => number = pythonCompare) {
    super(maxsize);
    this._compare = compare;
  }

  // heapq.heappush: append, then _siftdown from the new leaf.
  /** @internal */
  override _put(item: T): void {
    const h = this._queue;
    h.push(item);
    this._siftdown(0, h.length - 1);
  }

  // heapq.heappop: move the last leaf to the root and _siftup (down to a leaf, then back up),
  // exactly as heapq does, so equal items leave in the same order as in CPython.
  /** @internal */
  override _get(): T {
    const h = this._queue;
    const last = h.pop()!;
    if (h.length === 0) return last;
    const top = h[0];
    h[0] = last;
    this._siftup(0);
    return top;
  }

  private _siftdown(start: number, pos: number): void {
    const h = this._queue;
    const item = h[pos];
    while (pos > start) {
      const parentPos = (pos - 1) >> 1;
      const parent = h[parentPos];
      if (this._compare(item, parent) < 0) {
        h[pos] = parent;
        pos = parentPos;
        continue;
      }
      break;
    }
    h[pos] = item;
  }

  private _siftup(pos: number): void {
    const h = this._queue;
    const end = h.length;
    const start = pos;
    const item = h[pos];
    let child = 2 * pos + 1;
    while (child < end) {
      const right = child + 1;
      if (right < end && !(this._compare(h[child], h[right]) < 0)) child = right;
      h[pos] = h[child];
      pos = child;
      child = 2 * pos + 1;
    }
    h[pos] = item;
    this._siftdown(start, pos);
  }
}

/** A queue that returns the most recently added item first (asyncio.LifoQueue). */
export class LifoQueue<T> extends Queue<T> {
  /** @internal */
  override _get(): T {
    return this._queue.pop() as T;
  }
}
