// Rule: gather of already-done futures still completes through done-callbacks scheduled with callSoon,
// so awaiting it yields (two passes: children's callbacks, then the waiter's wakeup); gather() of nothing
// is already done and does not yield.
// VERSION NOTE: this is CPython 3.11 behaviour (expected.txt); 3.12+ runs the done-callbacks of
// already-done children synchronously, so there the gather of done futures does not yield at all.
import { run, gather, sleep, getRunningLoop, EventLoop } from 'tscoro';

function ticker(n: number, loop: EventLoop): void {
  console.log('tick', n);
  if (n < 3) {
    loop.callSoon(ticker, n + 1, loop);
  }
}

async function main() {
  const loop = getRunningLoop();
  const f1 = loop.createFuture<string>();
  const f2 = loop.createFuture<string>();
  f1.setResult('x');
  f2.setResult('y');
  loop.callSoon(ticker, 0, loop);
  const empty = await gather();
  console.log('empty gather gave', empty.length, 'results without yielding');
  const res = await gather(f1, f2);
  console.log('gather of done futures:', res.join(' '));
  await sleep(0);
  await sleep(0);
  console.log('main end');
}

run(main(), { clock: 'virtual' });
