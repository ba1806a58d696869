// Rule: a task cancelled while waiting in Lock.acquire() raises CancelledError there and leaves the
// queue; a waiter that was already woken by release() but is cancelled before it runs passes the
// wake-up to the next waiter, so no release is lost.
import { run, Lock, CancelledError, createTask, gather, sleep } from 'tscoro';

async function worker(lock: Lock, name: string) {
  try {
    await lock.acquire();
  } catch (e) {
    if (e instanceof CancelledError) console.log(name, 'cancelled while waiting; locked:', lock.locked());
    throw e;
  }
  try {
    console.log(name, 'got the lock');
    await sleep(0);
  } finally {
    lock.release();
  }
}

async function main() {
  const lock = new Lock();
  await lock.acquire();
  const a = createTask(worker(lock, 'a'));
  const b = createTask(worker(lock, 'b'));
  const c = createTask(worker(lock, 'c'));
  await sleep(0);
  b.cancel();
  await sleep(0);
  lock.release();
  a.cancel();
  const results = await gather([a, b, c], { returnExceptions: true });
  console.log('[' + results.map((r) => `'${r === undefined ? 'NoneType' : (r as Error).name}'`).join(', ') + ']');
  console.log('locked', lock.locked());
}

run(main(), { clock: 'virtual' });
