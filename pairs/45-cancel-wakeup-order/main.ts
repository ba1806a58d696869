// Rule: cancel() on a sleeping task schedules its wakeup with callSoon at the moment of the cancel, so
// cancelled tasks resume in cancel order, interleaved with other callSoon callbacks in queue order;
// their sleep timers never fire.
import { run, createTask, gather, sleep, getRunningLoop, CancelledError } from 'tscoro';

async function sleeper(name: string, delay: number) {
  try {
    await sleep(delay);
    console.log(name, 'woke normally');
  } catch (e) {
    if (e instanceof CancelledError) console.log(name, 'cancelled');
  }
}

async function main() {
  const loop = getRunningLoop();
  const a = createTask(sleeper('a', 5));
  const b = createTask(sleeper('b', 5.5));
  const c = createTask(sleeper('c', 6));
  await sleep(1);
  loop.callSoon(() => console.log('cb 1'));
  c.cancel();
  loop.callSoon(() => console.log('cb 2'));
  a.cancel();
  loop.callSoon(() => console.log('cb 3'));
  await gather(a, b, c);
  console.log('all done at', loop.time().toFixed(3));
}

run(main(), { clock: 'virtual' });
