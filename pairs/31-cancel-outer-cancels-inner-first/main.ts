// Rule: cancelling a task that awaits another task cancels the inner task first (the outer's cancel is
// forwarded to what it waits on); the inner's handlers run one pass before the outer's, and the outer
// sees the CancelledError coming out of the inner task.
import { run, createTask, sleep, getRunningLoop, EventLoop, CancelledError, Task } from 'tscoro';

function ticker(n: number, loop: EventLoop): void {
  console.log('tick', n);
  if (n < 2) {
    loop.callSoon(ticker, n + 1, loop);
  }
}

async function inner() {
  try {
    await sleep(10);
  } catch (e) {
    if (e instanceof CancelledError) console.log('inner: cancelled');
    throw e;
  } finally {
    console.log('inner: finally');
  }
}

async function middle(t: Task<void>) {
  try {
    await t;
  } catch (e) {
    if (e instanceof CancelledError) console.log('middle: cancelled, inner cancelled =', t.cancelled());
    throw e;
  }
}

async function main() {
  const loop = getRunningLoop();
  const tIn = createTask(inner());
  const tMid = createTask(middle(tIn));
  await sleep(0.5);
  loop.callSoon(ticker, 0, loop);
  tMid.cancel();
  console.log('after cancel: inner done =', tIn.done());
  try {
    await tMid;
  } catch (e) {
    if (e instanceof CancelledError) console.log('main: middle cancelled =', tMid.cancelled());
  }
}

run(main(), { clock: 'virtual' });
