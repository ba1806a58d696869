// waitFor, withTimeout/withTimeoutAt, wait, asCompleted, shield: scenarios whose logs CPython 3.11
// printed under /work/shared/tools/vasyncio.py (virtual clock), with generator coroutines.
'use strict';
const { suite } = require('uvu');
const assert = require('uvu/assert');
const { co, runMain, tscoro } = require('./co');
const { waitFor, withTimeout, withTimeoutAt, wait, asCompleted, shield, FIRST_COMPLETED, FIRST_EXCEPTION,
  TimeoutError, CancelledError, createTask, sleep, gather, getRunningLoop } = tscoro;

const t = () => Math.round(getRunningLoop().time() * 1000) / 1000;
const fmt = (x) => (Number.isInteger(x) ? x.toFixed(1) : String(x));

function* slow(log, d, swallow = false) {
  try {
    yield sleep(d);
    return 'slow done';
  } catch (e) {
    log.push(`slow cancelled at ${fmt(t())}`);
    yield sleep(0.5);
    log.push(`slow cleanup done at ${fmt(t())}`);
    if (swallow) return 'swallowed';
    throw e;
  }
}

const wf = suite('waitFor');
wf('result, timeout after cleanup, swallowed cancellation, 0 seconds, outer cancel', async () => {
  const { log } = await runMain(function* (log) {
    log.push(yield waitFor(co(slow, log, 1), 2));
    try {
      yield waitFor(co(slow, log, 5), 1);
    } catch (e) {
      if (e instanceof TimeoutError) log.push(`timeout at ${fmt(t())}`);
    }
    const r = yield waitFor(co(slow, log, 5, true), 1);
    log.push(`${r} at ${fmt(t())}`);
    try {
      yield waitFor(co(slow, log, 5), 0);
    } catch (e) {
      if (e instanceof TimeoutError) log.push(`timeout0 at ${fmt(t())}`);
    }
    const tk = createTask(waitFor(co(slow, log, 5), 3));
    yield sleep(1);
    tk.cancel();
    try {
      yield tk;
    } catch (e) {
      if (e instanceof CancelledError) log.push(`outer cancelled at ${fmt(t())}`);
    }
  });
  assert.equal(log, ['slow done', 'slow cancelled at 2.0', 'slow cleanup done at 2.5', 'timeout at 2.5',
    'slow cancelled at 3.5', 'slow cleanup done at 4.0', 'swallowed at 4.0', 'timeout0 at 4.0',
    'slow cancelled at 5.0', 'slow cleanup done at 5.5', 'outer cancelled at 5.5']);
});
wf.run();

const scopes = suite('withTimeout');
scopes('expiry, nesting, reschedule, swallowing body, past deadline', async () => {
  const { log } = await runMain(function* (log) {
    let cm, outer, inner;
    try {
      yield withTimeout(1, (s) => co(function* () {
        cm = s;
        log.push(`when ${fmt(s.when())}`);
        yield sleep(5);
      }));
    } catch (e) {
      if (e instanceof TimeoutError) log.push(`timeout at ${fmt(t())} expired=${cm.expired()}`);
    }
    yield withTimeout(1, (s) => co(function* () {
      cm = s;
      yield sleep(0.5);
    }));
    log.push(`no timeout expired=${cm.expired()}`);
    try {
      yield withTimeout(5, (o) => co(function* () {
        outer = o;
        try {
          yield withTimeout(1, (i) => co(function* () {
            inner = i;
            yield sleep(3);
          }));
        } catch (e) {
          if (e instanceof TimeoutError) log.push(`inner timeout at ${fmt(t())} outer.expired=${outer.expired()}`);
        }
        yield sleep(10);
      }));
    } catch (e) {
      if (e instanceof TimeoutError)
        log.push(`outer timeout at ${fmt(t())} inner=${inner.expired()} outer=${outer.expired()}`);
    }
    try {
      yield withTimeout(1, (o) => co(function* () {
        outer = o;
        try {
          yield withTimeout(5, (i) => co(function* () {
            inner = i;
            yield sleep(3);
          }));
        } catch (e) {
          if (e instanceof TimeoutError) log.push('WRONG inner');
          else throw e;
        }
      }));
    } catch (e) {
      if (e instanceof TimeoutError)
        log.push(`outer2 timeout at ${fmt(t())} inner=${inner.expired()} outer=${outer.expired()}`);
    }
    try {
      yield withTimeout(null, (s) => co(function* () {
        s.reschedule(getRunningLoop().time() + 2);
        yield sleep(1);
        s.reschedule(getRunningLoop().time() + 2);
        yield sleep(10);
      }));
    } catch (e) {
      if (e instanceof TimeoutError) log.push(`rescheduled timeout at ${fmt(t())}`);
    }
    yield withTimeout(1, (s) => co(function* () {
      cm = s;
      try {
        yield sleep(3);
      } catch (e) {
        if (e instanceof CancelledError) log.push('body swallowed');
      }
    }));
    log.push(`after swallow expired=${cm.expired()} at ${fmt(t())}`);
    try {
      yield withTimeoutAt(getRunningLoop().time() - 1, () => sleep(1));
    } catch (e) {
      if (e instanceof TimeoutError) log.push(`past deadline at ${fmt(t())}`);
    }
  });
  assert.equal(log, ['when 1.0', 'timeout at 1.0 expired=true', 'no timeout expired=false',
    'inner timeout at 2.5 outer.expired=false', 'outer timeout at 6.5 inner=true outer=true',
    'outer2 timeout at 7.5 inner=false outer=true', 'rescheduled timeout at 10.5', 'body swallowed',
    'after swallow expired=true at 11.5', 'past deadline at 11.5']);
});

