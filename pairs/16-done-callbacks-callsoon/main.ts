// Rule: done-callbacks are never called synchronously by setResult: each is scheduled with callSoon,
// in registration order, behind callbacks already queued. Adding one to a done future schedules it too.
import { run, sleep, getRunningLoop } from 'tscoro';

async function main() {
  const loop = getRunningLoop();
  const fut = loop.createFuture<number>();
  fut.addDoneCallback((f) => console.log('cb A sees', f.result()));
  fut.addDoneCallback((f) => console.log('cb B sees', f.result()));
  loop.callSoon(() => console.log('queued before set_result'));
  fut.setResult(42);
  console.log('set_result returned; nothing ran yet');
  loop.callSoon(() => console.log('queued after set_result'));
  fut.addDoneCallback(() => console.log('cb C (added when done)'));
  console.log('added C; still nothing ran');
  await sleep(0);
  console.log('after one pass');
  fut.addDoneCallback(() => console.log('cb D (added later)'));
  await sleep(0);
  console.log('main end');
}

run(main(), { clock: 'virtual' });
