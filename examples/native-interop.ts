// Coroutines and native promises, both ways, on the real clock.
// Takes nothing; prints what each side saw. Run it with `node bin/tscoro.js run examples/native-interop.ts`.
//   1. Native code awaits coroutines: a coroutine is a thenable, and its `then` schedules it as a Task
//      on the default loop (no run() needed), so Promise.all and `.then` just work.
//   2. A coroutine awaits native promises: the task suspends until the promise settles (a host
//      setTimeout, fs.promises); other tasks keep running meanwhile.
// Every async function in this file is compiled to a coroutine, so the "native" side here is plain
// promise code (.then, Promise.all); a file compiled without the transformer can `await` coroutines too.
import { promises as fs } from 'fs';
import { run, createTask, sleep, getRunningLoop } from 'tscoro';

async function square(n: number): Promise<number> {
  await sleep(0.01 * n);
  return n * n;
}

/** A native Promise over a host timer: tscoro's loop knows nothing of it until a task awaits it. */
function hostDelay(ms: number): Promise<string> {
  return new Promise((resolve) => setTimeout(() => resolve(`host timer ${ms} ms`), ms));
}

async function ticker(): Promise<void> {
  for (let i = 1; i <= 3; i++) {
    await sleep(0.03);
    console.log(`  tick ${i}`);
  }
}

async function main(): Promise<string> {
  const loop = getRunningLoop();
  const t0 = loop.time();
  const tick = createTask(ticker());
  console.log('  awaiting a native promise (100 ms host timer) while a task ticks...');
  console.log(`  got: ${await hostDelay(100)}`);
  const text = await fs.readFile(__filename, 'utf8');
  console.log(`  fs.promises read this file's first line: ${text.split('\n')[0]}`);
  await tick;
  return `main done after ~${(loop.time() - t0).toFixed(1)} s`;
}

console.log('1. native code awaits coroutines');
Promise.all([square(1), square(2), square(3)])
  .then((squares) => {
    console.log(`  Promise.all -> ${squares.join(', ')}`);
    console.log('2. a coroutine awaits native promises');
    return run(main());
  })
  .then((message) => console.log(`  run() -> ${message}`));
