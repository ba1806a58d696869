// Rule: when main returns, run() cancels every still-pending task and keeps the loop running until
// they finish, so their finally blocks may await (sleep(0) and timers); then run returns main's result.
// (Only w1 prints before its cleanup sleep: CPython cancels leftovers in set order, not creation order.)
import { run, createTask, sleep, getRunningLoop, CancelledError } from 'tscoro';

async function w1() {
  try {
    console.log('w1 working');
    await sleep(100);
  } catch (e) {
    if (e instanceof CancelledError) console.log('w1 got CancelledError');
    throw e;
  } finally {
    console.log('w1 cleanup starts');
    await sleep(0);
    console.log('w1 cleanup after sleep(0)');
    await sleep(0.2);
    console.log('w1 cleanup done at', getRunningLoop().time().toFixed(3));
  }
}

async function w2() {
  try {
    await sleep(100);
  } finally {
    await sleep(0.1);
    console.log('w2 cleanup done at', getRunningLoop().time().toFixed(3));
  }
}

async function quick() {
  console.log('quick done');
}

async function main() {
  createTask(w1());
  createTask(w2());
  createTask(quick());
  await sleep(1);
  console.log('main returns');
  return 7;
}

run(main(), { clock: 'virtual' }).then((v) => console.log('run returned', v));
