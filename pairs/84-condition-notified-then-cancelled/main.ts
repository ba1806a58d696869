// Rule (CPython 3.13, gh-112202; tscoro's one deliberate change to 3.11): a task that was notified
// by Condition.notify() and is cancelled before it gets the lock back hands the notification to the
// next waiter, so that it is not lost. expected.txt: CPython 3.13.0 under vasyncio.py (3.11.7 and
// 3.12.1 lose it: "b done: false", then "b cancelled").
import { run, sleep, createTask, gather, wait, Condition, CancelledError } from 'tscoro';

async function waiter(cond: Condition, name: string): Promise<void> {
  await cond.acquire();
  try {
    try {
      await cond.wait();
      console.log(name, 'notified');
    } catch (e) {
      if (e instanceof CancelledError) console.log(name, 'cancelled');
      throw e;
    }
  } finally {
    cond.release();
  }
}

async function main(): Promise<void> {
  const cond = new Condition();
  const a = createTask(waiter(cond, 'a'));
  const b = createTask(waiter(cond, 'b'));
  await sleep(0);
  await cond.acquire();
  try {
    cond.notify();
  } finally {
    cond.release();
  }
  a.cancel(); // notified, but cancelled before it re-acquires the lock
  const { done } = await wait([b], { timeout: 1 });
  console.log('b done:', done.has(b));
  if (done.size === 0) b.cancel();
  await gather([a, b], { returnExceptions: true });
  console.log('a cancelled:', a.cancelled());
}

run(main());
