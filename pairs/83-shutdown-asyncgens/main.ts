// Rule: when run()'s main coroutine is done, the tasks left are cancelled first; then every async
// generator that was started and is not finished is closed (loop.shutdownAsyncgens()): each
// return() (Python's aclose()) runs in a task of its own, all concurrently, so a finally that
// awaits runs there; an exception from one goes to the loop's exception handler. A generator never
// started, or one that finished, is not touched. (CPython also closes a generator as soon as it is
// garbage-collected; here every generator stays referenced until the end, so only the shutdown
// closes them.)
import { run, sleep, createTask, getRunningLoop, EventLoop, ExceptionContext } from 'tscoro';

const KEEP: AsyncGenerator<number>[] = [];

async function* gen(name: string): AsyncGenerator<number> {
  try {
    for (let i = 0; i < 3; i++) yield i;
  } finally {
    console.log(name, 'finally');
    await sleep(0);
    console.log(name, 'finally after a pass');
  }
}

async function* failing(): AsyncGenerator<number> {
  try {
    yield 1;
  } finally {
    await sleep(0);
    throw new Error('failed while closing');
  }
}

async function* finished(): AsyncGenerator<number> {
  try {
    yield 1;
  } finally {
    console.log('finished: finally');
  }
}

function handler(_loop: EventLoop, ctx: ExceptionContext): void {
  const e = ctx.exception as Error;
  console.log('handler:', ctx.message.split(' <')[0], '|', 'ValueError', e.message);
}

async function leftover(): Promise<void> {
  try {
    await sleep(10);
  } finally {
    console.log('leftover task cancelled');
    await sleep(0);
    console.log('leftover task done');
  }
}

async function main(): Promise<void> {
  getRunningLoop().setExceptionHandler(handler);
  const g = gen('g');
  KEEP.push(g);
  console.log('g', (await g.next()).value);
  const f = failing();
  KEEP.push(f);
  console.log('failing', (await f.next()).value);
  for await (const x of finished()) console.log('finished', x);
  KEEP.push(gen('never started'));
  createTask(leftover());
  await sleep(0);
  console.log('main done');
}

run(main()).then(() => console.log('after run'));
