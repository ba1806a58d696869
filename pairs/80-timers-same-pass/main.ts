// Rule: timers fall due by deadline, sleeps and callLater handles alike, and all timers due within
// the clock resolution (1e-9 s) of the earliest one go to the ready queue in the same pass. A task
// resumes one pass after its sleep's timer is due, so a callback due in that same pass (an earlier
// deadline) can still cancel it: the task sees CancelledError, not its sleep's result. A cancelled
// timer neither runs nor moves the clock; a deadline already past runs in the next pass.
// (Equal deadlines are avoided: CPython orders those by heapq's internals, tscoro by scheduling.)
// expected.txt: CPython 3.11 under vasyncio.py.
import { run, createTask, sleep, gather, getRunningLoop, CancelledError, Task } from 'tscoro';

/** Python's float formatting for the times printed here (0.0, 1.25, 1.9999999995). */
const t = (x: number): string => (Number.isInteger(x) ? x.toFixed(1) : String(x));

async function sleeper(name: string, delay: number) {
  try {
    await sleep(delay);
    console.log(name, 'woke at', t(getRunningLoop().time()));
  } catch (e) {
    if (e instanceof CancelledError) console.log(name, 'cancelled at', t(getRunningLoop().time()), 'message', e.message);
    throw e;
  }
}

async function main() {
  const loop = getRunningLoop();
  loop.callLater(1, console.log, 'handle at 1');
  const a = createTask(sleeper('task a', 1.25));
  await sleep(0);
  loop.callLater(1.5, console.log, 'handle at 1.5');
  const b = createTask(sleeper('task b', 0.75));
  await sleep(0);
  // Due 0.5 ns before c's timer: the same pass, first. c's timer is already due when c is cancelled.
  let c: Task<void> | null = null;
  loop.callLater(2 - 5e-10, () => console.log('cancel c:', c!.cancel('late') ? 'True' : 'False'));
  c = createTask(sleeper('task c', 2));
  const d = createTask(sleeper('task d', 2.5));
  await sleep(0);
  // A cancelled timer alone at its deadline: the clock does not jump to 5.
  const h = loop.callLater(5, console.log, 'never');
  h.cancel();
  console.log('cancelled handle:', h.cancelled() ? 'True' : 'False');
  // Cancel a sleeper before its deadline; one due later still wakes.
  const e = createTask(sleeper('task e', 3));
  const f = createTask(sleeper('task f', 3.5));
  await sleep(0);
  e.cancel('stop e');
  // A deadline already past runs in the next pass.
  loop.callAt(loop.time() - 1, console.log, 'past deadline at', t(loop.time()));
  const results = await gather([a, b, c, d, e, f], { returnExceptions: true });
  console.log(`[${results.map((r) => (r instanceof Error ? `'${r.name}'` : 'None')).join(', ')}]`);
  console.log('end at', t(loop.time()));
}

run(main(), { clock: 'virtual' });
