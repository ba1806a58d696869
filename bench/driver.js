// One measurement in its own process: node driver.js <dir> <form> <fn> <n> <clock> <scale>.
// Loads <dir>/<form>/workloads.js, runs the workload once at n/10 (warm-up, same process), then
// times one run at n and prints {"ms", "value"} as JSON. No gc() before the timed run (issue #5:
// forcing GC distorts allocation-heavy forms); W5 calls gc() itself, inside its measurement.
'use strict';
const { loadForm } = require('./start');
const [dir, form, fn, nArg, clock, scaleArg] = process.argv.slice(2);
process.env.BENCH_CLOCK = clock;
const n = Number(nArg);
const scale = Number(scaleArg);
const start = loadForm(dir, form);

(async () => {
  await start(fn, Math.max(1, Math.floor(n / 10)), scale, clock);
  const t0 = performance.now();
  const value = await start(fn, n, scale, clock);
  const ms = performance.now() - t0;
  process.stdout.write(JSON.stringify({ ms, value }) + '\n');
})().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  process.exit(1);
});
