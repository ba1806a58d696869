// taskGroup and ExceptionGroup: scenarios whose logs CPython 3.11 printed under vasyncio.py, with
// generator coroutines (test/co.js).
'use strict';
const { suite } = require('uvu');
const assert = require('uvu/assert');
const { co, runMain, tscoro } = require('./co');
const { taskGroup, ExceptionGroup, CancelledError, RuntimeError, createTask, sleep, getRunningLoop } = tscoro;

let T0 = 0;
const t = () => (Math.round((getRunningLoop().time() - T0) * 1000) / 1000).toFixed(1);

function* child(log, name, d, fail = false) {
  try {
    yield sleep(d);
    if (fail) {
      log.push(`${name} fails at ${t()}`);
      throw new RangeError(name);
    }
    log.push(`${name} done at ${t()}`);
    return name;
  } catch (e) {
    if (e instanceof CancelledError) log.push(`${name} cancelled at ${t()}`);
    throw e;
  }
}

async function scenario(body) {
  return (await runMain(function* (log) {
    T0 = getRunningLoop().time();
    yield* body(log);
  })).log;
}

const tg = suite('taskGroup');
tg('waits for every child; resolves to the body result', async () => {
  const log = await scenario(function* (log) {
    let a, b;
    const r = yield taskGroup((g) => co(function* () {
      a = g.createTask(co(child, log, 'a', 1));
      b = g.createTask(co(child, log, 'b', 2));
      log.push('body end');
      return 42;
    }));
    log.push(`results ${a.result()} ${b.result()} at ${t()} r=${r}`);
  });
  assert.equal(log, ['body end', 'a done at 1.0', 'b done at 2.0', 'results a b at 2.0 r=42']);
});

tg('failing children cancel siblings and the body; errors come together', async () => {
  const log = await scenario(function* (log) {
    try {
      yield taskGroup((g) => co(function* () {
        g.createTask(co(child, log, 'a', 1, true));
        g.createTask(co(child, log, 'b', 1, true));
        g.createTask(co(child, log, 'c', 3));
        try {
          yield sleep(5);
        } catch (e) {
          if (e instanceof CancelledError) log.push(`body cancelled at ${t()}`);
          throw e;
        }
      }));
    } catch (e) {
      assert.instance(e, ExceptionGroup);
      assert.instance(e, AggregateError);
      assert.match(e.message, /^unhandled errors in a TaskGroup \(2 sub-exceptions\)\n  1: RangeError: a\n  2: RangeError: b$/);
      log.push(`group ${JSON.stringify(e.errors.map((x) => x.message))} at ${t()}`);
    }
  });
  assert.equal(log, ['a fails at 1.0', 'b fails at 1.0', 'c cancelled at 1.0', 'body cancelled at 1.0',
    'group ["a","b"] at 1.0']);
});

tg('a failing body cancels the children', async () => {
  const log = await scenario(function* (log) {
    try {
      yield taskGroup((g) => co(function* () {
        g.createTask(co(child, log, 'a', 1));
        g.createTask(co(child, log, 'b', 2, true));
        yield sleep(0.5);
        throw new TypeError('body');
      }));
    } catch (e) {
      log.push(`group ${JSON.stringify(e.errors.map((x) => x.name))} at ${t()}`);
    }
  });
  assert.equal(log, ['a cancelled at 0.5', 'b cancelled at 0.5', 'group ["TypeError"] at 0.5']);
});

tg('cancelling the parent cancels the children; a finished group refuses tasks', async () => {
  const log = await scenario(function* (log) {
    const runner = createTask(co(function* () {
      yield taskGroup((g) => co(function* () {
        g.createTask(co(child, log, 'a', 2));
        g.createTask(co(child, log, 'b', 3));
      }));
      log.push('WRONG');
    }));
    yield sleep(1);
    runner.cancel();
    try {
      yield runner;
    } catch (e) {
      if (e instanceof CancelledError) log.push(`runner cancelled at ${t()}`);
    }
    let group;
    yield taskGroup((g) => co(function* () { group = g; }));
    try {
      group.createTask(co(child, log, 'z', 1));
    } catch (e) {
      if (e instanceof RuntimeError) log.push('finished RuntimeError');
    }
  });
  assert.equal(log, ['a cancelled at 1.0', 'b cancelled at 1.0', 'runner cancelled at 1.0', 'finished RuntimeError']);
});
tg.run();
