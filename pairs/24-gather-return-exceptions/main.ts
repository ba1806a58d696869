// Rule: with returnExceptions, gather waits for every child and puts each exception (including a
// child's CancelledError) in that child's slot instead of raising.
import { run, createTask, gather, sleep, getRunningLoop, CancelledError } from 'tscoro';

async function ok(v: string, delay: number) {
  await sleep(delay);
  return v;
}

async function bad(msg: string, delay: number): Promise<string> {
  await sleep(delay);
  throw new Error(msg);
}

async function main() {
  const victim = createTask(ok('never', 1.0));
  getRunningLoop().callLater(0.1, () => victim.cancel());
  const results = await gather([ok('one', 0.3), bad('two failed', 0.05), victim, bad('four failed', 0.2), ok('five', 0.0)],
    { returnExceptions: true });
  results.forEach((r, i) => {
    if (r instanceof CancelledError) {
      console.log(i, 'cancelled');
    } else if (r instanceof Error) {
      console.log(i, 'error', r.message);
    } else {
      console.log(i, 'value', r);
    }
  });
  console.log('at', getRunningLoop().time().toFixed(3));
}

run(main(), { clock: 'virtual' });
