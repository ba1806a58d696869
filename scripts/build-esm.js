#!/usr/bin/env node
// The runtime's ES module build, for bundlers (package.json's "module" condition). Takes
// runtime/*.ts; produces dist/esm/*.js: `tsc -p tsconfig.esm.json`, then every block between
// `/* cjs-only:start */` and `/* cjs-only:end */` removed. Such a block names `module` or
// `__dirname`, which only CommonJS has: in an ES module, webpack wraps a module that names `module`
// in a decorator that stops it from concatenating and tree-shaking the runtime, and replaces
// `__dirname` by "/". Fails when a file of dist/esm still names them, or a marker is unpaired.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.resolve(__dirname, '..');
const outDir = path.join(root, 'dist', 'esm');
const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
const r = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.esm.json')], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);

const BLOCK = /[ \t]*\/\* cjs-only:start \*\/[\s\S]*?\/\* cjs-only:end \*\/[ \t]*\n?/g;
const CJS_NAMES = /\b(module|exports|require|__dirname|__filename)\b/;
const problems = [];
function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, e.name);
    if (e.isDirectory()) walk(file);
    else if (e.name.endsWith('.js')) strip(file);
  }
}
function strip(file) {
  const js = fs.readFileSync(file, 'utf8');
  const out = js.replace(BLOCK, '');
  const rel = path.relative(root, file);
  if (/cjs-only:(start|end)/.test(out)) problems.push(`${rel}: an unpaired cjs-only marker`);
  // Code only: comments may mention these names.
  const code = out.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const m = CJS_NAMES.exec(code);
  if (m) problems.push(`${rel}: names \`${m[1]}\` outside a cjs-only block`);
  if (out !== js) fs.writeFileSync(file, out);
}
walk(outDir);
if (problems.length > 0) {
  console.error(`scripts/build-esm.js: the ES module build would not bundle cleanly:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
