// Rule: when the inner work swallows the cancellation, waitFor returns the value it returned
// instead of raising TimeoutError (after its cleanup), and a withTimeout() scope whose body swallows
// the cancellation ends normally with expired() true.
import { run, waitFor, withTimeout, sleep, getRunningLoop, currentTask, CancelledError } from 'tscoro';

const now = () => getRunningLoop().time().toFixed(1);

async function stubborn(): Promise<string> {
  try {
    await sleep(10);
    return 'finished';
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log('stubborn swallows the cancel at', now());
    await sleep(1);
    return 'partial result';
  }
}

async function main() {
  let r = await waitFor(stubborn(), 2);
  console.log('wait_for returned', `'${r}'`, 'at', now());
  let expired = false;
  r = await withTimeout(1, async (cm) => {
    const v = await stubborn();
    expired = cm.expired();
    return v;
  });
  console.log('timeout body returned', `'${r}'`, 'expired', expired, 'at', now());
  console.log('cancelling', currentTask()!.cancelling());
}

run(main(), { clock: 'virtual' });
