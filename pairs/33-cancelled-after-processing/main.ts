// Rule: after cancel() a sleeping task is not yet done or cancelled(); it becomes cancelled only when
// the loop has run it with the CancelledError (one pass later), and its done-callbacks run a pass after.
import { run, createTask, sleep, getRunningLoop, EventLoop, Task } from 'tscoro';

function ticker(n: number, loop: EventLoop, t: Task<void>): void {
  console.log('tick', n, 'done', t.done(), 'cancelled', t.cancelled());
  if (n < 3) {
    loop.callSoon(ticker, n + 1, loop, t);
  }
}

async function sleeper() {
  try {
    await sleep(10);
  } finally {
    console.log('sleeper finally runs');
  }
}

async function main() {
  const loop = getRunningLoop();
  const t = createTask(sleeper());
  await sleep(0);
  t.addDoneCallback((f) => console.log('done callback, cancelled', f.cancelled()));
  loop.callSoon(ticker, 0, loop, t);
  t.cancel();
  console.log('right after cancel: done', t.done(), 'cancelled', t.cancelled());
  for (let i = 0; i < 4; i++) {
    await sleep(0);
  }
}

run(main(), { clock: 'virtual' });
