// npm run bench [-- --quick] [-- --only W1,W3] [-- --reps N]   (profile: node bench/profile.js W3)
// Issue #5's suite. Compiles the workloads once per form (compile.js), then measures every JS form
// two ways, and prints medians, min-max and the ratio to native async/await measured the same way:
//   steady state (steady.js): all forms of a workload in one process, each warmed up by one
//     full-size run, then repetitions interleaved with the forms in a rotated order;
//   cold (driver.js): every (workload, form) pair in its own process, a warm-up at n/10, one timed
//     run; repetitions interleaved (workloads in turn, forms rotated). W5 (heap bytes) and CPython
//     are measured this way only.
// W7 (compile time and sizes) is in w7.js. Results: bench/results/latest.json. No test asserts on
// timings.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { compileForms } = require('./compile');
const { runW7 } = require('./w7');

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const opt = (name) => {
  const i = argv.findIndex((a) => a === name || a.startsWith(name + '='));
  if (i < 0) return undefined;
  return argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
};
const quick = flag('--quick');
const only = opt('--only') ? new Set(opt('--only').toUpperCase().split(',')) : null;
const reps = Number(opt('--reps') || process.env.BENCH_REPS || (quick ? 2 : 3));
const pyReps = Math.min(reps, 3);
// In-process runs are cheap (no process start) and noisier (other forms' garbage): take more.
const steadyReps = quick ? 3 : Math.max(reps, 5);
const scale = quick ? 0.25 : 1;

const repo = path.resolve(__dirname, '..');
const out = path.join(repo, '.tmp', 'bench');
fs.mkdirSync(out, { recursive: true });
const hasPython = spawnSync('python3', ['--version']).status === 0;

const PROMISE = ['native', 'ts-es5', 'babel'];
// id, function, size, clock, sleep scale, unit, forms beyond tscoro + the Promise forms
const WORKLOADS = [
  { id: 'W1', fn: 'w1', n: 1_000_000, clock: 'virtual', extra: ['effection', 'cpython'] },
  { id: 'W1b', fn: 'w1b', n: 1_000_000, clock: 'virtual', extra: ['effection', 'cpython'] },
  // effection spends ~0.4 ms per spawned task that sleeps or waits (100,000 tasks: 40 s and more per
  // run), so W2, W4r and W5 run it at n/10: its time there is not comparable (no ratio), bytes are.
  { id: 'W2', fn: 'w2', n: 100_000, clock: 'virtual', extra: ['effection', 'cpython'], small: ['effection'] },
  { id: 'W3', fn: 'w3', n: 200_000, clock: 'virtual', extra: ['effection', 'cpython'] },
  { id: 'W4', fn: 'w4', n: 100_000, clock: 'virtual', extra: ['cpython'] },
  { id: 'W4r', fn: 'w4', n: 100_000, clock: 'real', sleepScale: 0.1, extra: ['effection', 'cpython'], small: ['effection'] },
  { id: 'W5', fn: 'w5', n: 100_000, clock: 'virtual', unit: 'B/task', gc: true, extra: ['effection', 'cpython'], small: ['effection'] },
  { id: 'W6', fn: 'w6', n: 20_000, clock: 'virtual', extra: ['cpython'] },
].filter((w) => !only || only.has(w.id.toUpperCase()));
const FORMS = ['tscoro', 'native', 'ts-es5', 'babel', 'effection', 'cpython'];
const formsOf = (w) => ['tscoro', ...PROMISE, ...w.extra].filter((f) => f !== 'cpython' || hasPython);

// Issue #5's targets for tscoro, as ratios to native measured in this run.
const TARGETS = {
  W1: { speedup: 10 },
  W1b: { speedup: 2.5 },
  W2: { speedup: 5 },
  W3: { speedup: 3 },
  W4: { speedup: 5 },
  W5: { bytesRatio: 0.35 },
  W6: { speedup: 2 },
};

