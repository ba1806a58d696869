// Rule: awaiting a future (or task) that is already done does not yield to the loop; awaiting a
// pending one does. A callSoon chain that ticks once per pass shows where the task yielded.
import { run, createTask, sleep, getRunningLoop, EventLoop } from 'tscoro';

function ticker(n: number, loop: EventLoop): void {
  console.log('tick', n);
  if (n < 3) {
    loop.callSoon(ticker, n + 1, loop);
  }
}

async function quick() {
  return 'q';
}

async function main() {
  const loop = getRunningLoop();
  const doneFut = loop.createFuture<string>();
  doneFut.setResult('ready');
  const t = createTask(quick());
  await sleep(0);
  console.log('task done:', t.done());
  loop.callSoon(ticker, 0, loop);
  const v1 = await doneFut;
  const v2 = await doneFut;
  const v3 = await t;
  console.log('awaited done ones without yielding:', v1, v2, v3);
  const pending = loop.createFuture<string>();
  loop.callSoon((v: string) => pending.setResult(v), 'later');
  const v4 = await pending;
  console.log('awaited pending:', v4);
  await sleep(0);
  await sleep(0);
  console.log('main end');
}

run(main(), { clock: 'virtual' });
