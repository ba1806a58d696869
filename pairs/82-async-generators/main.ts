// Rule: an async generator runs in the task that awaits its next(): an await inside it suspends
// that task (a sleep(0) there yields one pass, between other tasks' steps), a yield hands the value
// over with no pass of its own; a second task asking while the generator runs gets RuntimeError;
// return() (Python's aclose()) runs the finally (which may await) in the caller's task; a task
// cancelled while the generator awaits sees CancelledError inside the generator, whose finally
// runs first.
import { run, createTask, gather, sleep, RuntimeError, CancelledError } from 'tscoro';

async function* ticker(name: string, n: number): AsyncGenerator<number> {
  try {
    for (let i = 0; i < n; i++) {
      console.log(name, 'before sleep', i);
      await sleep(0);
      console.log(name, 'yield', i);
      yield i;
    }
  } finally {
    console.log(name, 'finally');
    await sleep(0);
    console.log(name, 'finally done');
  }
}

async function consume(name: string, n: number) {
  for await (const v of ticker(name, n)) console.log(name, 'got', v);
  console.log(name, 'end');
}

async function other() {
  for (let i = 0; i < 4; i++) {
    console.log('other', i);
    await sleep(0);
  }
}

async function main() {
  await gather(consume('a', 2), other());
  const g = ticker('b', 5);
  console.log('first', (await g.next()).value);
  const t1 = createTask(g.next());
  const t2 = createTask(g.next());
  console.log('t1', (await t1).value);
  try {
    await t2;
  } catch (e) {
    if (e instanceof RuntimeError) console.log('t2 RuntimeError', e.message);
  }
  await g.return(undefined);
  console.log('closed');
  const g2 = ticker('c', 5);

  async function pull() {
    for await (const v of g2) console.log('pulled', v);
  }

  const t = createTask(pull());
  await sleep(0);
  await sleep(0);
  await sleep(0);
  t.cancel();
  try {
    await t;
  } catch (e) {
    if (e instanceof CancelledError) console.log('pull cancelled', t.cancelled());
  }
}

run(main());
