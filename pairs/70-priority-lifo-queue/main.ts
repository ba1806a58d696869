// Rule: PriorityQueue returns the smallest entry first (tuples compare element by element; equal
// priorities leave in heapq's order); LifoQueue returns the newest entry first.
import { run, PriorityQueue, LifoQueue, createTask, sleep } from 'tscoro';

async function main() {
  const pq = new PriorityQueue<[number, string]>();
  const items: [number, string][] = [[3, 'c'], [1, 'b'], [2, 'x'], [1, 'a'], [0, 'z'], [2, 'w']];
  for (const item of items) await pq.put(item);
  while (!pq.empty()) {
    const [p, s] = await pq.get();
    console.log(p, s);
  }
  const lq = new LifoQueue<number>();
  for (let i = 0; i < 4; i++) lq.putNowait(i);
  const out: number[] = [];
  for (let i = 0; i < 4; i++) out.push(lq.getNowait());
  console.log('[' + out.join(', ') + ']');
  const consumer = createTask(pq.get());
  await sleep(0);
  pq.putNowait([5, 'late']);
  const [p, s] = await consumer;
  console.log(`(${p}, '${s}')`);
}

run(main(), { clock: 'virtual' });
