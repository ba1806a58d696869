// Rule: Semaphore admits `value` tasks at once and queues the rest FIFO; locked() is true while
// others wait; a permit handed to a waiter cancelled before it runs goes to the next waiter.
import { run, Semaphore, createTask, gather, sleep, getRunningLoop } from 'tscoro';

async function worker(sem: Semaphore, name: string, hold: number) {
  await sem.acquire();
  try {
    console.log(name, 'in at', getRunningLoop().time().toFixed(1));
    await sleep(hold);
  } finally {
    sem.release();
  }
  console.log(name, 'out');
}

async function main() {
  const sem = new Semaphore(2);
  const tasks = ['a', 'b', 'c', 'd', 'e'].map((n) => createTask(worker(sem, n, 1)));
  await sleep(0.5);
  console.log('locked', sem.locked());
  tasks[2].cancel();
  await gather(tasks, { returnExceptions: true });
  await sem.acquire();
  await sem.acquire();
  const x = createTask(worker(sem, 'x', 0));
  const y = createTask(worker(sem, 'y', 0));
  await sleep(0);
  sem.release();
  x.cancel();
  await gather([x, y], { returnExceptions: true });
  sem.release();
  console.log('locked', sem.locked());
}

run(main(), { clock: 'virtual' });
