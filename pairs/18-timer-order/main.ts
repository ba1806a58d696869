// Rule: timers fire in (deadline, insertion) order whatever order they were created in; callLater and
// callAt share one timer queue; loop.time() on the virtual clock reads each timer's deadline.
import { run, sleep, getRunningLoop, EventLoop } from 'tscoro';

function cb(name: string, loop: EventLoop): void {
  console.log(name, 'at', loop.time().toFixed(3));
}

async function main() {
  const loop = getRunningLoop();
  console.log('start at', loop.time().toFixed(3));
  loop.callLater(0.3, cb, 'c (later 0.3)', loop);
  loop.callLater(0.1, cb, 'a (later 0.1)', loop);
  loop.callAt(loop.time() + 0.2, cb, 'b (at 0.2)', loop);
  loop.callLater(0.25, cb, 'tie first (later 0.25)', loop);
  loop.callLater(0.25, cb, 'tie second (later 0.25)', loop);
  loop.callLater(0.05, cb, 'first (later 0.05)', loop);
  loop.callAt(0.45, cb, 'last (at 0.45)', loop);
  await sleep(0.5);
  console.log('main woke at', loop.time().toFixed(3));
}

run(main(), { clock: 'virtual' });
