// Rule: several tasks awaiting one future are woken in the order they started waiting (their wakeups
// are done-callbacks), all in the pass after setResult; sleep(delay, value) returns value.
import { run, createTask, gather, sleep, getRunningLoop, Future } from 'tscoro';

async function waiter(name: string, fut: Future<string>, delay: number) {
  await sleep(delay);
  console.log(name, 'waiting');
  const v = await fut;
  console.log(name, 'got', v);
}

async function main() {
  const loop = getRunningLoop();
  const fut = loop.createFuture<string>();
  const tasks = [
    createTask(waiter('w-late', fut, 0.3)),
    createTask(waiter('w-early', fut, 0.1)),
    createTask(waiter('w-mid', fut, 0.2)),
  ];
  const v = await sleep(0.5, 'payload');
  loop.callSoon(() => console.log('queued before set_result'));
  fut.setResult(v);
  loop.callSoon(() => console.log('queued after set_result'));
  await gather(tasks);
}

run(main(), { clock: 'virtual' });
