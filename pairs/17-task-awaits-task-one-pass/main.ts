// Rule: a task awaiting another task resumes one pass after that task finishes (the waiter is woken
// by a done-callback, itself scheduled with callSoon); a per-pass callSoon ticker shows the gap.
import { run, createTask, sleep, getRunningLoop, EventLoop, Task } from 'tscoro';

function ticker(n: number, loop: EventLoop): void {
  console.log('tick', n);
  if (n < 2) {
    loop.callSoon(ticker, n + 1, loop);
  }
}

async function child() {
  console.log('child step 1');
  await sleep(0);
  console.log('child step 2, returning');
  return 'value';
}

async function waiter(t: Task<string>, name: string) {
  const v = await t;
  console.log(name, 'resumed with', v);
  return name;
}

async function main() {
  const loop = getRunningLoop();
  const c = createTask(child());
  const w1 = createTask(waiter(c, 'w1'));
  loop.callSoon(ticker, 0, loop);
  const w2 = createTask(waiter(c, 'w2'));
  const r = await w1;
  console.log('main got', r);
  console.log('main got', await w2);
}

run(main(), { clock: 'virtual' });
