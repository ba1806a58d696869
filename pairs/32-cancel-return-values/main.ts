// Rule: cancel() returns true while the task (or future) is pending, including a second cancel before
// the first is processed, and false once it is done (finished, failed or already cancelled).
import { run, createTask, sleep, getRunningLoop, CancelledError } from 'tscoro';

async function sleeper() {
  await sleep(10);
}

async function finisher() {
  return 1;
}

async function failer(): Promise<number> {
  throw new Error('bad');
}

async function main() {
  const loop = getRunningLoop();
  const s = createTask(sleeper());
  const f = createTask(finisher());
  const e = createTask(failer());
  await sleep(0);
  console.log('pending sleeper:', s.cancel());
  console.log('again before processed:', s.cancel());
  console.log('finished task:', f.cancel());
  console.log('failed task:', e.cancel());
  try {
    await s;
  } catch (err) {
    if (!(err instanceof CancelledError)) throw err;
  }
  console.log('already cancelled task:', s.cancel());
  try {
    await e;
  } catch (err) {
    if (err instanceof Error) console.log('failed task still raises:', err.message);
  }
  const fut = loop.createFuture<number>();
  console.log('pending future:', fut.cancel());
  console.log('cancelled future at once:', fut.cancelled());
  console.log('future again:', fut.cancel());
  const fut2 = loop.createFuture<number>();
  fut2.setResult(3);
  console.log('done future:', fut2.cancel());
}

run(main(), { clock: 'virtual' });
