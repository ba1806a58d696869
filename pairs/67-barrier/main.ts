// Rule: Barrier(n).wait() blocks until n tasks wait, then releases them together (the last arrival
// first) with distinct indices; abort() breaks waiters with BrokenBarrierError; reset() repairs it.
import { run, Barrier, BrokenBarrierError, createTask, gather, sleep } from 'tscoro';

async function party(barrier: Barrier, name: string, delay: number) {
  await sleep(delay);
  console.log(name, 'arrives, waiting:', barrier.nWaiting);
  try {
    const i = await barrier.wait();
    console.log(name, 'passes with index', i);
  } catch (e) {
    if (e instanceof BrokenBarrierError) console.log(name, 'broken:', e.message);
    else throw e;
  }
}

async function main() {
  const barrier = new Barrier(3);
  await gather(party(barrier, 'a', 1), party(barrier, 'b', 2), party(barrier, 'c', 3));
  console.log('parties', barrier.parties, 'broken', barrier.broken);
  const tasks = ['x', 'y'].map((n) => createTask(party(barrier, n, 0)));
  await sleep(1);
  await barrier.abort();
  await gather(...tasks);
  console.log('broken', barrier.broken);
  await party(barrier, 'z', 0);
  await barrier.reset();
  console.log('broken', barrier.broken);
}

run(main(), { clock: 'virtual' });
