// Rule: if main raises, run() still cancels the leftover tasks and waits for their cleanup, then
// raises main's exception to its caller (after the leftovers' finally blocks have printed).
import { run, createTask, sleep, getRunningLoop } from 'tscoro';

async function leftover() {
  try {
    await sleep(100);
  } finally {
    console.log('leftover cleanup starts');
    await sleep(0.5);
    console.log('leftover cleanup done at', getRunningLoop().time().toFixed(3));
  }
}

async function main(): Promise<void> {
  createTask(leftover());
  await sleep(1);
  console.log('main raising');
  throw new Error('main failed');
}

run(main(), { clock: 'virtual' }).then(
  () => console.log('run returned'),
  (e: unknown) => {
    if (e instanceof Error) console.log('run raised:', e.message);
  },
);