/** Steady state for one workload: all its JS forms in one process (see steady.js). */
function measureSteady(w, forms) {
  const spec = forms.map((f) => `${f}=${sizeOf(w, f)}`).join(',');
  const args = [path.join(__dirname, 'steady.js'), out, w.fn, w.clock, String(w.sleepScale ?? 1), String(steadyReps), spec];
  const p = spawnSync(process.execPath, args, { cwd: out, encoding: 'utf8', timeout: 600_000, maxBuffer: 1 << 24 });
  if (p.status !== 0) return { error: (p.stderr || String(p.error || p.signal)).trim().split('\n').slice(0, 3).join(' | ') };
  return { results: JSON.parse(p.stdout.trim().split('\n').pop()) };
}

const sizeOf = (w, form) => Math.max(1, Math.round((w.n * scale) / (w.small?.includes(form) ? 10 : 1)));

function measure(w, form) {
  const n = String(sizeOf(w, form));
  const s = String(w.sleepScale ?? 1);
  const [cmd, args] =
    form === 'cpython'
      ? ['python3', [path.join(__dirname, 'py', 'workloads.py'), w.fn, n, w.clock, s]]
      : [process.execPath, [...(w.gc ? ['--expose-gc'] : []), path.join(__dirname, 'driver.js'), out, form, w.fn, n, w.clock, s]];
  const p = spawnSync(cmd, args, { cwd: out, encoding: 'utf8', timeout: 180_000, maxBuffer: 1 << 24 });
  if (p.status !== 0) return { error: (p.stderr || String(p.error || p.signal)).trim().split('\n').slice(0, 3).join(' | ') };
  const r = JSON.parse(p.stdout.trim().split('\n').pop());
  return { v: w.unit ? r.value : r.ms, value: r.value };
}

