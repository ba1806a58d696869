// The benchmark's floors (bench/floors.js) do the work of the workloads they stand beside: the same
// checksums as bench/workloads.ts compiled by the transformer and run on tscoro, at several sizes
// (a floor that skipped tasks or messages would differ). Timing is never asserted.
'use strict';
const { suite } = require('uvu');
const assert = require('uvu/assert');
const fs = require('fs');
const path = require('path');
const { transformSource } = require('../dist/cli/compile.js');
const { w2Floor, w3Frames, w3Inline } = require('../bench/floors.js');
const tscoro = require('../dist/runtime/index.js');

const test = suite('bench floors');

function compiledWorkloads() {
  // Inside the package, so that the compiled file's `require('tscoro/protocol')` finds it by name.
  const dir = path.join(__dirname, '..', '.tmp', 'floors');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(__dirname, '..', 'bench', 'workloads.ts');
  const r = transformSource(fs.readFileSync(file, 'utf8'), file);
  assert.is(r.formatted, '');
  fs.writeFileSync(path.join(dir, 'workloads.js'), r.js);
  fs.copyFileSync(path.join(__dirname, '..', 'bench', 'forms', 'tscoro-api.js'), path.join(dir, 'api.js'));
  return require(path.join(dir, 'workloads.js'));
}

test('the W2 and W3 floors give the checksums of the compiled workloads', async () => {
  const m = compiledWorkloads();
  const run = (c) => tscoro.run(c, { clock: 'virtual' });
  for (const n of [1, 2, 7, 1000]) assert.is(w2Floor(n), await run(m.w2(n)), `W2 n=${n}`);
  for (const n of [2, 6, 2000]) {
    const expected = await run(m.w3(n));
    // The pinger's sum of the ponger's replies: 1 + 2 + ... + n/2.
    assert.is(expected, ((n >> 1) * ((n >> 1) + 1)) / 2);
    assert.is(w3Frames(n), expected, `W3 frames n=${n}`);
    assert.is(w3Inline(n), expected, `W3 inline n=${n}`);
  }
});

test.run();
