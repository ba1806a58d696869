// The seed notebook (the asyncio tutorial tscoro grew from), cell by cell, on tscoro.
// Takes nothing; prints each cell's heading and what the cell printed in the notebook, values
// formatted the JS way. `npm start` runs it on the virtual clock:
//   node bin/tscoro.js run examples/seed.ts --clock virtual
// The virtual clock matters for In [25] and In [31]: fetchData's 1 s sleep and countdown's fifth
// 0.2 s sleep end at the same instant, and only a punctual clock prints "Requst successful" before
// "5" every time, as the notebook did. test/examples.test.js checks this output against the lines
// CPython printed (pairs/05-seed-notebook/expected.txt in the shared folder).
import { run, createTask, gather, sleep, RuntimeError } from 'tscoro';

// In [18]
async function greetPerson(person: string) {
  await sleep(1);
  console.log(`Sup ${person}`);
}

// In [12]: the task runs once executor() has returned and its caller yields to the loop.
async function executor() {
  console.log('Start doing some stuff');
  createTask(greetPerson('Cat'));
  console.log('But also continue normal execution');
}

// In [19]: sleeping 2 s lets the 1 s task finish first.
async function blockingExecutor() {
  console.log('Start doing some stuff');
  createTask(greetPerson('Cat'));
  await sleep(2);
  console.log('But also continue normal execution');
}

// In [30]
async function fetchData() {
  console.log('Fetching data');
  await sleep(1);
  console.log('Requst successful');
  return { status: 200, msg: 'Success' };
}

async function countdown() {
  for (let i = 0; i < 10; i++) {
    console.log(i);
    await sleep(0.2);
  }
  return 'Success';
}

// Tasks
async function execMain() {
  const task1 = createTask(fetchData());
  const task2 = createTask(countdown());
  const data = await task1;
  console.log(data.status, data.msg);
  const state = await task2;
  console.log(state);
}

// Futures: gather() schedules both coroutines at once and returns a GatheringFuture.
async function execMainAll() {
  const val = gather(fetchData(), countdown());
  console.log(val);
  const result = await val;
  console.log(result[0].msg, result[1]);
}

// In [9]: calling an async function only creates a coroutine object; nothing runs.
async function coroutineObject() {
  console.log(greetPerson('Cat'));
}

// In [10]: run() refuses to start a second loop inside a running one (the notebook's Jupyter kernel
// was such a loop). It throws before touching its argument, so that coroutine is never awaited.
async function nestedRun() {
  try {
    run(greetPerson('Cat'));
  } catch (err) {
    if (!(err instanceof RuntimeError)) throw err;
    console.log(`${err.name}: ${err.message}`);
  }
}

function heading(cell: string): void {
  console.log(`--- ${cell}`);
}

async function notebook() {
  heading("In [9]: greetPerson('Cat')");
  await coroutineObject();
  heading("In [10]: run(greetPerson('Cat'))");
  await nestedRun();
  heading("In [11]: await greetPerson('Cat')");
  await greetPerson('Cat');
  heading('In [13]: await executor()');
  await executor();
  await sleep(1.5); // the notebook sat idle between cells; the task finished meanwhile
  heading('In [20]: await blockingExecutor()');
  await blockingExecutor();
  heading('In [25]: await execMain()');
  await execMain();
  heading('In [31]: await execMainAll()');
  await execMainAll();
}

run(notebook());
