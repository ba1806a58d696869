// Helpers shared by the test files (not a suite itself: run.js only runs *.test.js).
// Takes paths of built modules and of emitted programs; produces the loaded module (or a test failure
// that says why it could not be loaded: dist/ may be missing while the runtime is being written) and
// the result of running a program in a child process on the virtual clock with a timeout, so that a
// deadlocked event loop fails a test with a clear message instead of hanging the run.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const repoRoot = path.resolve(__dirname, '..');
// Emitted programs are written here, inside the package, so that Node's package self-reference
// resolves `tscoro` and `tscoro/protocol` to dist/ exactly as it does for an installed package.
const tmpRoot = path.join(repoRoot, '.tmp');
const RUN_TIMEOUT_MS = 10_000;

/** require() that remembers the failure; `.get()` rethrows it inside the test that needs the module. */
function lazyRequire(rel) {
  let loaded;
  let error;
  try {
    loaded = require(rel);
  } catch (err) {
    error = err;
  }
  return {
    get() {
      if (error) {
        throw new Error(`cannot load ${rel} (did \`npm run build\` succeed?): ${error.message}`);
      }
      return loaded;
    },
  };
}

function writeFile(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

function readIfExists(file) {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}

/** Runs `node file` with TSCORO_CLOCK=virtual; `{ stdout, stderr, status, timedOut }`. */
function runProgram(file, { timeoutMs = RUN_TIMEOUT_MS, env = {} } = {}) {
  const result = spawnSync(process.execPath, ['--enable-source-maps', file], {
    cwd: path.dirname(file),
    env: { ...process.env, TSCORO_CLOCK: 'virtual', ...env },
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
  });
  const timedOut = result.error !== undefined && result.error.code === 'ETIMEDOUT';
  if (result.error && !timedOut) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, status: result.status, timedOut, timeoutMs };
}

/** Throws with the program's output when it hung or exited with a code other than `expectedExit`. */
function checkExit(run, label, expectedExit = 0) {
  const tail = `\n--- stdout ---\n${run.stdout}\n--- stderr ---\n${run.stderr}`;
  if (run.timedOut) {
    throw new Error(
      `${label}: deadlock/timeout: still running after ${run.timeoutMs / 1000} s on the virtual clock ` +
        `(the event loop never finished: a future nobody resolves, or a loop that never yields)${tail}`,
    );
  }
  if (run.status !== expectedExit) {
    throw new Error(`${label}: exited with ${run.status}, expected ${expectedExit}${tail}`);
  }
}

module.exports = { repoRoot, tmpRoot, lazyRequire, writeFile, readIfExists, runProgram, checkExit };
