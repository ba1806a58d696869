// Fixture runner. Takes every fixtures/<area>/<case>/ folder:
//   input.ts      the program (required)
//   output.js     what the transformer emits for it (compared with assert.fixture)
//   stdout.txt    what the emitted program prints on the virtual clock
//   error.txt     instead of output.js/stdout.txt: the diagnostics the transformer must report
//   options.json  optional { "config": <plugin config>, "exitCode": <expected exit code, default 0> }
// and produces one uvu suite per area, one test per case named after its folder. The transform goes
// through transformSource (the same factory ts-patch loads); the output runs in a child process from
// .tmp/fixtures/<area>/<case>/ with a 10 s timeout. A case that does not import from 'tscoro' also runs
// untransformed (plain transpile, native async/await) and must print the same stdout.txt: the
// transformer may not change what ordinary async code prints.
// UPDATE=1 rewrites output.js, stdout.txt and existing error.txt files (then read the diff). A missing
// expected file always fails (it is never created silently); under CI, UPDATE is ignored and expected
// files left without an input.ts (orphans) fail too.
'use strict';
const fs = require('fs');
const path = require('path');
const { suite } = require('uvu');
const assert = require('uvu/assert');
const ts = require('typescript');
const { repoRoot, tmpRoot, lazyRequire, writeFile, readIfExists, runProgram, checkExit } = require('./harness');

const compile = lazyRequire('../dist/cli/compile.js');
const fixturesRoot = path.join(repoRoot, 'fixtures');
const CI = Boolean(process.env.CI);
const UPDATE = Boolean(process.env.UPDATE) && !CI;
const EXPECTED = ['output.js', 'stdout.txt', 'error.txt'];

const subdirs = (dir) =>
  fs.existsSync(dir)
    ? fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];

// `import ... from 'tscoro'`, `import 'tscoro/x'`, `require('tscoro')`: a case that uses the runtime API
// has no native counterpart.
const usesRuntime = (code) => /(?:from\s*|import\s*|require\s*\(\s*)['"]tscoro(?:\/[^'"]*)?['"]/.test(code);

/** Compares with the expected file, or rewrites it under UPDATE=1. */
function expectFile(file, actual, what) {
  const expected = readIfExists(file);
  if (UPDATE) {
    if (expected !== actual) writeFile(file, actual);
    return;
  }
  if (expected === undefined) {
    throw new Error(`${path.relative(repoRoot, file)} is missing (run with UPDATE=1 to create it, then read it)`);
  }
  assert.fixture(actual, expected, `${what} differs from ${path.relative(repoRoot, file)}`);
}

function readOptions(caseDir) {
  const text = readIfExists(path.join(caseDir, 'options.json'));
  return text === undefined ? {} : JSON.parse(text);
}

function nativeJs(code) {
  return ts.transpileModule(code, {
    fileName: 'input.ts',
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      esModuleInterop: true,
    },
  }).outputText;
}

function runCase(area, name) {
  const caseDir = path.join(fixturesRoot, area, name);
  const outDir = path.join(tmpRoot, 'fixtures', area, name);
  const code = fs.readFileSync(path.join(caseDir, 'input.ts'), 'utf8');
  const options = readOptions(caseDir);
  const { js, diagnostics, formatted } = compile.get().transformSource(code, 'input.ts', { config: options.config });

  const errorFile = path.join(caseDir, 'error.txt');
  if (fs.existsSync(errorFile)) {
    assert.ok(diagnostics.length > 0, `the transformer accepted a case that expects error.txt:\n${readIfExists(errorFile)}`);
    expectFile(errorFile, formatted, 'the reported diagnostics');
    return;
  }
  if (diagnostics.some((d) => d.category === ts.DiagnosticCategory.Error)) {
    throw new Error(`compile errors (add an error.txt if this construct must be refused):\n${formatted}`);
  }
  expectFile(path.join(caseDir, 'output.js'), js, 'the emitted JS');

  const outFile = path.join(outDir, 'output.js');
  writeFile(outFile, js);
  const transformed = runProgram(outFile);
  checkExit(transformed, 'transformed program', options.exitCode ?? 0);
  const stdoutFile = path.join(caseDir, 'stdout.txt');
  expectFile(stdoutFile, transformed.stdout, 'stdout of the transformed program');

  if (usesRuntime(code)) return;
  const nativeFile = path.join(outDir, 'native.js');
  writeFile(nativeFile, nativeJs(code));
  const native = runProgram(nativeFile);
  checkExit(native, 'native async/await program', options.exitCode ?? 0);
  assert.fixture(native.stdout, transformed.stdout, 'native async/await prints something else than the transformed program');
}

// Expected files whose case has no input.ts: a renamed or deleted case left them behind, and nothing
// would ever check them again.
function orphansIn(area) {
  const orphans = [];
  for (const name of subdirs(path.join(fixturesRoot, area))) {
    const caseDir = path.join(fixturesRoot, area, name);
    if (fs.existsSync(path.join(caseDir, 'input.ts'))) continue;
    for (const f of EXPECTED) {
      if (fs.existsSync(path.join(caseDir, f))) orphans.push(path.relative(repoRoot, path.join(caseDir, f)));
    }
  }
  return orphans;
}

for (const area of subdirs(fixturesRoot)) {
  const test = suite(area);
  for (const name of subdirs(path.join(fixturesRoot, area))) {
    if (fs.existsSync(path.join(fixturesRoot, area, name, 'input.ts'))) test(name, () => runCase(area, name));
  }
  const orphans = orphansIn(area);
  if (orphans.length > 0) {
    if (CI) {
      test('(orphaned expected files)', () => {
        throw new Error(`expected files without an input.ts:\n  ${orphans.join('\n  ')}`);
      });
    } else {
      process.stderr.write(`warning: orphaned expected files (they fail under CI):\n  ${orphans.join('\n  ')}\n`);
    }
  }
  test.run();
}
