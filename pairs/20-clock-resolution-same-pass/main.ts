// Rule: a pass takes every timer due within clock resolution of now, so A's deadline 4.5 + 5*0.2
// (5.500000000000001) fires in the same pass as B's 5.5: both resume before B's callSoon callback.
import { run, createTask, sleep, getRunningLoop } from 'tscoro';

async function a() {
  await sleep(4.5);
  for (let i = 0; i < 5; i++) {
    await sleep(0.2);
  }
  console.log('A woke');
}

async function b() {
  await sleep(5.5);
  console.log('B woke');
  getRunningLoop().callSoon(() => console.log("B's call_soon callback"));
}

async function main() {
  const loop = getRunningLoop();
  const tb = createTask(b());
  const ta = createTask(a());
  await tb;
  await ta;
  console.log('both done at', loop.time().toFixed(3));
}

run(main(), { clock: 'virtual' });
