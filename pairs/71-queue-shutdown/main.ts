// Rule (Python 3.13; expected.txt printed by CPython 3.13.0 under vasyncio.py): after shutdown(),
// put() raises QueueShutDown and blocked putters wake with it; get() still returns the items left,
// then raises QueueShutDown (blocked getters wake with it); shutdown(true) drops the items,
// counts them as done so join() returns, and get() fails at once.
import { run, Queue, QueueShutDown, createTask, sleep, getRunningLoop } from 'tscoro';

async function getter<T>(q: Queue<T>, name: string) {
  try {
    console.log(name, 'got', await q.get());
  } catch (e) {
    if (e instanceof QueueShutDown) console.log(name, 'QueueShutDown at', getRunningLoop().time().toFixed(1));
    else throw e;
  }
}

async function putter<T>(q: Queue<T>, item: T) {
  try {
    await q.put(item);
    console.log('put', item);
  } catch (e) {
    if (e instanceof QueueShutDown) console.log('put', item, 'QueueShutDown');
    else throw e;
  }
}

async function main() {
  const q = new Queue<string>();
  const g = createTask(getter(q, 'g'));
  await sleep(1);
  q.shutdown();
  await g;
  const q2 = new Queue<string>(1);
  q2.putNowait('kept');
  const p = createTask(putter(q2, 'blocked'));
  await sleep(0);
  q2.shutdown();
  await p;
  await getter(q2, 'h');
  await getter(q2, 'i');
  try {
    q2.putNowait('late');
  } catch (e) {
    if (e instanceof QueueShutDown) console.log('put_nowait QueueShutDown');
  }
  const q3 = new Queue<number>();
  for (let i = 0; i < 3; i++) q3.putNowait(i);
  q3.getNowait();
  q3.taskDone();
  q3.shutdown(true);
  console.log('size', q3.qsize());
  await q3.join();
  console.log('joined');
  await getter(q3, 'j');
}

run(main(), { clock: 'virtual' });