scopes('reschedule() outside the scope throws RuntimeError', async () => {
  await runMain(function* () {
    let scope;
    yield withTimeout(1, (s) => co(function* () { scope = s; }));
    assert.throws(() => scope.reschedule(5), (e) => e.name === 'RuntimeError' && /finished/.test(e.message));
  });
});
scopes.run();

function* job(d, fail = false) {
  yield sleep(d);
  if (fail) throw new RangeError(`fail${d}`);
  return d;
}

const w = suite('wait/asCompleted/shield');
w('wait() returnWhen and timeout; coroutines are a TypeError', async () => {
  const { log } = await runMain(function* (log) {
    const ts = [1, 2, 3].map((d) => createTask(co(job, d, d === 2)));
    let r = yield wait(ts, { returnWhen: FIRST_COMPLETED });
    log.push(`first ${JSON.stringify([...r.done].map((x) => x.result()))} pending ${r.pending.size} at ${fmt(t())}`);
    r = yield wait(ts, { returnWhen: FIRST_EXCEPTION });
    log.push(`fe done ${r.done.size} pending ${r.pending.size} at ${fmt(t())}`);
    r = yield wait(ts, { timeout: 0.5 });
    log.push(`to done ${r.done.size} pending ${r.pending.size} at ${fmt(t())}`);
    r = yield wait(ts);
    log.push(`all done ${r.done.size} pending ${r.pending.size} at ${fmt(t())}`);
    assert.ok(r.done.has(ts[0]) && r.done.has(ts[2]));
    try {
      yield wait([co(job, 1)]);
    } catch (e) {
      if (e instanceof TypeError) log.push('TypeError');
    }
  });
  assert.equal(log, ['first [1] pending 2 at 1.0', 'fe done 2 pending 1 at 2.0', 'to done 2 pending 1 at 2.5',
    'all done 3 pending 0 at 3.0', 'TypeError']);
});

w('asCompleted() with for, timeout; shield()', async () => {
  const { log } = await runMain(function* (log) {
    const t0 = t();
    const at = () => fmt(t() - t0 + 3);
    let ts = [3, 1, 2].map((d) => createTask(co(job, d)));
    for (const aw of asCompleted(ts)) log.push(`ac ${yield aw} at ${at()}`);
    ts = [3, 1, 2].map((d) => createTask(co(job, d)));
    try {
      for (const aw of asCompleted(ts, { timeout: 1.5 })) log.push(`act ${yield aw} at ${at()}`);
    } catch (e) {
      if (e instanceof TimeoutError) log.push(`ac timeout at ${at()}`);
    }
    yield gather(ts);
    const inner = createTask(co(job, 2));
    const o = createTask(co(function* () { return yield shield(inner); }));
    yield sleep(1);
    o.cancel();
    try {
      yield o;
    } catch (e) {
      if (e instanceof CancelledError) log.push(`outer cancelled, inner done=${inner.done()}`);
    }
    log.push(`inner ${yield inner} at ${at()}`);
  });
  assert.equal(log, ['ac 1 at 4.0', 'ac 2 at 5.0', 'ac 3 at 6.0', 'act 1 at 7.0', 'ac timeout at 7.5',
    'outer cancelled, inner done=false', 'inner 2 at 11.0']);
});

w('asCompleted() with for await gives the finished futures', async () => {
  const { log } = await runMain(function* (log) {
    const ts = [3, 1, 2].map((d) => createTask(co(job, d)));
    const it = asCompleted(ts)[Symbol.asyncIterator]();
    for (;;) {
      const r = yield it.next();
      if (r.done) break;
      log.push(`${ts.indexOf(r.value)} ${r.value.result()}`);
    }
  });
  assert.equal(log, ['1 1', '2 2', '0 3']);
});
w.run();
