// Rule: a task may catch CancelledError and carry on: it keeps running, can await again, returns a
// normal result, and is not cancelled(); cancel() on it later (while pending) still works.
import { run, createTask, sleep, getRunningLoop, CancelledError } from 'tscoro';

async function stubborn() {
  try {
    await sleep(10);
  } catch (e) {
    if (e instanceof CancelledError) console.log('stubborn: ignoring cancellation');
  }
  await sleep(0.5);
  console.log('stubborn: still alive at', getRunningLoop().time().toFixed(3));
  try {
    await sleep(10);
  } catch (e) {
    if (e instanceof CancelledError) console.log('stubborn: ignoring the second one too');
  }
  return 'finished normally';
}

async function main() {
  const t = createTask(stubborn());
  await sleep(1);
  console.log('first cancel:', t.cancel());
  await sleep(1);
  console.log('second cancel:', t.cancel());
  const r = await t;
  console.log('result:', r);
  console.log('cancelled:', t.cancelled());
}

run(main(), { clock: 'virtual' });
