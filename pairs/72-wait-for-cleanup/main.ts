// Rule: waitFor returns the result in time; on timeout it cancels the inner task and waits for its
// cleanup (even one that awaits) before raising TimeoutError; cancelling the waiter cancels the
// inner task and waits for it too; a timeout of 0 only accepts a result that is ready now.
import { run, waitFor, createTask, sleep, getRunningLoop, TimeoutError, CancelledError } from 'tscoro';

const now = () => getRunningLoop().time().toFixed(1);

async function work(d: number): Promise<string> {
  try {
    await sleep(d);
    return `work(${d}) done`;
  } catch (e) {
    if (e instanceof CancelledError) {
      console.log('work cancelled at', now());
      await sleep(0.5);
      console.log('work cleanup done at', now());
    }
    throw e;
  }
}

async function main() {
  console.log(await waitFor(work(1), 2));
  try {
    await waitFor(work(5), 1);
  } catch (e) {
    if (e instanceof TimeoutError) console.log('TimeoutError at', now());
  }
  try {
    await waitFor(work(5), 0);
  } catch (e) {
    if (e instanceof TimeoutError) console.log('TimeoutError for 0 at', now());
  }
  const t = createTask(waitFor(work(5), 3));
  await sleep(1);
  t.cancel();
  try {
    await t;
  } catch (e) {
    if (e instanceof CancelledError) console.log('waiter cancelled at', now());
  }
  console.log(await waitFor(work(1), null));
}

run(main(), { clock: 'virtual' });
