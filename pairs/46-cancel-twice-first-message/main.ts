// Rule: two cancel(msg) calls before the task runs again both return true; the task still gets one
// CancelledError, and it carries the message of the FIRST cancel (the one that reached the sleep).
import { run, createTask, sleep, CancelledError } from 'tscoro';

async function sleeper() {
  try {
    await sleep(10);
  } catch (e) {
    if (e instanceof CancelledError) console.log('task sees:', e.message);
    throw e;
  }
}

async function main() {
  const t = createTask(sleeper());
  await sleep(0);
  console.log('first cancel:', t.cancel('first'));
  console.log('second cancel:', t.cancel('second'));
  try {
    await t;
  } catch (e) {
    if (e instanceof CancelledError) console.log('awaiter sees:', e.message);
  }
}

run(main(), { clock: 'virtual' });
