// Rule: the ready queue runs in passes; a callback scheduled with callSoon during a pass runs in the
// next pass, behind everything already queued (FIFO), never in the current one.
import { run, sleep, getRunningLoop, EventLoop } from 'tscoro';

function chain(name: string, n: number, loop: EventLoop): void {
  console.log(name, n);
  if (n > 0) {
    loop.callSoon(chain, name, n - 1, loop);
  }
}

async function main() {
  const loop = getRunningLoop();
  loop.callSoon(chain, 'a', 3, loop);
  loop.callSoon(chain, 'b', 1, loop);
  loop.callSoon(chain, 'c', 2, loop);
  console.log('main scheduled three chains');
  for (let i = 0; i < 5; i++) {
    await sleep(0);
    console.log('main pass', i);
  }
}

run(main(), { clock: 'virtual' });
