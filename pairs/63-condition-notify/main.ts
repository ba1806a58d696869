// Rule: Condition.notify(n) wakes the n longest-waiting tasks; each returns from wait() only after
// re-acquiring the lock, in FIFO order; waitFor() re-checks its predicate after every wake-up.
import { run, Condition, createTask, gather, sleep } from 'tscoro';

async function consumer(cond: Condition, items: string[], name: string) {
  await cond.acquire();
  try {
    console.log(name, 'waiting');
    await cond.waitFor(() => items.length > 0);
    console.log(name, 'got', items.shift());
  } finally {
    cond.release();
  }
}

async function main() {
  const cond = new Condition();
  const items: string[] = [];
  const tasks = ['a', 'b', 'c', 'd'].map((n) => createTask(consumer(cond, items, n)));
  await sleep(0);
  await cond.acquire();
  try {
    items.push('x', 'y');
    cond.notify(2);
    console.log('notified 2, holding the lock');
    await sleep(1);
  } finally {
    cond.release();
  }
  console.log('released');
  await sleep(0.1);
  await cond.acquire();
  try {
    items.push('z');
    cond.notifyAll();
    console.log('notified all');
  } finally {
    cond.release();
  }
  await sleep(0.1);
  console.log('still waiting:', tasks.filter((t) => !t.done()).length);
  await cond.acquire();
  try {
    items.push('w');
    cond.notify();
  } finally {
    cond.release();
  }
  await gather(...tasks);
}

run(main(), { clock: 'virtual' });
