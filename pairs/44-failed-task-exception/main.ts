// Rule: an exception escaping a task's coroutine finishes the task with that exception: done() is true,
// cancelled() false, exception() returns it, result() and every await of the task raise it again.
import { run, createTask, gather, sleep, getRunningLoop, Task } from 'tscoro';

async function boom(delay: number): Promise<number> {
  await sleep(delay);
  console.log('boom raising at', getRunningLoop().time().toFixed(3));
  throw new Error('kaboom');
}

async function watcher(t: Task<number>, name: string) {
  try {
    await t;
  } catch (e) {
    if (e instanceof Error) console.log(name, 'saw', e.message);
  }
}

async function main() {
  const t = createTask(boom(0.2));
  const w1 = createTask(watcher(t, 'w1'));
  const w2 = createTask(watcher(t, 'w2'));
  await gather(w1, w2);
  console.log('done:', t.done(), 'cancelled:', t.cancelled());
  const exc = t.exception();
  console.log('exception():', exc instanceof Error ? exc.message : 'none');
  try {
    t.result();
  } catch (e) {
    if (e instanceof Error) console.log('result() raised:', e.message);
  }
  try {
    await t;
  } catch (e) {
    console.log('await again raised the same object:', e === t.exception());
  }
}

run(main(), { clock: 'virtual' });
