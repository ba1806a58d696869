// The contract between emitted code and the runtime (runtime/protocol.ts): every `$tscoro.X` the
// transformer can emit exists in the protocol module with the right kind, every protocol export is
// used by the transformer, and the exports are plain data properties (no getter per await).
'use strict';
const { suite } = require('uvu');
const assert = require('uvu/assert');
const fs = require('fs');
const path = require('path');
const { repoRoot, lazyRequire } = require('./harness');

const protocol = lazyRequire('../dist/runtime/protocol.js');
const test = suite('protocol');

/** Member names the transformer sources pass to rt('...'). */
function emittedMembers() {
  const names = new Set();
  for (const file of fs.readdirSync(path.join(repoRoot, 'transformer'))) {
    if (!file.endsWith('.ts')) continue;
    const src = fs.readFileSync(path.join(repoRoot, 'transformer', file), 'utf8');
    for (const m of src.matchAll(/\brt\('([A-Za-z$_][\w$]*)'\)/g)) names.add(m[1]);
  }
  return names;
}

/** Member names used in the checked-in fixture outputs (`$tscoro.X`). */
function fixtureMembers() {
  const names = new Set();
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'output.js') for (const m of fs.readFileSync(p, 'utf8').matchAll(/\$tscoro\.([A-Za-z$_][\w$]*)/g)) names.add(m[1]);
    }
  };
  walk(path.join(repoRoot, 'fixtures'));
  return names;
}

test('every member the transformer emits is exported by tscoro/protocol', () => {
  const p = protocol.get();
  for (const name of [...emittedMembers(), ...fixtureMembers()]) assert.ok(name in p, `tscoro/protocol lacks ${name}`);
});

test('every protocol export except the Coroutine class is emitted by the transformer', () => {
  const used = emittedMembers();
  for (const name of Object.keys(protocol.get())) {
    if (name === 'Coroutine' || name === '__esModule') continue;
    assert.ok(used.has(name), `protocol export ${name} is never emitted`);
  }
});

test('exports are data properties (compiled code reads them on every await)', () => {
  const p = protocol.get();
  for (const name of ['S', 'aw', 'def', 'Cf']) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    assert.ok(d && 'value' in d, `${name} is an accessor`);
  }
  assert.type(p.S, 'symbol');
  assert.type(p.aw, 'function');
});

test('the await fast path survives minification: esbuild keeps the optional chain, no loose `!= null`', () => {
  // V8's escape analysis gives up on `x != null`, so the frame of a callee that returns at once
  // would be allocated on every await (W1: 2.4 -> 4.0 ms); esbuild rewrites `x !== null && x !==
  // void 0` into exactly that, which is why `$a` tests `x?.[$B]`.
  const { transformSource } = require('../dist/cli/compile.js');
  const esbuild = require('esbuild');
  const r = transformSource('async function leaf() { return 1; }\nexport async function f() { return await leaf(); }\n', path.join(repoRoot, 'min.ts'));
  assert.is(r.diagnostics.length, 0, r.formatted);
  const min = esbuild.transformSync(r.js, { minify: true, target: 'es2022' }).code;
  const a = /\$a\((\w+),(\w+)\)\{return ([^}]*)\}/.exec(min);
  assert.ok(a, `no $a method in:\n${min}`);
  assert.match(a[3], `${a[1]}?.[`);
  assert.not.match(a[3], /[!=]=null/);
});

test.run();
