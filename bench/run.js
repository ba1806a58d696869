// npm run bench: compiles workloads.ts for each form, runs each workload several times per form in
// its own process, prints medians (min-max) and the ratio to native async/await.
'use strict';
const path = require('path');
const fs = require('fs');
const { spawnSync } = require('child_process');
const ts = require('typescript');
const repo = path.resolve(__dirname, '..');
const out = path.join(repo, '.tmp', 'bench');
fs.mkdirSync(out, { recursive: true });
const src = fs.readFileSync(path.join(__dirname, 'workloads.ts'), 'utf8');

function compileNative() {
  return ts.transpileModule(src, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS } }).outputText;
}
function compileTscoro() {
  const { transformSource } = require(path.join(repo, 'dist/cli/compile.js'));
  const r = transformSource(src, 'workloads.ts');
  if (r.diagnostics.length) throw new Error(r.formatted);
  return r.js;
}
const preludeNative = `globalThis.BENCH_SPAWN = (c) => c; globalThis.BENCH_YIELD = () => new Promise((r) => setImmediate(r)); globalThis.BENCH_GATHER = (ps) => Promise.all(ps);\n`;
const preludeTscoro = `const T = require('tscoro'); globalThis.BENCH_SPAWN = (c) => T.createTask(c); globalThis.BENCH_YIELD = () => T.sleep(0); globalThis.BENCH_GATHER = (ps) => T.gather(ps);\n`;
fs.writeFileSync(path.join(out, 'native.js'), preludeNative + compileNative());
fs.writeFileSync(path.join(out, 'tscoro.js'), preludeTscoro + compileTscoro());

const driver = `
const [form, work, n] = process.argv.slice(2);
const m = require('./' + form + '.js');
const T = require('tscoro');
const start = (c) => form === 'tscoro' ? T.run(c, { clock: 'virtual' }) : c;
(async () => {
  await start(m[work](Number(n) / 10));
  const t0 = performance.now();
  await start(m[work](Number(n)));
  console.log(performance.now() - t0);
})();
`;
fs.writeFileSync(path.join(out, 'driver.js'), driver);

const workloads = [['w1', 1_000_000], ['w1b', 1_000_000], ['w2', 100_000]];
const reps = Number(process.env.BENCH_REPS || 5);
const results = {};
for (const [w, n] of workloads) {
  for (let r = 0; r < reps; r++)
    for (const form of ['native', 'tscoro']) {
      const p = spawnSync(process.execPath, [path.join(out, 'driver.js'), form, w, String(n)], { cwd: out, encoding: 'utf8' });
      if (p.status !== 0) throw new Error(`${form} ${w}: ${p.stderr}`);
      ((results[w] ??= {})[form] ??= []).push(Number(p.stdout.trim()));
    }
}
const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
console.log('workload   native ms (min-max)        tscoro ms (min-max)        speed-up vs native');
for (const [w] of workloads) {
  const nat = results[w].native;
  const tc = results[w].tscoro;
  const fmt = (a) => `${med(a).toFixed(1).padStart(8)} (${Math.min(...a).toFixed(1)}-${Math.max(...a).toFixed(1)})`.padEnd(27);
  console.log(`${w.padEnd(10)} ${fmt(nat)}${fmt(tc)}${(med(nat) / med(tc)).toFixed(2)}x`);
}
fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
fs.writeFileSync(path.join(__dirname, 'results', 'latest.json'), JSON.stringify({ node: process.version, results }, null, 2));
