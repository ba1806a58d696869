// Rule: when taskGroup children fail, the group cancels the other children and the body, waits for
// all of them, and raises every child error together in one ExceptionGroup (in failure order);
// without failures it waits for every child before the block ends.
import { run, taskGroup, sleep, getRunningLoop, CancelledError, ExceptionGroup, Task } from 'tscoro';

const now = () => getRunningLoop().time().toFixed(1);

async function child(name: string, d: number, fail = false): Promise<string> {
  try {
    await sleep(d);
    if (fail) {
      console.log(name, 'fails at', now());
      throw new RangeError(name);
    }
    console.log(name, 'done at', now());
    return name;
  } catch (e) {
    if (e instanceof CancelledError) console.log(name, 'cancelled at', now());
    throw e;
  }
}

async function main() {
  let a: Task<string> | null = null;
  let b: Task<string> | null = null;
  await taskGroup(async (tg) => {
    a = tg.createTask(child('a', 1));
    b = tg.createTask(child('b', 2));
    console.log('body done');
  });
  console.log('results', a!.result(), b!.result(), 'at', now());
  try {
    await taskGroup(async (tg) => {
      tg.createTask(child('x', 1, true));
      tg.createTask(child('y', 1, true));
      tg.createTask(child('z', 3));
      try {
        await sleep(5);
      } catch (e) {
        if (e instanceof CancelledError) console.log('body cancelled at', now());
        throw e;
      }
    });
  } catch (e) {
    if (e instanceof ExceptionGroup)
      console.log('ExceptionGroup', `[${e.errors.map((x) => `'${(x as Error).message}'`).join(', ')}]`, 'at', now());
  }
}

run(main(), { clock: 'virtual' });
