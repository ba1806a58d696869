// The tiny common API every workload is written against (declarations only). Each form supplies its
// own api.js next to the compiled workloads: forms/tscoro-api.js re-exports tscoro's runtime;
// forms/promise-api.js is a minimal Promise-based implementation (virtual timer heap included) used
// by native async/await, TypeScript's downlevel and Babel's regenerator alike. Times are in seconds.

export interface BenchQueue<T> {
  put(item: T): Promise<void>;
  get(): Promise<T>;
}
export interface BenchEvent {
  wait(): Promise<unknown>;
  set(): void;
}
export interface BenchSemaphore {
  acquire(): Promise<unknown>;
  release(): void;
}
export interface BenchGroup {
  spawn(task: Promise<unknown>): void;
}

export declare function sleep(seconds: number): Promise<void>;
/** Start `coro` concurrently; the handle can be awaited or gathered. */
export declare function spawn<T>(coro: Promise<T>): Promise<T>;
export declare function gather<T>(aws: Promise<T>[]): Promise<T[]>;
export declare const Queue: new <T>(maxsize: number) => BenchQueue<T>;
export declare const Event: new () => BenchEvent;
export declare const Semaphore: new (value: number) => BenchSemaphore;
/** Runs `body()`; throws an error (any kind) when it takes longer than `seconds`. */
export declare function withTimeout<T>(seconds: number, body: () => Promise<T>): Promise<T>;
/** Runs `body(group)` and waits for every task it spawned into the group. */
export declare function taskGroup(body: (group: BenchGroup) => Promise<void>): Promise<void>;
/** Heap bytes in use after a full GC (W5; the driver runs with --expose-gc for W5 only). */
export declare function heapUsed(): number;
