// Rule: nested timeout scopes each convert only their own cancellation into TimeoutError: the inner
// one firing is caught inside the outer, the outer one firing passes through the inner as
// CancelledError; reschedule() moves a deadline; withTimeoutAt in the past fires in the next pass.
import { run, withTimeout, withTimeoutAt, sleep, getRunningLoop, TimeoutError, CancelledError, Timeout } from 'tscoro';

const now = () => getRunningLoop().time().toFixed(1);

async function main() {
  const loop = getRunningLoop();
  let innerScope: Timeout | null = null;
  try {
    await withTimeout(5, async (outer) => {
      try {
        await withTimeout(1, async (inner) => {
          innerScope = inner;
          await sleep(3);
        });
      } catch (e) {
        if (e instanceof TimeoutError) console.log('inner timed out at', now(), 'outer expired', outer.expired());
        else throw e;
      }
      await sleep(10);
    });
  } catch (e) {
    if (e instanceof TimeoutError) console.log('outer timed out at', now(), 'inner expired', innerScope!.expired());
  }
  try {
    await withTimeout(1, async () => {
      try {
        await withTimeout(5, async (inner) => {
          innerScope = inner;
          await sleep(3);
        });
      } catch (e) {
        if (e instanceof CancelledError) console.log('inner scope saw CancelledError at', now());
        throw e;
      }
    });
  } catch (e) {
    if (e instanceof TimeoutError) console.log('outer timed out at', now(), 'inner expired', innerScope!.expired());
  }
  try {
    await withTimeout(null, async (cm) => {
      console.log('when', cm.when() === null ? 'None' : cm.when());
      cm.reschedule(loop.time() + 2);
      await sleep(1);
      cm.reschedule(loop.time() + 2);
      console.log('when', cm.when()!.toFixed(1));
      await sleep(10);
    });
  } catch (e) {
    if (e instanceof TimeoutError) console.log('rescheduled timeout at', now());
  }
  try {
    await withTimeoutAt(loop.time() - 1, async () => {
      await sleep(1);
    });
  } catch (e) {
    if (e instanceof TimeoutError) console.log('past deadline fired at', now());
  }
}

run(main(), { clock: 'virtual' });
