// Test entry point (`npm test` builds, then runs this).
// Takes optional names (`node test/run.js fixtures cli` or paths to .test.js files); runs every
// test/*.test.js uvu suite file, or only the named ones, each in its own `node` child process so a
// crash or a hang in one file cannot take the others down. Sums the "Total:", "Passed:" and "Skipped:"
// lines uvu prints and ends with exactly one line `N passed, N failed` (the line .ci/run reports).
// A file that exits non-zero without a failing test in its summary (it crashed) counts as one failure.
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

// Long enough for the e2e test's npm install; a file that runs longer is hung, not slow.
const FILE_TIMEOUT_MS = 15 * 60 * 1000;

function selectFiles(names) {
  const all = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort();
  if (names.length === 0) return { files: all.map((f) => path.join(__dirname, f)), unknown: [] };
  const files = [];
  const unknown = [];
  for (const name of names) {
    const base = path.basename(name).replace(/(\.test)?\.js$/, '');
    const match = all.find((f) => f === `${base}.test.js`);
    if (match) files.push(path.join(__dirname, match));
    else unknown.push(name);
  }
  return { files, unknown };
}

// uvu prints its summary with colours when it thinks it is on a terminal; strip them to parse.
const stripAnsi = (s) => s.replace(/\x1b\[[0-9;]*m/g, '');

function parseSummary(output) {
  const text = stripAnsi(output);
  const grab = (label) => {
    const all = [...text.matchAll(new RegExp(`^\\s*${label}:\\s+(\\d+)`, 'gm'))];
    return all.length ? all.reduce((sum, m) => sum + Number(m[1]), 0) : undefined;
  };
  const total = grab('Total');
  const passed = grab('Passed');
  const skipped = grab('Skipped') ?? 0;
  if (total === undefined || passed === undefined) return undefined;
  // uvu's Total counts the tests that ran: skipped ones are not in it.
  return { total, passed, skipped, failed: total - passed };
}

function runFile(file) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file], {
      cwd: path.resolve(__dirname, '..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => process.stderr.write(chunk));
    const timer = setTimeout(() => {
      process.stderr.write(`\n${path.basename(file)}: killed after ${FILE_TIMEOUT_MS / 1000} s\n`);
      child.kill('SIGKILL');
    }, FILE_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ output, code, signal });
    });
  });
}

async function main() {
  const { files, unknown } = selectFiles(process.argv.slice(2));
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const name of unknown) {
    process.stderr.write(`test/run.js: no test file matches '${name}'\n`);
    failed += 1;
  }
  for (const file of files) {
    const rel = path.relative(process.cwd(), file);
    process.stdout.write(`\n# ${rel}\n`);
    const { output, code, signal } = await runFile(file);
    const summary = parseSummary(output);
    if (!summary) {
      process.stdout.write(`\n${rel}: crashed before uvu printed a summary (exit ${signal || code})\n`);
      failed += 1;
      continue;
    }
    passed += summary.passed;
    skipped += summary.skipped;
    failed += summary.failed;
    if (code !== 0 && summary.failed === 0) {
      process.stdout.write(`\n${rel}: exited with ${signal || code} although no test failed\n`);
      failed += 1;
    }
  }
  if (skipped) process.stdout.write(`\n(${skipped} skipped)\n`);
  process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
  process.exitCode = failed > 0 || files.length === 0 ? 1 : 0;
}

main().catch((err) => {
  process.stderr.write(`test/run.js: ${err && err.stack ? err.stack : err}\n`);
  process.stdout.write('0 passed, 1 failed\n');
  process.exitCode = 1;
});
