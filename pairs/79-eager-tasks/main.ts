// Rule (asyncio 3.12, eager_start / eager_task_factory): an eager task runs its first step inside
// createTask, with currentTask() = the new task, up to its first suspension; one that finishes
// without suspending comes back done and is never scheduled nor listed by allTasks(). With a factory
// the name is applied after the eager step. expected.txt: CPython 3.12.1 under vasyncio.py (3.13.0
// prints the same).
import { run, createTask, currentTask, allTasks, getRunningLoop, eagerTaskFactory, gather, sleep } from 'tscoro';

async function quick(x: number) {
  console.log('quick runs, current is self:', currentTask()!.getName());
  return x * 2;
}

async function slow(name: string) {
  console.log(name, 'step 1 in', currentTask()!.getName());
  await sleep(0);
  console.log(name, 'step 2');
  return name;
}

async function boom(): Promise<never> {
  throw new Error('eager boom');
}

async function main() {
  const loop = getRunningLoop();
  const me = currentTask();
  console.log('before');
  const t = createTask(quick(21), { eager: true });
  console.log('after quick: done', t.done(), 'result', t.result(), 'in all_tasks', allTasks().has(t));
  console.log('current back to main:', currentTask() === me);
  const s = createTask(slow('s'), { eager: true });
  console.log('after slow: done', s.done(), 'in all_tasks', allTasks().has(s));
  const lazy = createTask(slow('lazy'));
  console.log('lazy created');
  const b = createTask(boom(), { eager: true });
  console.log('boom done', b.done(), 'exception', (b.exception() as Error).message);
  console.log(await s, await lazy);
  loop.setTaskFactory(eagerTaskFactory);
  console.log('factory is eager:', loop.getTaskFactory() === eagerTaskFactory);
  const u = createTask(slow('u'), { name: 'named' });
  console.log('created u', u.getName());
  const g = gather(slow('g1'), quick(1));
  console.log('gather created');
  const gr = await g;
  console.log(`['${gr[0]}', ${gr[1]}]`, await u);
  loop.setTaskFactory(null);
  console.log('factory:', loop.getTaskFactory() === null ? 'None' : 'set');
}

run(main(), { clock: 'virtual' });
