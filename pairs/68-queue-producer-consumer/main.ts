// Rule: a bounded Queue blocks put() while full and get() while empty, waking one waiter per
// item or slot, FIFO; join() returns once taskDone() was called for every item put.
import { run, Queue, QueueEmpty, QueueFull, createTask, gather, sleep, getRunningLoop } from 'tscoro';

async function producer(q: Queue<number | string>) {
  for (let i = 0; i < 6; i++) {
    await q.put(i);
    console.log('put', i, 'size', q.qsize(), 'full', q.full());
  }
}

async function consumer(q: Queue<number | string>, name: string) {
  for (;;) {
    const item = await q.get();
    console.log(name, 'got', item);
    await sleep(0.5);
    q.taskDone();
  }
}

async function main() {
  const q = new Queue<number | string>(2);
  console.log('maxsize', q.maxsize, 'empty', q.empty());
  const consumers = ['a', 'b'].map((n) => createTask(consumer(q, n)));
  await producer(q);
  await q.join();
  console.log('joined at', getRunningLoop().time().toFixed(1), 'empty', q.empty());
  for (const c of consumers) c.cancel();
  await gather(consumers, { returnExceptions: true });
  try {
    q.getNowait();
  } catch (e) {
    if (e instanceof QueueEmpty) console.log('QueueEmpty');
  }
  q.putNowait('p');
  q.putNowait('q');
  try {
    q.putNowait('r');
  } catch (e) {
    if (e instanceof QueueFull) console.log('QueueFull');
  }
}

run(main(), { clock: 'virtual' });
