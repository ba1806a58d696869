// Rule: sleep(0) yields exactly one loop pass: a task doing sleep(0) in a loop advances in lock-step
// with a callSoon chain that reschedules itself once per pass.
import { run, createTask, sleep, getRunningLoop, EventLoop } from 'tscoro';

function ticker(n: number, loop: EventLoop): void {
  console.log('tick', n);
  if (n < 4) {
    loop.callSoon(ticker, n + 1, loop);
  }
}

async function worker() {
  for (let i = 0; i < 3; i++) {
    console.log('worker before sleep', i);
    await sleep(0);
  }
  console.log('worker done');
}

async function main() {
  const loop = getRunningLoop();
  loop.callSoon(ticker, 0, loop);
  const t = createTask(worker());
  await sleep(0);
  console.log('main after one pass');
  await sleep(0);
  await sleep(0);
  console.log('main after three passes');
  await t;
  console.log('main after worker');
}

run(main(), { clock: 'virtual' });
