// End to end, exactly as a user does it. Takes the built package; produces one test that `npm pack`s it,
// creates a fresh project in a temp folder (package.json, tsconfig.json with
// `"plugins": [{ "transform": "tscoro/transformer" }]` under strict), installs the tarball with
// typescript and ts-patch from the registry, compiles a small program with `npx tspc`, runs it on the
// virtual clock and checks its stdout, and checks that the emitted JS has no async/await left (the
// transformer must have lowered every async function, not passed it through).
// Slow (npm install); TSCORO_SKIP_E2E=1 skips it. On failure the temp folder is kept for inspection.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { suite } = require('uvu');
const assert = require('uvu/assert');
const { repoRoot, writeFile, runProgram, checkExit } = require('./harness');

const PROGRAM = `import { run, createTask, gather, sleep } from 'tscoro';

async function worker(name: string, delay: number): Promise<string> {
  console.log(name + ' start');
  try {
    await sleep(delay);
    console.log(name + ' woke after ' + delay);
    return name.toUpperCase();
  } finally {
    console.log(name + ' finally');
  }
}

async function main(): Promise<void> {
  const c = createTask(worker('c', 0.3));
  const results = await gather(worker('a', 0.2), worker('b', 0.1));
  console.log('gathered ' + results.join(','));
  console.log('task ' + (await c));
}

run(main());
`;

// What CPython prints for the same program: c's task steps first (created first), then gather's
// children in argument order; timers fire by deadline; finally blocks run before the results arrive.
const EXPECTED = `c start
a start
b start
b woke after 0.1
b finally
a woke after 0.2
a finally
gathered A,B
c woke after 0.3
c finally
task C
`;

function sh(cmd, args, cwd, timeoutMs) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: timeoutMs, env: process.env });
  if (r.error || r.status !== 0) {
    const why = r.error ? r.error.message : `exit ${r.status}`;
    throw new Error(`\`${cmd} ${args.join(' ')}\` failed in ${cwd} (${why})\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

const test = suite('e2e');

const e2e = process.env.TSCORO_SKIP_E2E ? test.skip : test;
e2e('npm pack -> npm install -> tspc -> node', () => {
  for (const f of ['dist/runtime/index.js', 'dist/runtime/protocol.js', 'dist/transformer/index.js']) {
    assert.ok(fs.existsSync(path.join(repoRoot, f)), `${f} is missing: build the package first`);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tscoro-e2e-'));
  try {
    userFlow(tmp);
  } catch (err) {
    err.message += `\n(project kept in ${tmp})`;
    throw err;
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

function userFlow(tmp) {
  // The package was just built by `npm test`; prepare would only build it a second time.
  const packed = JSON.parse(sh('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], repoRoot, 120_000));
  const tarball = path.join(tmp, packed[0].filename);

  const project = path.join(tmp, 'project');
  writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'tscoro-e2e', version: '1.0.0', private: true }, null, 2));
  writeFile(
    path.join(project, 'tsconfig.json'),
    JSON.stringify(
      {
        compilerOptions: {
          target: 'ES2022',
          module: 'commonjs',
          strict: true,
          esModuleInterop: true,
          skipLibCheck: true,
          rootDir: 'src',
          outDir: 'dist',
          plugins: [{ transform: 'tscoro/transformer' }],
        },
        include: ['src'],
      },
      null,
      2,
    ),
  );
  writeFile(path.join(project, 'src', 'main.ts'), PROGRAM);
  sh('npm', ['install', tarball, 'typescript@~6.0.3', 'ts-patch@^4.0.1', '--prefer-offline', '--no-audit', '--no-fund'], project, 600_000);
  sh('npx', ['tspc', '-p', '.'], project, 180_000);

  const emitted = fs.readFileSync(path.join(project, 'dist', 'main.js'), 'utf8');
  const leftover = emitted.split('\n').filter((line) => /\b(async|await)\b/.test(line));
  assert.equal(leftover, [], 'the emitted JS still contains async/await');

  const run = runProgram(path.join(project, 'dist', 'main.js'));
  checkExit(run, 'the compiled program');
  assert.fixture(run.stdout, EXPECTED, 'stdout of the compiled program');
}

test.run();
