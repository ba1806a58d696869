// Rule: a sleeping task's timer only resolves a future; the task resumes one pass later. A callLater
// callback due at the same deadline (exactly two timers per deadline, created in order) shows it.
import { run, createTask, sleep, getRunningLoop } from 'tscoro';

function timerCb(label: string): void {
  console.log(label, 'timer callback');
  getRunningLoop().callSoon(() => console.log(label, 'call_soon from timer callback'));
}

async function sleeper(label: string, delay: number) {
  await sleep(delay);
  console.log(label, 'sleeper resumed');
}

async function main() {
  const loop = getRunningLoop();
  // deadline 1.0: the callLater timer is created before the sleep's timer
  loop.callLater(1.0, timerCb, 'first');
  const t1 = createTask(sleeper('first', 1.0));
  await t1;
  // deadline 3.0: the sleep's timer is created before the callLater timer
  const t2 = createTask(sleeper('second', 2.0));
  await sleep(0);
  loop.callLater(2.0, timerCb, 'second');
  await t2;
  await sleep(0);
  console.log('main end');
}

run(main(), { clock: 'virtual' });
