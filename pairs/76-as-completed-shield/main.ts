// Rule: asCompleted yields awaitables that give results in completion order (TimeoutError for the
// ones left when its timeout passes); shield() lets the awaiting task be cancelled while the
// shielded task runs on.
import { run, asCompleted, shield, createTask, gather, sleep, getRunningLoop, TimeoutError, CancelledError } from 'tscoro';

const now = () => getRunningLoop().time().toFixed(1);

async function job(d: number): Promise<number> {
  await sleep(d);
  return d;
}

async function main() {
  let tasks = [3, 1, 2].map((d) => createTask(job(d)));
  for (const aw of asCompleted(tasks)) console.log('completed', await aw, 'at', now());
  tasks = [3, 1, 2].map((d) => createTask(job(d)));
  try {
    for (const aw of asCompleted(tasks, { timeout: 1.5 })) console.log('completed', await aw, 'at', now());
  } catch (e) {
    if (e instanceof TimeoutError) console.log('as_completed timed out at', now());
  }
  await gather(...tasks);
  const inner = createTask(job(2));
  const o = createTask((async () => await shield(inner))());
  await sleep(1);
  o.cancel();
  try {
    await o;
  } catch (e) {
    if (e instanceof CancelledError) console.log('outer cancelled at', now(), 'inner done', inner.done());
  }
  console.log('inner result', await inner, 'at', now());
}

run(main(), { clock: 'virtual' });
