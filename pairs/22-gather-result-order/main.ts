// Rule: gather wraps its coroutine arguments into tasks in argument order (first steps in that order)
// and returns results in argument order, whatever order the children finish in.
import { run, createTask, gather, sleep } from 'tscoro';

async function work(name: string, delay: number) {
  console.log('start', name);
  await sleep(delay);
  console.log('finish', name);
  return name.toUpperCase();
}

async function main() {
  const pre = createTask(work('pre', 0.15));
  const results = await gather(work('slow', 0.3), pre, work('fast', 0.1), sleep(0.2, 'slept'));
  console.log('results', results.join(' '));
}

run(main(), { clock: 'virtual' });
