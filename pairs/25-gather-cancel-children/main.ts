// Rule: cancelling the future returned by gather cancels every child still pending (with the message);
// the children see CancelledError at their await, and awaiting the gather raises CancelledError.
import { run, createTask, gather, sleep, getRunningLoop, CancelledError } from 'tscoro';

async function child(name: string, delay: number) {
  try {
    await sleep(delay);
    console.log(name, 'finished');
    return name;
  } catch (e) {
    if (e instanceof CancelledError) console.log(name, 'cancelled with', e.message);
    throw e;
  } finally {
    console.log(name, 'finally');
  }
}

async function main() {
  const loop = getRunningLoop();
  const doneEarly = createTask(child('early', 0.05));
  const late = createTask(child('late', 1.0));
  const g = gather(doneEarly, child('c1', 1.0), late, child('c2', 2.0));
  await sleep(0.1);
  console.log('cancel returned', g.cancel('stop all'));
  console.log('late cancelled yet:', late.cancelled());
  try {
    await g;
  } catch (e) {
    if (e instanceof CancelledError) console.log('gather raised CancelledError');
  }
  console.log('late cancelled:', late.cancelled());
  console.log('early result:', doneEarly.result());
  console.log('time', loop.time().toFixed(3));
}

run(main(), { clock: 'virtual' });
