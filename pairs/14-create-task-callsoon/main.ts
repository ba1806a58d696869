// Rule: createTask schedules the task's first step with callSoon: the body does not start inside
// createTask, and first steps interleave with plain callSoon callbacks in scheduling order.
import { run, createTask, sleep, getRunningLoop } from 'tscoro';

async function body(name: string) {
  console.log('task', name, 'first step');
  await sleep(0);
  console.log('task', name, 'second step');
}

async function main() {
  const loop = getRunningLoop();
  loop.callSoon(() => console.log('cb 1'));
  const t1 = createTask(body('one'));
  console.log('after create_task one, started?', t1.done());
  loop.callSoon(() => console.log('cb 2'));
  const t2 = createTask(body('two'));
  loop.callSoon(() => console.log('cb 3'));
  console.log('main yields');
  await sleep(0);
  console.log('main back');
  const t3 = createTask(body('three'));
  loop.callSoon(() => console.log('cb 4'));
  await t1;
  console.log('t1 awaited');
  await t2;
  await t3;
  console.log('main end');
}

run(main(), { clock: 'virtual' });
