// Rule: Event.set() wakes every waiter; they resume in waiting order one pass later; wait() on a set
// event returns at once; a cancelled waiter is skipped; clear() makes later waits block again.
import { run, Event, createTask, gather, sleep, getRunningLoop } from 'tscoro';

async function waiter(ev: Event, name: string) {
  console.log(name, 'waits');
  const r = await ev.wait();
  console.log(name, 'woke', r);
}

async function main() {
  const loop = getRunningLoop();
  const ev = new Event();
  const tasks = ['a', 'b', 'c'].map((n) => createTask(waiter(ev, n)));
  await sleep(0);
  tasks[1].cancel();
  loop.callSoon(() => console.log('callSoon before set'));
  ev.set();
  console.log('is_set', ev.isSet());
  await gather(tasks, { returnExceptions: true });
  await ev.wait();
  console.log('wait on set event: no pass');
  ev.clear();
  const t = createTask(waiter(ev, 'd'));
  await sleep(1);
  console.log('d still waiting:', !t.done());
  ev.set();
  await t;
}

run(main(), { clock: 'virtual' });