const med = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function main() {
  const t0 = Date.now();
  compileForms(out);
  const results = {};
  const errors = {};
  for (let r = 0; r < reps; r++) {
    for (const w of WORKLOADS) {
      const forms = formsOf(w);
      for (let k = 0; k < forms.length; k++) {
        const form = forms[(k + r) % forms.length];
        if (form === 'cpython' && r >= pyReps) continue;
        if (errors[w.id]?.[form]) continue;
        const m = measure(w, form);
        if (m.error) {
          (errors[w.id] ??= {})[form] = m.error;
          continue;
        }
        ((results[w.id] ??= {})[form] ??= { samples: [], values: [] }).samples.push(m.v);
        results[w.id][form].values.push(m.value);
      }
    }
    process.stderr.write(`repetition ${r + 1}/${reps} done (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
  }
  const steady = {};
  for (const w of WORKLOADS) {
    if (w.unit) continue; // W5 measures bytes: one process per form
    const forms = formsOf(w).filter((f) => f !== 'cpython' && !errors[w.id]?.[f]);
    const m = measureSteady(w, forms);
    if (m.error) (errors[w.id] ??= {}).steady = m.error;
    else steady[w.id] = m.results;
    process.stderr.write(`steady state ${w.id} done (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
  }
  let w7 = null;
  if (!only || only.has('W7')) w7 = runW7(out, quick ? 1 : 2);

  // ---- summary -------------------------------------------------------------------------------
  const summary = {};
  for (const w of WORKLOADS) {
    const row = (summary[w.id] = { unit: w.unit || 'ms', n: Math.round(w.n * scale), clock: w.clock, forms: {} });
    const nat = results[w.id]?.native ? med(results[w.id].native.samples) : NaN;
    for (const [form, r] of Object.entries(results[w.id] || {})) {
      const m = med(r.samples);
      row.forms[form] = {
        median: m,
        min: Math.min(...r.samples),
        max: Math.max(...r.samples),
        samples: r.samples,
        // time: native / form (> 1 is faster than native); W5: form / native bytes (< 1 is smaller)
        n: sizeOf(w, form),
        ratio: w.unit ? m / nat : sizeOf(w, form) === sizeOf(w, 'native') ? nat / m : null,
        checksum: r.values[0],
      };
    }
    const t = TARGETS[w.id];
    const tc = row.forms.tscoro;
    if (t && tc) {
      row.target = t.speedup ? `>= ${t.speedup}x` : `<= ${t.bytesRatio}x bytes`;
      row.pass = t.speedup ? tc.ratio >= t.speedup : tc.ratio <= t.bytesRatio;
    }
    if (tc && row.forms.cpython && ['W1', 'W1b', 'W2', 'W3', 'W4'].includes(w.id))
      row.vsCpython = w.unit ? NaN : row.forms.cpython.median / tc.median;
  }

  // Steady state: the same ratios and targets from the in-process samples (CPython: its cold run).
  const steadySummary = {};
  for (const w of WORKLOADS) {
    if (!steady[w.id]) continue;
    const row = (steadySummary[w.id] = { forms: {} });
    const nat = med(steady[w.id].native.samples);
    for (const [form, r] of Object.entries(steady[w.id])) {
      const m = med(r.samples);
      row.forms[form] = { median: m, min: Math.min(...r.samples), max: Math.max(...r.samples), samples: r.samples, ratio: sizeOf(w, form) === sizeOf(w, 'native') ? nat / m : null };
    }
    const t = TARGETS[w.id];
    if (t && row.forms.tscoro) {
      row.target = `>= ${t.speedup}x`;
      row.pass = row.forms.tscoro.ratio >= t.speedup;
    }
    const py = summary[w.id].forms.cpython;
    if (row.forms.tscoro && py && ['W1', 'W1b', 'W2', 'W3', 'W4'].includes(w.id)) row.vsCpython = py.median / row.forms.tscoro.median;
  }

  const cell = (f) => (f ? `${fmt(f.median)} (${fmt(f.min)}-${fmt(f.max)})${f.ratio === null ? '*' : ''}` : '-');
  const fmt = (x) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
  const cols = FORMS.filter((f) => f !== 'cpython' || hasPython);
  const lines = [];
  lines.push(`cold: each run its own process (warm-up at n/10); medians (min-max), ms (W5: heap bytes per suspended task); ${reps} reps (cpython ${pyReps})`);
  lines.push(['workload', ...cols].map((c, i) => c.padEnd(i ? 22 : 9)).join(''));
  for (const w of WORKLOADS) lines.push([w.id.padEnd(9), ...cols.map((f) => cell(summary[w.id].forms[f]).padEnd(22))].join(''));
  lines.push('* effection at n/10 (see run.js): time not comparable');
  lines.push('');
  lines.push('cold, ratio to native (time: native/form, > 1 = faster; W5: form/native bytes, < 1 = smaller); tscoro target');
  lines.push(['workload', ...cols, 'target', 'tscoro vs cpython'].map((c, i) => c.padEnd(i ? 11 : 9)).join(''));
  for (const w of WORKLOADS) {
    const s = summary[w.id];
    const ratios = cols.map((f) => (s.forms[f]?.ratio ? `${s.forms[f].ratio.toFixed(2)}x` : '-').padEnd(11));
    const target = s.target ? `${s.target} ${s.pass ? 'pass' : 'MISS'}` : '';
    const vsPy = s.vsCpython ? `${s.vsCpython.toFixed(1)}x ${s.vsCpython >= 20 ? 'pass' : 'MISS'}` : '';
    lines.push([w.id.padEnd(9), ...ratios, target.padEnd(22), vsPy].join(''));
  }
  if (Object.keys(steadySummary).length > 0) {
    lines.push('');
    lines.push(`steady state: all JS forms of a workload in one process, each warmed up by one full-size run; ${steadyReps} reps, medians (min-max), ms`);
    const jsCols = cols.filter((f) => f !== 'cpython');
    lines.push(['workload', ...jsCols].map((c, i) => c.padEnd(i ? 22 : 9)).join(''));
    for (const w of WORKLOADS) if (steadySummary[w.id]) lines.push([w.id.padEnd(9), ...jsCols.map((f) => cell(steadySummary[w.id].forms[f]).padEnd(22))].join(''));
    lines.push('');
    lines.push('steady state, ratio to native (native/form, > 1 = faster); tscoro target; vs CPython (its own-process time)');
    lines.push(['workload', ...jsCols, 'target', 'tscoro vs cpython'].map((c, i) => c.padEnd(i ? 11 : 9)).join(''));
    for (const w of WORKLOADS) {
      const s = steadySummary[w.id];
      if (!s) continue;
      const ratios = jsCols.map((f) => (s.forms[f]?.ratio ? `${s.forms[f].ratio.toFixed(2)}x` : '-').padEnd(11));
      const target = s.target ? `${s.target} ${s.pass ? 'pass' : 'MISS'}` : '';
      const vsPy = s.vsCpython ? `${s.vsCpython.toFixed(1)}x ${s.vsCpython >= 20 ? 'pass' : 'MISS'}` : '';
      lines.push([w.id.padEnd(9), ...ratios, target.padEnd(22), vsPy].join(''));
    }
  }
  for (const [id, e] of Object.entries(errors)) for (const [form, msg] of Object.entries(e)) lines.push(`error ${id} ${form}: ${msg}`);
  if (w7) {
    const tsc = med(w7.times.tsc), tspc = med(w7.times.tspc);
    const e = w7.emitted;
    const core = w7.runtime.core;
    lines.push('');
    const bare = med(w7.times.tspcBare);
    const range = (xs) => `(${fmt(Math.min(...xs))}-${fmt(Math.max(...xs))})`;
    lines.push(`W7 compile, ${w7.project.lines} lines / ${w7.project.asyncFunctions} async functions: tsc ${fmt(tsc)} ms ${range(w7.times.tsc)}, tspc+tscoro ${fmt(tspc)} ms ${range(w7.times.tspc)}: ${(tspc / tsc).toFixed(2)}x (target <= 1.15x ${tspc / tsc <= 1.15 ? 'pass' : 'MISS'}); tspc without a plugin ${fmt(bare)} ms ${range(w7.times.tspcBare)}: ${(bare / tsc).toFixed(2)}x, so the plugin adds ${(tspc / bare).toFixed(2)}x`);
    const patched = w7.times.patched.length > 0 ? med(w7.times.patched) : null;
    if (patched !== null)
      lines.push(`W7 compile through a TypeScript patched once by \`ts-patch install\` (no start-up patching): tsc+tscoro ${fmt(patched)} ms ${range(w7.times.patched)}: ${(patched / tsc).toFixed(2)}x`);
    lines.push(`W7 bytes per async function, raw / minified: ${Object.entries(e).map(([f, v]) => `${f} ${v.raw.toFixed(0)} / ${v.min.toFixed(0)}`).join(', ')} (target tscoro <= ts-es5: ${e.tscoro.raw <= e['ts-es5'].raw ? 'pass' : 'MISS'})`);
    lines.push(`W7 runtime core min+gzip ${core.gzip} B (min ${core.min} B; target <= 4096 ${core.gzip <= 4096 ? 'pass' : 'MISS'}); protocol entry ${w7.runtime.protocol.gzip} B; whole API ${w7.runtime.full.gzip} B`);
    const b = w7.bundle;
    lines.push(`W7 a two-function program bundled from the package, min+gzip: ${b.module.gzip} B through the "module" condition (min ${b.module.min} B), ${b.commonjs.gzip} B through CommonJS (min ${b.commonjs.min} B)`);
    summary.W7 = {
      compileMs: { tsc: w7.times.tsc, tspc: w7.times.tspc, tspcWithoutPlugin: w7.times.tspcBare, patchedTscWithPlugin: w7.times.patched, ratio: tspc / tsc, pass: tspc / tsc <= 1.15 },
      project: w7.project,
      bytesPerAsyncFunction: e,
      runtime: w7.runtime,
      programBundle: w7.bundle,
    };
  }
  console.log(lines.join('\n'));
  fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  const machine = { node: process.version, python: hasPython ? spawnSync('python3', ['--version'], { encoding: 'utf8' }).stdout.trim() : null, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, platform: `${os.platform()} ${os.release()}` };
  fs.writeFileSync(
    path.join(__dirname, 'results', 'latest.json'),
    JSON.stringify({ date: new Date().toISOString(), machine, reps, steadyReps, quick, seconds: (Date.now() - t0) / 1000, summary, steady: steadySummary, errors, table: lines }, null, 2) + '\n',
  );
  process.stderr.write(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s; bench/results/latest.json written\n`);
}

main();
