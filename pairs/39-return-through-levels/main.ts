// Rule: a value returned by the innermost coroutine comes back up through several levels of inline
// awaits in one task; only the real suspension (the sleep at the bottom) lets another task run.
import { run, createTask, sleep } from 'tscoro';

async function level(n: number, log: number[]): Promise<number> {
  log.push(n);
  if (n === 0) {
    console.log('bottom reached, sleeping');
    await sleep(0.1);
    return 1;
  }
  const below = await level(n - 1, log);
  return below * 2 + n;
}

async function other() {
  console.log('other task ran while the chain slept');
}

async function main() {
  const log: number[] = [];
  createTask(other());
  const v = await level(6, log);
  console.log('levels entered:', log.join(' '));
  console.log('value:', v);
  const t = createTask(level(4, []));
  console.log('via a task:', await t);
}

run(main(), { clock: 'virtual' });
