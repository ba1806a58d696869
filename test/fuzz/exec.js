// Child process of the differential tester: runs a batch of compiled programs, one after the other.
// Takes the path of a JSON batch file `[{ native, tscoro }, ...]` and a start index; for each program
// from there runs the native JS, then the tscoro JS, each with its own console whose lines are
// captured, and writes one JSON line `{ i, kind, out }` per run to stdout as soon as it finishes.
// A run is finished when the program's last statement prints `end` or `uncaught ...`. A run that does
// not finish within the timeout is reported with `timeout: true` and the process exits (the program
// may still be running in the background); the parent starts a new child after it. A run that never
// returns (a synchronous endless loop) produces no line: the parent kills the child and knows which.
'use strict';
const fs = require('fs');
const path = require('path');
const util = require('util');
const vm = require('vm');
const { createRequire } = require('module');

const [batchFile, startArg, timeoutArg] = process.argv.slice(2);
const programs = JSON.parse(fs.readFileSync(batchFile, 'utf8'));
const start = Number(startArg || 0);
const timeoutMs = Number(timeoutArg || 3000);
const MAX_LINES = 2000;
const MAX_LINE = 1000;
// Emitted code requires "tscoro/protocol": resolve it from inside the package (self-reference).
const requireHere = createRequire(path.join(__dirname, '..', '..', '.tmp', 'fuzz', 'exec.js'));

let current = null; // the run in progress: { lines, done }

process.on('unhandledRejection', (e) => {
  if (current) current.lines.push(`<unhandledRejection ${String(e)}>`);
});
process.on('uncaughtException', (e) => {
  if (current) current.lines.push(`<uncaughtException ${String(e)}>`);
  else throw e;
});

function runOne(code, label) {
  return new Promise((resolve) => {
    const lines = [];
    let finished = false;
    const run = { lines };
    current = run;
    const finish = (timeout) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      current = null;
      resolve({ out: lines.join('\n') + '\n', timeout });
    };
    const timer = setTimeout(() => finish(true), timeoutMs);
    const console = {
      log: (...args) => {
        if (finished) return;
        // Values can grow fast (a string doubled in nested loops): keep lines and output bounded, the
        // same way on both sides.
        if (lines.length < MAX_LINES) lines.push(util.format(...args).slice(0, MAX_LINE));
        else if (lines.length === MAX_LINES) lines.push('<more lines>');
        const endLine = (args.length === 1 && args[0] === 'end') || (args.length === 2 && args[0] === 'uncaught');
        // Let the microtasks of the program's last step settle (an unhandled rejection, say).
        if (endLine) setImmediate(() => finish(false));
      },
    };
    const module = { exports: {} };
    try {
      const fn = vm.compileFunction(code, ['exports', 'require', 'module', 'console'], { filename: label });
      fn(module.exports, requireHere, module, console);
    } catch (e) {
      lines.push(`<threw at load ${String(e)}>`);
      finish(false);
    }
  });
}

async function main() {
  for (let i = start; i < programs.length; i++) {
    for (const kind of ['native', 'tscoro']) {
      const { out, timeout } = await runOne(programs[i][kind], `p${i}.${kind}.js`);
      process.stdout.write(JSON.stringify({ i, kind, out, timeout }) + '\n');
      if (timeout) process.exit(0);
    }
  }
  process.exit(0);
}

main();
