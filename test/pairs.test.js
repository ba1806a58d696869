// Paired programs: CPython's asyncio is the oracle. Takes every folder of pairs/ (ours) and of
// ../shared/pairs/ (beside the clone; skipped only when that folder does not exist) holding main.ts and
// expected.txt, the output CPython printed for the twin main.py. Produces one uvu suite per origin, one
// test per pair: main.ts is copied into .tmp/pairs/ inside this package (so `tscoro` resolves by package
// self-reference, as in an installed project), compiled in memory with the plugin under strict: true
// (compileProject), run on the virtual clock, and its stdout compared with expected.txt byte for byte.
'use strict';
const fs = require('fs');
const path = require('path');
const { suite } = require('uvu');
const assert = require('uvu/assert');
const ts = require('typescript');
const { repoRoot, tmpRoot, lazyRequire, writeFile, runProgram, checkExit } = require('./harness');

const compile = lazyRequire('../dist/cli/compile.js');

const origins = [
  { label: 'pairs', dir: path.join(repoRoot, 'pairs') },
  { label: 'shared/pairs', dir: path.resolve(__dirname, '../../shared/pairs') },
];

function pairsIn(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'main.ts')))
    .map((d) => d.name)
    .sort();
}

function runPair(origin, name) {
  const srcDir = path.join(origin.dir, name);
  const expectedFile = path.join(srcDir, 'expected.txt');
  assert.ok(fs.existsSync(expectedFile), `${path.join(origin.label, name)} has main.ts but no expected.txt`);
  const workDir = path.join(tmpRoot, origin.label, name);
  fs.rmSync(workDir, { recursive: true, force: true });
  const entry = path.join(workDir, 'main.ts');
  writeFile(entry, fs.readFileSync(path.join(srcDir, 'main.ts'), 'utf8'));

  const result = compile.get().compileProject(entry);
  if (result.diagnostics.some((d) => d.category === ts.DiagnosticCategory.Error)) {
    throw new Error(`${path.join(origin.label, name)}/main.ts does not compile:\n${result.formatted}`);
  }
  for (const [file, js] of result.outputs) writeFile(file, js);

  const run = runProgram(path.join(workDir, 'main.js'));
  checkExit(run, `${path.join(origin.label, name)}/main.ts`);
  assert.fixture(run.stdout, fs.readFileSync(expectedFile, 'utf8'), 'stdout differs from expected.txt (CPython)');
}

for (const origin of origins) {
  const names = pairsIn(origin.dir);
  if (names.length === 0) continue;
  const test = suite(origin.label);
  for (const name of names) test(name, () => runPair(origin, name));
  test.run();
}
