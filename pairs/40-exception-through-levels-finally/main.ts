// Rule: an exception raised deep in a chain of inline awaits unwinds through every level, running each
// finally (which may itself await) innermost first, and can be caught at any level or by the awaiter
// of the task.
import { run, createTask, sleep, getRunningLoop } from 'tscoro';

async function level(n: number): Promise<void> {
  try {
    if (n === 0) {
      await sleep(0.1);
      throw new Error('deep failure');
    }
    await level(n - 1);
  } finally {
    console.log('finally at level', n);
    if (n === 2) {
      await sleep(0.1);
      console.log('level 2 finally awaited, time', getRunningLoop().time().toFixed(3));
    }
  }
}

async function catcher() {
  try {
    await level(3);
  } catch (e) {
    if (e instanceof Error) console.log('catcher caught:', e.message);
    return 'recovered';
  }
}

async function main() {
  console.log('catcher returned:', await catcher());
  const t = createTask(level(1));
  try {
    await t;
  } catch (e) {
    if (e instanceof Error) console.log('main caught from task:', e.message);
  }
  const exc = t.exception();
  console.log('task exception message:', exc instanceof Error ? exc.message : 'none');
}

run(main(), { clock: 'virtual' });
