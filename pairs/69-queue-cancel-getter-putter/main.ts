// Rule: a getter cancelled after putNowait() woke it passes the wake-up to the next getter (the item
// is not stranded); a putter cancelled after a slot freed passes it on to the next putter.
import { run, Queue, CancelledError, createTask, gather, sleep } from 'tscoro';

async function getter(q: Queue<string>, name: string) {
  try {
    console.log(name, 'got', await q.get());
  } catch (e) {
    if (e instanceof CancelledError) console.log(name, 'cancelled, queue size', q.qsize());
    throw e;
  }
}

async function putter(q: Queue<number>, item: number) {
  try {
    await q.put(item);
    console.log('put', item);
  } catch (e) {
    if (e instanceof CancelledError) console.log('put', item, 'cancelled');
    throw e;
  }
}

async function main() {
  const q = new Queue<string>();
  const gs = ['a', 'b', 'c'].map((n) => createTask(getter(q, n)));
  await sleep(0);
  q.putNowait('x');
  gs[0].cancel();
  await sleep(0);
  q.putNowait('y');
  await gather(gs, { returnExceptions: true });
  console.log('left', q.qsize());
  const q2 = new Queue<number>(1);
  q2.putNowait(0);
  const ps = [1, 2].map((n) => createTask(putter(q2, n)));
  await sleep(0);
  console.log('took', q2.getNowait());
  ps[0].cancel();
  await gather(ps, { returnExceptions: true });
  console.log('q2 holds', q2.getNowait());
}

run(main(), { clock: 'virtual' });
