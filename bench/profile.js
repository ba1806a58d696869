// node bench/profile.js <W1|W1b|W2|W3|W4|W4r|W6> [form] [--steady [reps]]: runs one workload under
// `node --cpu-prof` (after `npm run bench` has compiled the forms into .tmp/bench) and prints the top
// functions by self time, so a missed target comes with what holds it back. By default the profile
// is of a cold run (driver.js: a warm-up at n/10, one run at n); with --steady, of steady.js running
// the form alone, warmed up by a full-size run and then `reps` runs (30 unless given), which the
// profile is then mostly made of.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const out = path.resolve(__dirname, '..', '.tmp', 'bench');
const sizes = { W4R: ['w4', 1e5], W1: ['w1', 1e6], W1B: ['w1b', 1e6], W2: ['w2', 1e5], W3: ['w3', 2e5], W4: ['w4', 1e5], W6: ['w6', 2e4] };
const args = process.argv.slice(2);
const steadyAt = args.indexOf('--steady');
let reps = 0;
if (steadyAt >= 0) {
  const given = /^\d+$/.test(args[steadyAt + 1] ?? '');
  reps = given ? Number(args[steadyAt + 1]) : 30;
  args.splice(steadyAt, given ? 2 : 1);
}
const id = (args[0] || 'W3').toUpperCase();
const form = args[1] || 'tscoro';
const [fn, n] = sizes[id];
const dir = path.join(out, 'prof');
fs.rmSync(dir, { recursive: true, force: true });
const [clock, scale] = id === 'W4R' ? ['real', '0.1'] : ['virtual', '1'];
const script =
  reps > 0
    ? [path.join(__dirname, 'steady.js'), out, fn, clock, scale, String(reps), `${form}=${n}`]
    : [path.join(__dirname, 'driver.js'), out, form, fn, String(n), clock, scale];
const p = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, ...script], { encoding: 'utf8' });
if (p.status !== 0) throw new Error(p.stderr);
const prof = JSON.parse(fs.readFileSync(path.join(dir, fs.readdirSync(dir)[0]), 'utf8'));
const dt = new Map();
for (let i = 0; i < prof.samples.length; i++) dt.set(prof.samples[i], (dt.get(prof.samples[i]) || 0) + (prof.timeDeltas[i] || 0));
const self = new Map();
let total = 0;
for (const node of prof.nodes) {
  const t = dt.get(node.id) || 0;
  total += t;
  const cf = node.callFrame;
  const key = `${cf.functionName || '(anonymous)'} ${cf.url ? path.basename(cf.url) + ':' + (cf.lineNumber + 1) : ''}`;
  self.set(key, (self.get(key) || 0) + t);
}
let what = p.stdout.trim();
if (reps > 0) {
  const ms = JSON.parse(what)[form].samples.sort((a, b) => a - b);
  what = `steady, median ${ms[ms.length >> 1].toFixed(1)} ms of ${ms.length} runs`;
}
console.log(`${id} ${form}: ${what}; top self time of ${(total / 1000).toFixed(0)} ms sampled`);
for (const [k, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`);
