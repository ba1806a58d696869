// Rule: at the start of a pass, due timers are appended to the ready queue behind the callbacks already
// there; so callLater(0, ...) runs after callSoon callbacks queued both before and after it.
import { run, sleep, getRunningLoop } from 'tscoro';

async function main() {
  const loop = getRunningLoop();
  loop.callSoon(() => console.log('soon 1'));
  loop.callLater(0, () => console.log('later 0 (A)'));
  loop.callSoon(() => console.log('soon 2'));
  loop.callLater(0, () => console.log('later 0 (B)'));
  loop.callSoon(() => console.log('soon 3'));
  console.log('main yields');
  await sleep(0);
  console.log('main back');
  await sleep(0);
  console.log('main end');
}

run(main(), { clock: 'virtual' });
