// The scheduling differential tester: random paired programs (sched-gen.js) run on CPython's asyncio
// (sched_driver.py: CPython's own loop on a virtual clock) and compiled by tscoro (on its virtual
// clock) must print the same lines. Where test/fuzz/run.js checks one coroutine against native
// async/await, this checks the loop, tasks, cancellation, timeouts, queues, events and locks
// against the oracle the contract names for scheduling.
//
//   node test/fuzz/sched.js [--seed S] [--count N]   # a batch; failures are written to .tmp/fuzz/sched/
//   node test/fuzz/sched.js --seed S --print I       # program I's Python and TypeScript texts
//
// Takes a seed and a count; produces `{ ran, failures: [{ index, seed, py, ts, expected, actual }] }`
// (checkSched) and, on the command line, a report with the paths of the failing programs.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { generateSched } = require('./sched-gen');
const { programSeed } = require('./gen');
const { compileBatch } = require('./compile');
const { execPrograms } = require('./run');

const repoRoot = path.resolve(__dirname, '..', '..');
const outDir = path.join(repoRoot, '.tmp', 'fuzz', 'sched');
const BATCH = 100;

/** CPython's outputs for the Python texts (one python3 process per batch). */
function runCPython(texts) {
  fs.mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `batch-${process.pid}.json`);
  fs.writeFileSync(file, JSON.stringify(texts));
  try {
    const python = process.env.TSCORO_SCHED_PYTHON || 'python3';
    const r = spawnSync(python, [path.join(__dirname, 'sched_driver.py'), file], { encoding: 'utf8', maxBuffer: 1 << 28, timeout: 300_000 });
    if (r.error) throw new Error(`${python} could not run (${r.error.message}): the scheduling tester needs CPython 3.11+ on PATH`);
    if (r.status !== 0) throw new Error(`sched_driver.py failed:\n${r.stderr}`);
    return JSON.parse(r.stdout);
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/** Runs programs start..start+count-1 of `seed`; resolves to `{ ran, failures }`. */
async function checkSched(seed, start, count) {
  const failures = [];
  for (let from = start; from < start + count; from += BATCH) {
    const n = Math.min(BATCH, start + count - from);
    const progs = [];
    for (let i = from; i < from + n; i++) progs.push({ index: i, ...generateSched(programSeed(seed, i)) });
    const expected = runCPython(progs.map((p) => p.py));
    const compiled = compileBatch(progs.map((p) => p.ts));
    const toRun = compiled.map((c) => ({ native: "console.log('end');", tscoro: c.tscoro }));
    const outs = await execPrograms(toRun);
    progs.forEach((p, k) => {
      const c = compiled[k];
      const actual = c.diagnostics.length > 0 ? `<diagnostics>\n${c.diagnostics.join('\n')}\n` : outs[k].tscoro;
      if (actual !== expected[k]) failures.push({ index: p.index, seed, py: p.py, ts: p.ts, expected: expected[k], actual });
    });
  }
  return { ran: count, failures };
}

/** A failure as text: where its programs were written, and the first differing line. */
function describeSched(f) {
  fs.mkdirSync(outDir, { recursive: true });
  const base = path.join(outDir, `seed${f.seed}-p${f.index}`);
  fs.writeFileSync(`${base}.py`, f.py);
  fs.writeFileSync(`${base}.ts`, f.ts);
  const e = f.expected.split('\n');
  const a = f.actual.split('\n');
  let i = 0;
  while (i < e.length && e[i] === a[i]) i++;
  return (
    `=== program ${f.index} of seed ${f.seed}: ${base}.py and .ts (rerun: node test/fuzz/sched.js --seed ${f.seed} --only ${f.index})\n` +
    `first difference at line ${i + 1}:\n  CPython: ${e[i] ?? '<end>'}\n  tscoro:  ${a[i] ?? '<end>'}\n` +
    `--- CPython ---\n${f.expected}--- tscoro ---\n${f.actual}`
  );
}

async function cli() {
  const args = process.argv.slice(2);
  const opt = (name, def) => {
    const i = args.indexOf(name);
    if (i < 0) return def;
    const v = Number(args[i + 1]);
    if (!Number.isInteger(v)) throw new Error(`${name} needs an integer`);
    return v;
  };
  for (const a of args) if (a.startsWith('--') && !['--seed', '--count', '--print', '--only'].includes(a)) throw new Error(`unknown option ${a} (options: --seed --count --print --only)`);
  const seed = opt('--seed', 1);
  const print = opt('--print', undefined);
  if (print !== undefined) {
    const p = generateSched(programSeed(seed, print));
    process.stdout.write(`# ---- Python ----\n${p.py}\n// ---- TypeScript ----\n${p.ts}`);
    return;
  }
  const only = opt('--only', undefined);
  const [start, count] = only !== undefined ? [only, 1] : [0, opt('--count', 200)];
  const t0 = Date.now();
  const { ran, failures } = await checkSched(seed, start, count);
  for (const f of failures.slice(0, 5)) process.stdout.write(describeSched(f) + '\n');
  process.stdout.write(`${ran} paired programs in ${((Date.now() - t0) / 1000).toFixed(1)} s, ${failures.length} failing\n`);
  if (failures.length) process.exitCode = 1;
}

if (require.main === module)
  cli().catch((err) => {
    console.error(err && err.stack ? err.stack : err);
    process.exit(2);
  });

module.exports = { checkSched, describeSched };
