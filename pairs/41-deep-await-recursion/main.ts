// Rule: a recursion of inline awaits 250 levels deep (each level awaiting the next coroutine) runs in
// one task, suspends at the bottom, and returns and raises back up through every level.
import { run, createTask, gather, sleep } from 'tscoro';

const DEPTH = 250;

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
  } catch (e) {
    throw n % 100 === 0 ? new Error(String(n)) : e;
  }
}

async function ticker() {
  for (let i = 0; i < 3; i++) {
    console.log('ticker', i);
    await sleep(0);
  }
}

async function main() {
  const t = createTask(ticker());
  console.log('depth reached:', await down(DEPTH));
  try {
    await fail(DEPTH);
  } catch (e) {
    if (e instanceof Error) console.log('failure came up as:', e.message);
  }
  const results = await gather(down(DEPTH), down(DEPTH - 50));
  console.log('two deep tasks:', results[0], results[1]);
  await t;
}

run(main(), { clock: 'virtual' });
