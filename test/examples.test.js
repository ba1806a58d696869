// The programs in examples/ through bin/tscoro.js, as `npm start` runs them. Takes examples/*.ts;
// produces one uvu suite per example. seed.ts is the seed notebook: its output must hold the lines
// CPython printed for the same cells (05-seed-notebook/expected.txt in ../shared/pairs/, beside the
// clone; that check is skipped only when the folder does not exist), in order and with nothing else
// between them but the lines only the TS notebook prints (cell headings, the coroutine object, the
// nested-run error, the pending gather), each exactly where the notebook shows it.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { suite } = require('uvu');
const assert = require('uvu/assert');
const { repoRoot } = require('./harness');

const bin = path.join(repoRoot, 'bin', 'tscoro.js');
const seedExpected = path.resolve(__dirname, '../../shared/pairs/05-seed-notebook/expected.txt');

function tscoro(...args) {
  const env = { ...process.env };
  delete env.TSCORO_CLOCK;
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: repoRoot,
    env,
    encoding: 'utf8',
    timeout: 30_000,
    killSignal: 'SIGKILL',
  });
  const timedOut = r.error !== undefined && r.error.code === 'ETIMEDOUT';
  return { stdout: r.stdout, stderr: r.stderr, status: r.status, timedOut };
}

function checkRan(r, label) {
  const tail = `\n--- stdout ---\n${r.stdout}\n--- stderr ---\n${r.stderr}`;
  if (r.timedOut) throw new Error(`${label}: still running after 30 s (deadlock?)${tail}`);
  if (r.status !== 0 || r.stderr !== '') throw new Error(`${label}: exited with ${r.status}${tail}`);
}

const lines = (text) => text.replace(/\n$/, '').split('\n');

// The lines only seed.ts prints, in order; CPython's lines fall between them.
const SEED_EXTRA = [
  "--- In [9]: greetPerson('Cat')",
  '<coroutine object greetPerson>',
  "--- In [10]: run(greetPerson('Cat'))",
  'RuntimeError: run() cannot be called from a running event loop',
  "--- In [11]: await greetPerson('Cat')",
  '--- In [13]: await executor()',
  '--- In [20]: await blockingExecutor()',
  '--- In [25]: await execMain()',
  '--- In [31]: await execMainAll()',
  '<GatheringFuture pending>',
];
const isSeedExtra = (line) => SEED_EXTRA.includes(line);

const seed = suite('seed.ts');
let seedRun;
const runSeed = () => (seedRun ??= tscoro('run', 'examples/seed.ts', '--clock', 'virtual'));

seed('tscoro run examples/seed.ts --clock virtual', () => {
  checkRan(runSeed(), 'examples/seed.ts');
});

seed('the lines only the TS notebook prints, exactly and in order', () => {
  const r = runSeed();
  checkRan(r, 'examples/seed.ts');
  assert.equal(lines(r.stdout).filter(isSeedExtra), SEED_EXTRA);
});

seed('each cell prints right after its heading', () => {
  const r = runSeed();
  checkRan(r, 'examples/seed.ts');
  const out = lines(r.stdout);
  const after = (heading) => out[out.indexOf(heading) + 1];
  assert.is(after("--- In [9]: greetPerson('Cat')"), '<coroutine object greetPerson>');
  assert.is(after("--- In [10]: run(greetPerson('Cat'))"), 'RuntimeError: run() cannot be called from a running event loop');
  assert.is(after("--- In [11]: await greetPerson('Cat')"), 'Sup Cat');
  assert.is(after('--- In [13]: await executor()'), 'Start doing some stuff');
  assert.is(after('--- In [20]: await blockingExecutor()'), 'Start doing some stuff');
  assert.is(after('--- In [25]: await execMain()'), 'Fetching data');
  assert.is(after('--- In [31]: await execMainAll()'), '<GatheringFuture pending>');
  assert.is(after('<GatheringFuture pending>'), 'Fetching data');
});

const withCPython = fs.existsSync(seedExpected) ? seed : seed.skip;
withCPython("CPython's lines (05-seed-notebook/expected.txt) in order, nothing else between them", () => {
  const r = runSeed();
  checkRan(r, 'examples/seed.ts');
  const expected = fs.readFileSync(seedExpected, 'utf8');
  const rest = lines(r.stdout).filter((line) => !isSeedExtra(line));
  assert.fixture(rest.join('\n') + '\n', expected, 'seed.ts without its extra lines differs from expected.txt (CPython)');
});

seed.run();

const crawler = suite('crawler.ts');

// Traced by hand from the scheduling rules (FIFO passes, timers by deadline): level 1's watchdog
// fires at t = 1.1 and cancels /slow; the other pages finish in deadline order.
crawler('tscoro run examples/crawler.ts --clock virtual', () => {
  const r = tscoro('run', 'examples/crawler.ts', '--clock', 'virtual');
  checkRan(r, 'examples/crawler.ts');
  assert.fixture(
    r.stdout,
    `level 0: /
  /: 3 links
level 1: /docs /blog /slow
  /blog: 2 links
  /docs: 2 links
  /slow: cancelled (over the 1 s budget)
level 2: /docs/api /blog/1 /blog/2
  /blog/1: 1 links
  /docs/api: 0 links
  /blog/2: 0 links
seen 7 pages: / /docs /blog /slow /docs/api /blog/1 /blog/2
`,
  );
});

crawler.run();

const debugging = suite('debugging.ts');

// Traced by hand: count('widgets') throws after its sleep (line 16, column 35: its `new`), awaited
// by total, report and main (the chain V8 prints for the same functions natively, each at the
// column of its `await`: 21:38, 27:13, 42:5); at t = 0.2 worker-1 sleeps on job 'a' (line 34; a
// sleeping task holds no sleep frame) and worker-2 waits in Queue.get (line 33). `tscoro run`
// names files by absolute path, as the source-mapped lines around them do.
debugging('tscoro run examples/debugging.ts --clock virtual', () => {
  const r = tscoro('run', 'examples/debugging.ts', '--clock', 'virtual');
  checkRan(r, 'examples/debugging.ts');
  const file = path.join(repoRoot, 'examples', 'debugging.ts');
  assert.fixture(
    r.stdout.split(file).join('<file>'),
    `1. an error thrown after awaits
RangeError: no such item: widgets
    at count$.$step (<file>:16:35)
    at async Inventory.total (<file>:21:38)
    at async report (<file>:27:13)
    at async main (<file>:42:5)
2. where waiting tasks are suspended
Stack for <Task pending name='worker-1' coro=<coroutine object worker>> (most recent call last):
  File "<file>", line 34, in worker
Stack for <Task pending name='worker-2' coro=<coroutine object worker>> (most recent call last):
  File "<file>", line 33, in worker
  in Queue.get
`,
  );
});

debugging.run();

const interop = suite('native-interop.ts');

// Real clock: only what does not depend on timing is checked.
interop('tscoro run examples/native-interop.ts', () => {
  const r = tscoro('run', 'examples/native-interop.ts');
  checkRan(r, 'examples/native-interop.ts');
  assert.match(r.stdout, /^1\. native code awaits coroutines\n  Promise\.all -> 1, 4, 9\n2\. a coroutine awaits native promises\n/);
  assert.match(r.stdout, /\n  got: host timer 100 ms\n/);
  assert.match(r.stdout, /\n  tick 3\n/);
  assert.match(r.stdout, /\n  run\(\) -> main done after ~\d+\.\d s\n$/);
});

interop.run();
