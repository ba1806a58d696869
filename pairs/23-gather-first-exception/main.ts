// Rule: gather propagates the first exception to its awaiter as soon as it happens; the siblings are
// NOT cancelled and keep running to completion (a later exception is not reported by gather).
import { run, createTask, gather, sleep, getRunningLoop } from 'tscoro';

async function ok(name: string, delay: number) {
  await sleep(delay);
  console.log(name, 'finished at', getRunningLoop().time().toFixed(3));
  return name;
}

async function bad(name: string, delay: number): Promise<string> {
  await sleep(delay);
  console.log(name, 'raising');
  throw new Error(name + ' failed');
}

async function main() {
  const loop = getRunningLoop();
  const tOk = createTask(ok('sibling', 0.3));
  try {
    await gather(ok('quick', 0.05), bad('boom', 0.1), tOk, bad('later-boom', 0.2));
  } catch (e) {
    if (e instanceof Error) console.log('main caught', e.message, 'at', loop.time().toFixed(3));
  }
  console.log('sibling cancelled:', tOk.cancelled());
  await sleep(0.5);
  console.log('sibling result:', tOk.result());
}

run(main(), { clock: 'virtual' });
