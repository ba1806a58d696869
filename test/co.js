// Test helper: coroutines written as generators (`yield x` awaits x), run on tscoro's loop without
// the transformer. Takes a generator function; produces a Coroutine (GenFrame) the runtime drives
// like a compiled async function.
'use strict';
const { GenFrame } = require('../dist/runtime/genframe.js');
const tscoro = require('../dist/runtime/index.js');

/** A coroutine object from a generator function and its arguments. */
function co(genFn, ...args) {
  return new GenFrame(genFn(...args), genFn.name || 'co');
}

/** Runs `genFn` as main on a virtual-clock loop; resolves to { result, log } or rejects. */
async function runMain(genFn) {
  const log = [];
  const result = await tscoro.run(co(genFn, log), { clock: 'virtual' });
  return { result, log };
}

/** The loop time rounded to milliseconds, for logs. */
function now() {
  return Math.round(tscoro.getRunningLoop().time() * 1000) / 1000;
}

module.exports = { co, runMain, now, tscoro };
