// Rule: 2000 levels of inline awaits in one task (deeper than a naive stack of nested resumptions
// allows) suspend at the bottom and return/raise back up through every level. Python needs a higher
// recursion limit for this; tscoro must handle it without any setting.
import { run, createTask, sleep } from 'tscoro';

const DEPTH = 2000;

async function down(n: number): Promise<number> {
  if (n === 0) {
    await sleep(0.1);
    return 0;
  }
  return 1 + (await down(n - 1));
}

async function fail(n: number): Promise<void> {
  if (n === 0) {
    await sleep(0);
    throw new Error('bottom');
  }
  try {
    await fail(n - 1);
  } finally {
    if (n % 500 === 0) {
      console.log('unwinding through level', n);
    }
  }
}

async function main() {
  console.log('depth reached:', await down(DEPTH));
  try {
    await fail(DEPTH);
  } catch (e) {
    if (e instanceof Error) console.log('failure came up as:', e.message);
  }
  const t = createTask(down(DEPTH));
  console.log('in a task:', await t);
}

run(main(), { clock: 'virtual' });
