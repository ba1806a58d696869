// Rule: callLater(delay) is callAt(loop.time() + delay); a cancelled handle never runs; extra
// arguments are passed through; timer callbacks scheduled from timer callbacks count from the virtual
// time at which they are created; callSoon handles can be cancelled before their pass too.
import { run, sleep, getRunningLoop, EventLoop } from 'tscoro';

function report(label: string, loop: EventLoop): void {
  console.log(label, 'at', loop.time().toFixed(3));
}

function chain(n: number, loop: EventLoop): void {
  console.log('chain', n, 'at', loop.time().toFixed(3));
  if (n < 3) {
    loop.callLater(0.3, chain, n + 1, loop);
  }
}

async function main() {
  const loop = getRunningLoop();
  const t0 = loop.time();
  const h1 = loop.callLater(0.5, report, 'cancelled later', loop);
  const h2 = loop.callAt(t0 + 0.75, report, 'at 0.75', loop);
  const h3 = loop.callSoon(report, 'cancelled soon', loop);
  loop.callSoon(report, 'soon', loop);
  loop.callLater(0.1, chain, 0, loop);
  h1.cancel();
  h3.cancel();
  console.log('h1 cancelled:', h1.cancelled(), 'h2 cancelled:', h2.cancelled());
  console.log('h3 cancelled:', h3.cancelled());
  await sleep(0.65);
  console.log('main at', loop.time().toFixed(3));
  loop.callAt(0.2, report, 'deadline in the past', loop);
  loop.callLater(-1, report, 'negative delay', loop);
  await sleep(1.5);
  console.log('main end at', loop.time().toFixed(3));
}

run(main(), { clock: 'virtual' });
