// The `tscoro` command through bin/tscoro.js, as a user types it. Takes small programs written into
// .tmp/cli/; produces one uvu suite per command. Programs here do not import 'tscoro', so they pin the
// CLI's own behaviour (in-memory compile, require hook for local imports, source maps, exit codes)
// whatever state the runtime is in; fixtures and pairs cover the runtime.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { suite } = require('uvu');
const assert = require('uvu/assert');
const { repoRoot, tmpRoot, writeFile } = require('./harness');

const bin = path.join(repoRoot, 'bin', 'tscoro.js');
const dir = path.join(tmpRoot, 'cli');

function tscoro(...args) {
  const env = { ...process.env };
  delete env.TSCORO_CLOCK;
  delete env.TSCORO_DEBUG;
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: dir, env, encoding: 'utf8', timeout: 30_000 });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

fs.rmSync(dir, { recursive: true, force: true });
writeFile(
  path.join(dir, 'dropped.ts'),
  `async function hello(n: number): Promise<void> { console.log('hello', n); }
hello(1);
hello(2).then(() => {});
`,
);
writeFile(
  path.join(dir, 'stack.ts'),
  `async function inner(x: number): Promise<number> {
  if (x > 0) throw new Error('boom');
  return x;
}
async function middle(x: number): Promise<number> {
  const y = 1 + (await inner(x));
  return y;
}
async function later(): Promise<number> {
  await new Promise((r) => setTimeout(r, 1));
  return await middle(1);
}
later().then(undefined, (e: Error) => console.log(e.stack));
`,
);
writeFile(
  path.join(dir, 'lib.ts'),
  `export async function double(n: number): Promise<number> {
  return n * 2;
}
export function fail(): never {
  throw new Error('failed in lib.ts');
}
`,
);
writeFile(
  path.join(dir, 'main.ts'),
  `import { double, fail } from './lib';
import { run } from 'tscoro';
async function main(): Promise<void> {
  console.log('double', await double(21));
  console.log('clock', process.env.TSCORO_CLOCK ?? 'unset');
  console.log('args', process.argv.slice(2).join(' '));
  if (process.argv.includes('fail')) fail();
}
run(main());
`,
);
writeFile(
  path.join(dir, 'debug.ts'),
  `import { run, getRunningLoop } from 'tscoro';
async function main(): Promise<void> {
  console.log('debug', getRunningLoop().debug);
}
run(main());
`,
);
writeFile(path.join(dir, 'bad.ts'), `const n: number = 'one';\nconsole.log(n);\n`);

const options = suite('options');

options('--help', () => {
  const r = tscoro('--help');
  assert.is(r.status, 0);
  assert.match(r.stdout, /^Usage: tscoro <command>/);
});

options('-h', () => {
  assert.match(tscoro('-h').stdout, /^Usage: tscoro <command>/);
});

options('--version', () => {
  const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  const r = tscoro('--version');
  assert.is(r.status, 0);
  assert.is(r.stdout, `${version}\n`);
});

options('frob main.ts', () => {
  const r = tscoro('frob', 'main.ts');
  assert.is(r.status, 2);
  assert.match(r.stderr, /unknown command 'frob'/);
});

options('run main.ts --clock fast', () => {
  const r = tscoro('run', 'main.ts', '--clock', 'fast');
  assert.is(r.status, 2);
  assert.match(r.stderr, /--clock expects 'virtual' or 'real'/);
});

options('emit main.ts --debug', () => {
  const r = tscoro('emit', 'main.ts', '--debug');
  assert.is(r.status, 2);
  assert.match(r.stderr, /--debug only applies to 'run'/);
});

options('run debug.ts [--debug]: asyncio debug mode, as TSCORO_DEBUG=1', () => {
  assert.is(tscoro('run', 'debug.ts').stdout, 'debug false\n');
  const r = tscoro('run', 'debug.ts', '--debug');
  assert.is(r.stdout, 'debug true\n');
  assert.is(r.status, 0);
});

