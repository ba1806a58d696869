// Rule (CPython quirk): without returnExceptions, a cancelled gather raises CancelledError as soon as
// one child ends cancelled, even while another child that swallowed the cancellation still runs; the
// gather then holds that CancelledError as its exception, so its cancelled() stays false.
import { run, createTask, gather, sleep, getRunningLoop, CancelledError } from 'tscoro';

async function stubborn() {
  try {
    await sleep(1.0);
  } catch (e) {
    if (e instanceof CancelledError) console.log('stubborn swallowed the cancellation');
  }
  await sleep(0.1);
  console.log('stubborn returns normally');
  return 'kept';
}

async function plain() {
  await sleep(1.0);
  return 'never';
}

async function main() {
  const loop = getRunningLoop();
  const s = createTask(stubborn());
  const p = createTask(plain());
  const g = gather(s, p);
  await sleep(0.05);
  console.log('cancel returned', g.cancel());
  try {
    await g;
    console.log('gather returned');
  } catch (e) {
    if (e instanceof CancelledError) console.log('gather raised CancelledError at', loop.time().toFixed(3));
  }
  console.log('g done:', g.done(), 'g cancelled:', g.cancelled());
  console.log('stubborn done yet:', s.done());
  console.log('stubborn result:', await s, 'cancelled:', s.cancelled());
  console.log('plain cancelled:', p.cancelled());
}

run(main(), { clock: 'virtual' });
