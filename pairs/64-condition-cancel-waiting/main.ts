// Rule: a task cancelled while waiting on a Condition re-acquires the lock before CancelledError
// leaves wait() (so its finally releases a lock it holds); other waiters are unaffected.
import { run, Condition, CancelledError, createTask, gather, sleep } from 'tscoro';

async function waiter(cond: Condition, name: string) {
  await cond.acquire();
  try {
    try {
      await cond.wait();
      console.log(name, 'notified');
    } catch (e) {
      if (e instanceof CancelledError) console.log(name, 'cancelled; holds lock:', cond.locked());
      throw e;
    }
  } finally {
    cond.release();
  }
}

async function main() {
  const cond = new Condition();
  const a = createTask(waiter(cond, 'a'));
  const b = createTask(waiter(cond, 'b'));
  await sleep(0);
  await cond.acquire();
  try {
    a.cancel();
    await sleep(0.5);
    console.log('a done while main holds the lock:', a.done());
  } finally {
    cond.release();
  }
  await sleep(0);
  console.log('a done:', a.done());
  await cond.acquire();
  try {
    cond.notify();
  } finally {
    cond.release();
  }
  await gather([a, b], { returnExceptions: true });
  console.log('locked', cond.locked());
}

run(main(), { clock: 'virtual' });