options('run missing.ts', () => {
  const r = tscoro('run', 'missing.ts');
  assert.is(r.status, 2);
  assert.match(r.stderr, /file not found: missing.ts/);
});

options('run main.js, main.mts: a file it cannot load is refused with what to do, before compiling', () => {
  writeFile(path.join(dir, 'plain.js'), "console.log('never run');\n");
  writeFile(path.join(dir, 'esm.mts'), "console.log('never run');\n");
  const js = tscoro('run', 'plain.js');
  assert.is(js.status, 2);
  assert.is(js.stdout, '');
  assert.match(js.stderr, 'tscoro: plain.js: `tscoro run` compiles TypeScript (.ts, .tsx). JavaScript is valid TypeScript: rename the file to .ts');
  const mts = tscoro('emit', 'esm.mts');
  assert.is(mts.status, 2);
  assert.match(mts.stderr, 'tscoro: esm.mts: a .mts file compiles to .mjs');
});

options.run();

const run = suite('run');

run('run main.ts', () => {
  const r = tscoro('run', 'main.ts');
  assert.is(r.stderr, '');
  assert.is(r.stdout, 'double 42\nclock unset\nargs \n');
  assert.is(r.status, 0);
});

run('run main.ts --clock virtual -- a b', () => {
  const r = tscoro('run', 'main.ts', '--clock', 'virtual', '--', 'a', 'b');
  assert.is(r.stdout, 'double 42\nclock virtual\nargs a b\n');
  assert.is(r.status, 0);
});

run('run main.ts fail (stack points into the .ts source)', () => {
  const r = tscoro('run', 'main.ts', 'fail');
  assert.is(r.status, 1);
  assert.match(r.stderr, /Error: failed in lib.ts/);
  assert.match(r.stderr, new RegExp(`${path.join(dir, 'lib.ts').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5:9`));
});

// An error thrown before any suspension passes through the awaiting steps natively; their lines,
// through the source map, are the awaits' (6:18, 11:10) and each `$a` the function's first line.
// After the root frame (later) comes the loop's dispatch, which the await chain replaces.
run('run stack.ts (synchronous frames of inline awaits point at the awaits)', () => {
  const r = tscoro('run', 'stack.ts');
  assert.is(r.stderr, '');
  const file = path.join(dir, 'stack.ts');
  assert.is(
    r.stdout.split(file).join('<file>'),
    [
      'Error: boom',
      '    at inner$.$step (<file>:2:20)',
      '    at middle$.$a (<file>:5:1)',
      '    at middle$.$step (<file>:6:18)',
      '    at later$.$a (<file>:9:1)',
      '    at later$.$step (<file>:11:10)',
      '',
    ].join('\n'),
  );
});

// A warning (a coroutine made and dropped) is printed with its position, and the program runs.
run('run dropped.ts (warning TS95005, then the program runs)', () => {
  const r = tscoro('run', 'dropped.ts');
  assert.is(r.status, 0);
  assert.is(r.stdout, 'hello 2\n');
  assert.match(r.stderr, /^dropped\.ts:2:1 - warning TS95005: tscoro: the coroutine made by 'hello\(1\)' is dropped, so its body never runs/);
  assert.is(r.stderr.split('\n').filter((l) => l.includes('TS95005')).length, 1);
});

run('run bad.ts', () => {
  const r = tscoro('run', 'bad.ts');
  assert.is(r.status, 1);
  assert.is(r.stdout, '');
  assert.is(r.stderr, "bad.ts:1:7 - error TS2322: Type 'string' is not assignable to type 'number'.\n");
});

run.run();

const emit = suite('emit');

emit('emit main.ts', () => {
  const r = tscoro('emit', 'main.ts');
  assert.is(r.status, 0);
  assert.match(r.stdout, /require\("\.\/lib"\)/);
  assert.not.match(r.stdout, /sourceMappingURL/);
});

emit.run();
