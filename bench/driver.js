// One measurement in its own process: node driver.js <dir> <form> <fn> <n> <clock> <scale>.
// Loads <dir>/<form>/workloads.js, runs the workload once at n/10 (warm-up, same process), then
// times one run at n and prints {"ms", "value"} as JSON. No gc() before the timed run (issue #5:
// forcing GC distorts allocation-heavy forms); W5 calls gc() itself, inside its measurement.
'use strict';
const path = require('path');
const [dir, form, fn, nArg, clock, scaleArg] = process.argv.slice(2);
process.env.BENCH_CLOCK = clock;
const n = Number(nArg);
const scale = Number(scaleArg);
const m = require(path.join(dir, form, 'workloads.js'));

let start;
if (form === 'tscoro') {
  const T = require('tscoro');
  start = (k) => T.run(m[fn](k, scale), { clock });
} else if (form === 'effection') {
  const { run } = require('effection');
  start = (k) => run(() => m[fn](k, scale));
} else {
  start = (k) => m[fn](k, scale);
}

(async () => {
  await start(Math.max(1, Math.floor(n / 10)));
  const t0 = performance.now();
  const value = await start(n);
  const ms = performance.now() - t0;
  process.stdout.write(JSON.stringify({ ms, value }) + '\n');
})().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  process.exit(1);
});
