// Rule: an exception from the taskGroup body cancels the children and is raised in the group's
// ExceptionGroup; cancelling the task that runs a taskGroup cancels the children, waits for them,
// and the task ends cancelled; a finished group refuses new tasks.
import { run, taskGroup, createTask, sleep, getRunningLoop, CancelledError, ExceptionGroup, RuntimeError, TaskGroup } from 'tscoro';

const now = () => getRunningLoop().time().toFixed(1);

async function child(name: string, d: number) {
  try {
    await sleep(d);
    console.log(name, 'done at', now());
  } catch (e) {
    if (e instanceof CancelledError) {
      console.log(name, 'cancelled at', now());
      await sleep(0.5);
      console.log(name, 'cleaned up at', now());
    }
    throw e;
  }
}

class KeyError extends Error {
  override name = 'KeyError';
}

async function runner() {
  await taskGroup(async (tg) => {
    tg.createTask(child('c', 2));
    tg.createTask(child('d', 3));
  });
  console.log('not reached');
}

async function main() {
  try {
    await taskGroup(async (tg) => {
      tg.createTask(child('a', 1));
      tg.createTask(child('b', 2));
      await sleep(0.5);
      throw new KeyError('body');
    });
  } catch (e) {
    if (e instanceof ExceptionGroup)
      console.log('ExceptionGroup', `[${e.errors.map((x) => `'${(x as Error).name}'`).join(', ')}]`, 'at', now());
  }
  const t = createTask(runner());
  await sleep(1);
  t.cancel();
  try {
    await t;
  } catch (e) {
    if (e instanceof CancelledError) console.log('runner cancelled at', now());
  }
  let group: TaskGroup | null = null;
  await taskGroup(async (tg) => {
    group = tg;
  });
  try {
    group!.createTask(child('late', 1));
  } catch (e) {
    if (e instanceof RuntimeError) console.log('finished group refuses tasks');
  }
}

run(main(), { clock: 'virtual' });
