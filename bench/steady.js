// Steady state, all forms in one process: node steady.js <dir> <fn> <clock> <scale> <reps> <form=n,...>.
// The primary measurement ("all measured in one run, interleaved, several repetitions"):
// every form is loaded into this process and run once at full size to warm up (JIT tiers, inline
// caches), then each repetition times one run of every form, in an order rotated per repetition.
// Prints {form: {samples: [ms...], value}} as JSON. driver.js (each form in its own process, a
// short warm-up) is the second opinion: it shows what a cold process pays.
'use strict';
const { loadForm } = require('./start');
const [dir, fn, clock, scaleArg, repsArg, formsArg] = process.argv.slice(2);
process.env.BENCH_CLOCK = clock;
const scale = Number(scaleArg);
const reps = Number(repsArg);
const forms = formsArg.split(',').map((s) => {
  const [form, n] = s.split('=');
  return { form, n: Number(n), start: loadForm(dir, form) };
});

(async () => {
  const out = {};
  for (const f of forms) out[f.form] = { samples: [], value: await f.start(fn, f.n, scale, clock) };
  for (let r = 0; r < reps; r++) {
    for (let k = 0; k < forms.length; k++) {
      const f = forms[(k + r) % forms.length];
      const t0 = performance.now();
      await f.start(fn, f.n, scale, clock);
      out[f.form].samples.push(performance.now() - t0);
    }
  }
  process.stdout.write(JSON.stringify(out) + '\n');
})().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  process.exit(1);
});
