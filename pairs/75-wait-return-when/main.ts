// Rule: wait() returns {done, pending} Sets of the same task objects when returnWhen holds
// (FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED) or the timeout passes; it never raises the
// tasks' exceptions or cancels them; passing a coroutine is a TypeError.
import { run, wait, createTask, sleep, getRunningLoop, FIRST_COMPLETED, FIRST_EXCEPTION } from 'tscoro';

const now = () => getRunningLoop().time().toFixed(1);

async function job(d: number, fail = false): Promise<number> {
  await sleep(d);
  if (fail) throw new RangeError(`job ${d} failed`);
  return d;
}

async function main() {
  const tasks = [1, 2, 3].map((d) => createTask(job(d, d === 2)));
  let r = await wait(tasks, { returnWhen: FIRST_COMPLETED });
  console.log('FIRST_COMPLETED at', now(), `[${[...r.done].map((t) => t.result()).join(', ')}]`, r.pending.size);
  r = await wait(tasks, { returnWhen: FIRST_EXCEPTION });
  console.log('FIRST_EXCEPTION at', now(), r.done.size, r.pending.size, r.done.has(tasks[1]));
  r = await wait(tasks, { timeout: 0.5 });
  console.log('timeout at', now(), r.done.size, r.pending.size);
  r = await wait(tasks);
  console.log('ALL_COMPLETED at', now(), r.done.size, r.pending.size);
  console.log('exception:', (tasks[1].exception() as Error).message);
  try {
    await wait([job(1)]);
  } catch (e) {
    if (e instanceof TypeError) console.log('TypeError for a coroutine');
  }
}

run(main(), { clock: 'virtual' });
