// Debugging coroutines: what an error's stack and a waiting task's stack show.
//
//   node bin/tscoro.js run examples/debugging.ts --clock virtual
//
// 1. An error thrown after an await: its stack names the coroutines awaiting the one that threw,
//    and the await each one waits at (`at async f (file:line:column)`), as V8's async stack traces
//    do, though the task resumed only the innermost.
// 2. Tasks that wait: Task.printStack() shows where each one is suspended (`File "...", line N, in
//    f`), as asyncio's Task.print_stack() does; allTasks() finds them (here: a pool of workers
//    starved of jobs).
import { run, sleep, createTask, allTasks, currentTask, Queue } from 'tscoro';

class Inventory {
  async count(item: string): Promise<number> {
    await sleep(0.1); // a lookup that takes a while
    if (item === 'widgets') throw new RangeError(`no such item: ${item}`);
    return 3;
  }
  async total(items: string[]): Promise<number> {
    let sum = 0;
    for (const item of items) sum += await this.count(item);
    return sum;
  }
}

async function report(): Promise<void> {
  const n = await new Inventory().total(['gears', 'widgets']);
  console.log('total', n);
}

async function worker(jobs: Queue<string>): Promise<void> {
  for (;;) {
    const job = await jobs.get();
    await sleep(0.5);
    console.log('did', job);
  }
}

async function main(): Promise<void> {
  console.log('1. an error thrown after awaits');
  try {
    await report();
  } catch (e) {
    // The first line is the frame that threw (Inventory.count's step, at the throw); then the
    // coroutines that were awaiting it, innermost first, each at the await where it waits.
    console.log((e as Error).stack);
  }

  console.log('2. where waiting tasks are suspended');
  const jobs = new Queue<string>();
  const workers = [1, 2].map((i) => createTask(worker(jobs), { name: `worker-${i}` }));
  jobs.putNowait('a');
  await sleep(0.2);
  for (const t of allTasks()) if (t !== currentTask()) t.printStack({ file: process.stdout });
  for (const w of workers) w.cancel();
}

run(main());
