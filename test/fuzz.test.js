// The differential tester as a suite (issue 3): 2,000 random async programs from a fixed seed, each run
// natively and compiled by the transformer, must print the same lines (test/fuzz/run.js does the work:
// batches over worker threads, one child process per batch). On a failure the first failing program
// is shrunk and printed with both outputs and the command that reproduces it.
// TSCORO_FUZZ_SEED and TSCORO_FUZZ_COUNT override the seed and the count (to explore more seeds in CI).
// The second test is the scheduling tester (test/fuzz/sched.js): random paired programs on CPython's
// asyncio (python3, virtual clock) and on tscoro must print the same lines; TSCORO_SCHED_SEED and
// TSCORO_SCHED_COUNT override its seed and count.
'use strict';
const { suite } = require('uvu');
const assert = require('uvu/assert');
const { lazyRequire } = require('./harness');

const compile = lazyRequire('../dist/cli/compile.js');

const SEED = Number(process.env.TSCORO_FUZZ_SEED || 20260503);
const COUNT = Number(process.env.TSCORO_FUZZ_COUNT || 2000);
// Generator features to leave out while a bug they hit is open (see gen.js `avoid`); empty when none is.
const AVOID = [];

const fuzz = suite('fuzz');

fuzz(`${COUNT} random async programs print the same natively and compiled (seed ${SEED})`, async () => {
  compile.get();
  const { fuzz: run, shrink, describe } = require('./fuzz/run');
  const { ran, failures: all } = await run({ seed: SEED, count: COUNT, avoid: AVOID });
  assert.is(ran, COUNT);
  // A 'generator' failure is a program that does not finish natively (it hangs, or grows a string
  // past V8's limit): the generator's fault, nothing about tscoro. They are left out of the
  // comparison, but more than 1% of them means the generator is broken.
  const generatorBugs = all.filter((f) => f.failure === 'generator');
  assert.ok(generatorBugs.length <= COUNT / 100, `${generatorBugs.length} generated programs do not finish natively (first: ${generatorBugs[0]?.index})`);
  const failures = all.filter((f) => f.failure !== 'generator');
  if (failures.length > 0) {
    const first = failures[0];
    const shrunk = first.failure === 'generator' ? undefined : await shrink(first.code, first, { budgetMs: 90_000 });
    const others = failures.slice(1, 20).map((f) => `${f.failure} in program ${f.index}`).join(', ');
    assert.unreachable(
      `${failures.length} of ${COUNT} programs failed (${others || 'only this one'}); the first:\n${describe(first, shrunk)}`,
    );
  }
});

const SCHED_SEED = Number(process.env.TSCORO_SCHED_SEED || 20261126);
const SCHED_COUNT = Number(process.env.TSCORO_SCHED_COUNT || 400);

fuzz(`${SCHED_COUNT} random scheduling programs print what CPython's asyncio prints (seed ${SCHED_SEED})`, async () => {
  compile.get();
  const { checkSched, describeSched } = require('./fuzz/sched');
  const { ran, failures } = await checkSched(SCHED_SEED, 0, SCHED_COUNT);
  assert.is(ran, SCHED_COUNT);
  if (failures.length > 0)
    assert.unreachable(`${failures.length} of ${SCHED_COUNT} programs differ from CPython; the first:\n${describeSched(failures[0])}`);
});

fuzz.run();
