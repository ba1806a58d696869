// Rule: a task cancelled before its first step never runs its body (not even up to the first await,
// no finally), and it only reports cancelled() once the loop has processed that step.
import { run, createTask, sleep, CancelledError } from 'tscoro';

async function body(name: string) {
  try {
    console.log(name, 'body started');
    await sleep(0);
  } finally {
    console.log(name, 'finally');
  }
}

async function main() {
  const t = createTask(body('victim'));
  const other = createTask(body('survivor'));
  console.log('cancel returned', t.cancel());
  console.log('cancelled right after cancel()', t.cancelled());
  console.log('done right after cancel()', t.done());
  await sleep(0);
  console.log('cancelled after one pass', t.cancelled());
  try {
    await t;
  } catch (e) {
    if (e instanceof CancelledError) console.log('awaiting victim raised CancelledError');
  }
  await other;
  console.log('main end');
}

run(main(), { clock: 'virtual' });
