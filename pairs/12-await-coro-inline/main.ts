// Rule: awaiting a coroutine runs it inline in the same task, without yielding to the loop: a
// concurrent task that is ready never gets to interleave while the chain of plain coroutines runs.
import { run, createTask, sleep } from 'tscoro';

async function leaf(n: number) {
  console.log('leaf', n);
  return n * 10;
}

async function middle(n: number) {
  console.log('middle start', n);
  const a = await leaf(n);
  const b = await leaf(n + 1);
  console.log('middle end', n);
  return a + b;
}

async function other() {
  console.log('other runs');
  await sleep(0);
  console.log('other again');
}

async function main() {
  const t = createTask(other());
  let total = 0;
  for (let i = 0; i < 3; i++) {
    total += await middle(i);
  }
  console.log('total', total);
  await sleep(0);
  console.log('main after yield');
  await t;
}

run(main(), { clock: 'virtual' });
