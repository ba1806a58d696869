// Rule: Lock hands ownership to waiters in the order they called acquire(); a waiter resumes one
// pass after release(); acquire() on a free lock with no waiters does not yield.
import { run, Lock, createTask, gather, sleep, getRunningLoop } from 'tscoro';

async function worker(lock: Lock, name: string, hold: number) {
  console.log(name, 'wants');
  await lock.acquire();
  try {
    console.log(name, 'got', getRunningLoop().time().toFixed(1));
    await sleep(hold);
  } finally {
    lock.release();
    console.log(name, 'released');
  }
}

async function main() {
  const loop = getRunningLoop();
  const lock = new Lock();
  loop.callSoon(() => console.log('callSoon ran'));
  console.log('acquired', await lock.acquire());
  lock.release();
  const tasks = ['a', 'b', 'c'].map((n) => createTask(worker(lock, n, 1)));
  await sleep(0);
  console.log('locked', lock.locked());
  await gather(...tasks);
  console.log('locked', lock.locked());
}

run(main(), { clock: 'virtual' });
