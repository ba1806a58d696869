// Rule: cancel(msg) raises CancelledError(msg) at the task's suspended await; the message reaches the
// task itself and whoever awaits the task; cancel() without a message gives an empty message.
import { run, createTask, sleep, CancelledError, Task } from 'tscoro';

async function sleeper(name: string) {
  try {
    await sleep(10);
  } catch (e) {
    if (e instanceof CancelledError) console.log(name, 'sees message:', `'${e.message}'`);
    throw e;
  }
}

async function main() {
  const a = createTask(sleeper('a'));
  const b = createTask(sleeper('b'));
  await sleep(0);
  a.cancel('shutting down');
  b.cancel();
  const pairs: [string, Task<void>][] = [['a', a], ['b', b]];
  for (const [name, t] of pairs) {
    try {
      await t;
    } catch (e) {
      if (e instanceof CancelledError) console.log('awaiter of', name, 'sees message:', `'${e.message}'`);
    }
  }
}

run(main(), { clock: 'virtual' });
