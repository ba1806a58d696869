// Rule: a timeout scope's deadline moved after its timer fired but before the timer's callback ran
// (both in the same pass) does not fire at the old deadline: the moved timer is cancelled, and the
// scope times out at the new deadline. Here a callback due at the same time, scheduled earlier,
// runs first in that pass and calls reschedule(). Then a future resolved by a timer due with a
// scope's deadline, and scheduled before it: the scope's timer still runs in that pass, first.
import { run, withTimeoutAt, withTimeout, sleep, getRunningLoop, TimeoutError, Timeout } from 'tscoro';

const now = () => getRunningLoop().time().toFixed(1);

async function main() {
  const loop = getRunningLoop();
  const scopes: Timeout[] = [];
  const move = () => {
    console.log('at', now(), 'the deadline moves to 5, expired', scopes[0].expired());
    scopes[0].reschedule(5);
  };
  loop.callAt(1, move);
  let cm: Timeout | null = null;
  try {
    await withTimeoutAt(1, async (scope) => {
      cm = scope;
      scopes.push(scope);
      await sleep(10);
    });
  } catch (e) {
    if (e instanceof TimeoutError) console.log('timed out at', now(), 'expired', cm!.expired());
    else throw e;
  }

  const fut = loop.createFuture<string>();
  loop.callAt(loop.time() + 1, () => fut.setResult('done'));
  let cm2: Timeout | null = null;
  try {
    await withTimeout(1, async (scope) => {
      cm2 = scope;
      console.log('got', await fut, 'at', now());
    });
    console.log('scope exited at', now(), 'expired', cm2!.expired());
  } catch (e) {
    if (e instanceof TimeoutError) console.log('timed out at', now());
    else throw e;
  }
  await sleep(2);
  console.log('end at', now());
}

run(main());
