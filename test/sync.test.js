// Lock, Event, Condition, Semaphore, BoundedSemaphore, Barrier: each suite replays a scenario whose
// log was printed by CPython 3.11 (the equivalent Python is in the comment above each test), with
// coroutines written as generators (test/co.js) so the runtime is tested without the transformer.
// The last Event test and the Fifo suite check the waiter list itself (order, size, removal).
'use strict';
const { suite } = require('uvu');
const assert = require('uvu/assert');
const { co, runMain, tscoro } = require('./co');
const { Lock, Event, Condition, Semaphore, BoundedSemaphore, Barrier, BrokenBarrierError, CancelledError,
  RuntimeError, createTask, sleep, gather } = tscoro;

const lock = suite('Lock');

lock('acquire() is FIFO; a cancelled waiter passes its wake-up on', async () => {
  const { log } = await runMain(function* (log) {
    const lk = new Lock();
    function* w(name, hold) {
      log.push(`${name} wants`);
      yield lk.acquire();
      try {
        log.push(`${name} got`);
        yield sleep(hold);
      } finally {
        lk.release();
        log.push(`${name} released`);
      }
    }
    const ts = ['a', 'b', 'c'].map((n) => createTask(co(w, n, 1)));
    yield sleep(0.5);
    ts[1].cancel();
    yield gather(ts, { returnExceptions: true });
    log.push(`locked ${lk.locked()}`);
    yield lk.acquire();
    const t1 = createTask(co(w, 'x', 0));
    const t2 = createTask(co(w, 'y', 0));
    yield sleep(0);
    lk.release();
    t1.cancel();
    yield gather([t1, t2], { returnExceptions: true });
    log.push(`end ${lk.locked()}`);
  });
  assert.equal(log, ['a wants', 'a got', 'b wants', 'c wants', 'a released', 'c got', 'c released', 'locked false',
    'x wants', 'y wants', 'y got', 'y released', 'end false']);
});

lock('acquire() on a free lock does not yield a loop pass', async () => {
  const { log } = await runMain(function* (log) {
    const lk = new Lock();
    tscoro.getRunningLoop().callSoon(() => log.push('callSoon'));
    const r = yield lk.acquire();
    log.push(`acquired ${r}`);
    yield sleep(0);
  });
  assert.equal(log, ['acquired true', 'callSoon']);
});

lock('release() of an unlocked lock throws RuntimeError', () => {
  assert.throws(() => new Lock().release(), (e) => e instanceof RuntimeError && e.message === 'Lock is not acquired.');
});

lock('[Symbol.asyncDispose] releases', async () => {
  await runMain(function* () {
    const lk = new Lock();
    yield lk.acquire();
    yield lk[Symbol.asyncDispose]();
    assert.is(lk.locked(), false);
  });
});
lock.run();

const event = suite('Event');
event('set() wakes every waiter in order; cancelled waiters are skipped', async () => {
  const { log } = await runMain(function* (log) {
    const ev = new Event();
    function* w(n) {
      log.push(`${n} waits`);
      const r = yield ev.wait();
      log.push(`${n} woke ${r}`);
    }
    const ts = [0, 1, 2].map((i) => createTask(co(w, i)));
    yield sleep(0);
    ts[1].cancel();
    log.push(`set ${ev.isSet()}`);
    ev.set();
    log.push(`set ${ev.isSet()}`);
    yield sleep(0);
    log.push('after one pass');
    yield gather(ts, { returnExceptions: true });
    ev.clear();
    log.push(`cleared ${ev.isSet()} ${ev._waiters.length}`);
  });
  assert.equal(log, ['0 waits', '1 waits', '2 waits', 'set false', 'set true', '0 woke true', '2 woke true',
    'after one pass', 'cleared false 0']);
});
event('20,000 waiters of one Event all wake, in the order they waited, and leave the list', async () => {
  // Past ~16,000 elements V8's Array.shift moves the whole array; the waiter list is a Fifo.
  const n = 20000;
  const { log } = await runMain(function* (log) {
    const ev = new Event();
    const order = [];
    const ts = [];
    for (let i = 0; i < n; i++) ts.push(createTask(co(function* () { yield ev.wait(); order.push(i); })));
    yield sleep(0);
    log.push(`waiting ${ev._waiters.length}`);
    ev.set();
    yield gather(ts);
    log.push(`left ${ev._waiters.length}`);
    log.push(`in order ${order.length === n && order.every((x, k) => x === k)}`);
  });
  assert.equal(log, [`waiting ${n}`, 'left 0', 'in order true']);
});
event.run();

const fifo = suite('Fifo (waiter lists)');
fifo('keeps FIFO order across compaction and removal from the middle', () => {
  const { Fifo } = require('../dist/runtime/fifo.js');
  const f = new Fifo();
  const ref = [];
  for (let i = 0; i < 3000; i++) { f.push(i); ref.push(i); }
  for (let i = 0; i < 2000; i++) assert.is(f.shift(), ref.shift()); // compacts at least once
  assert.ok(f.remove(2500));
  ref.splice(ref.indexOf(2500), 1);
  assert.not.ok(f.remove(2500));
  assert.ok(f.remove(2001)); // the front
  ref.splice(ref.indexOf(2001), 1);
  f.push('x');
  ref.push('x');
  assert.is(f.length, ref.length);
  assert.is(f.first(), ref[0]);
  assert.equal([...f], ref);
  assert.ok(f.some((v) => v === 'x'));
  assert.not.ok(f.every((v) => typeof v === 'number'));
  while (f.length > 0) assert.is(f.shift(), ref.shift());
  assert.is(f.shift(), undefined);
  assert.is(f.first(), undefined);
  f.push(1);
  assert.is(f.shift(), 1); // the single-element path
  assert.is(f.length, 0);
});
fifo('iteration visits what is pushed meanwhile, and a finished iterator stays finished', () => {
  const { Fifo } = require('../dist/runtime/fifo.js');
  const f = new Fifo();
  f.push('a');
  f.push('b');
  assert.is(f.shift(), 'a');
  f.push('c');
  const seen = [];
  for (const x of f) {
    seen.push(x);
    if (x === 'b') f.push('d');
  }
  assert.equal(seen, ['b', 'c', 'd']);
  const it = f[Symbol.iterator]();
  assert.equal([it.next().value, it.next().value, it.next().value], ['b', 'c', 'd']);
  assert.ok(it.next().done);
  f.push('e');
  assert.ok(it.next().done, 'as a generator: done for good');
});
fifo.run();

const condition = suite('Condition');
condition('waitFor/notify(n); a cancelled waiter re-acquires before raising', async () => {
  const { log } = await runMain(function* (log) {
    const cond = new Condition();
    const items = [];
    function* consumer(n) {
      yield cond.acquire();
      try {
        log.push(`${n} waiting`);
        const v = yield cond.waitFor(() => items.length > 0);
        log.push(`${n} got ${items.shift()} ${v}`);
      } finally {
        cond.release();
      }
    }
    const ts = [0, 1, 2].map((i) => createTask(co(consumer, i)));
    yield sleep(0);
    yield cond.acquire();
    try {
      items.push('A', 'B');
      cond.notify(2);
      log.push('notified 2');
    } finally {
      cond.release();
    }
    yield sleep(0);
    ts[2].cancel();
    try {
      yield ts[2];
    } catch (e) {
      if (e instanceof CancelledError) log.push(`2 cancelled locked=${cond.locked()}`);
    }
    yield gather(ts[0], ts[1]);
    function* w2(n) {
      yield cond.acquire();
      try {
        try {
          yield cond.wait();
          log.push(`${n} woke`);
        } catch (e) {
          log.push(`${n} cancelled holding=${cond.locked()}`);
          throw e;
        }
      } finally {
        cond.release();
      }
    }
    const a = createTask(co(w2, 'a'));
    yield sleep(0);
    yield cond.acquire();
    try {
      cond.notifyAll();
      yield sleep(0);
      a.cancel();
    } finally {
      cond.release();
    }
    yield gather([a], { returnExceptions: true });
    log.push(`end locked=${cond.locked()}`);
  });
  assert.equal(log, ['0 waiting', '1 waiting', '2 waiting', 'notified 2', '0 got A true', '1 got B true',
    '2 cancelled locked=false', 'a cancelled holding=true', 'end locked=false']);
});

condition('a notified waiter cancelled while re-acquiring passes the notification on (3.13 fix)', async () => {
  const { log } = await runMain(function* (log) {
    const cond = new Condition();
    function* w(n) {
      yield cond.acquire();
      try {
        yield cond.wait();
        log.push(`${n} woke`);
      } catch (e) {
        log.push(`${n} ${e.name}`);
      } finally {
        cond.release();
      }
    }
    const a = createTask(co(w, 'a'));
    const b = createTask(co(w, 'b'));
    yield sleep(0);
    yield cond.acquire();
    cond.notify(1);
    yield sleep(0);
    a.cancel();
    cond.release();
    yield gather(a, b);
  });
  assert.equal(log, ['a CancelledError', 'b woke']);
});

condition('wait() and notify() without the lock throw RuntimeError', async () => {
  const cond = new Condition();
  assert.throws(() => cond.notify(), (e) => e instanceof RuntimeError);
  await runMain(function* () {
    try {
      yield cond.wait();
      assert.unreachable();
    } catch (e) {
      assert.instance(e, RuntimeError);
    }
  });
});
condition.run();

const semaphore = suite('Semaphore');
semaphore('permits are FIFO; a permit handed to a cancelled waiter goes to the next one', async () => {
  const { log } = await runMain(function* (log) {
    const sem = new Semaphore(2);
    function* w(n, d) {
      yield sem.acquire();
      try {
        log.push(`${n} in ${sem._value}`);
        yield sleep(d);
      } finally {
        sem.release();
      }
      log.push(`${n} out`);
    }
    const ts = [0, 1, 2, 3, 4].map((i) => createTask(co(w, i, 1)));
    yield sleep(0.5);
    log.push(`locked ${sem.locked()}`);
    ts[2].cancel();
    yield gather(ts, { returnExceptions: true });
    log.push(`value ${sem._value}`);
    yield sem.acquire();
    yield sem.acquire();
    const a = createTask(co(w, 'a', 0));
    const b = createTask(co(w, 'b', 0));
    yield sleep(0);
    sem.release();
    a.cancel();
    yield gather([a, b], { returnExceptions: true });
    sem.release();
    log.push(`value ${sem._value}`);
    const bs = new BoundedSemaphore(1);
    try {
      bs.release();
    } catch (e) {
      log.push(`bounded ${e.message} ${e instanceof RangeError}`);
    }
  });
  assert.equal(log, ['0 in 1', '1 in 0', 'locked true', '0 out', '1 out', '3 in 0', '4 in 0', '3 out', '4 out',
    'value 2', 'b in 0', 'b out', 'value 2', 'bounded BoundedSemaphore released too many times true']);
});

semaphore('negative initial value throws RangeError; asyncDispose releases', async () => {
  assert.throws(() => new Semaphore(-1), (e) => e instanceof RangeError);
  await runMain(function* () {
    const s = new BoundedSemaphore(2);
    yield s.acquire();
    yield s[Symbol.asyncDispose]();
    assert.is(s._value, 2);
  });
});
semaphore.run();

const barrier = suite('Barrier');
barrier('wait() releases all parties together; abort() breaks waiters; reset() repairs', async () => {
  const { log } = await runMain(function* (log) {
    const b = new Barrier(3);
    function* w(n) {
      log.push(`${n} arrives`);
      const i = yield b.wait();
      log.push(`${n} passes ${i}`);
    }
    yield gather([0, 1, 2].map((i) => createTask(co(w, i))));
    log.push(`n_waiting ${b.nWaiting} broken ${b.broken}`);
    function* w3(n) {
      try {
        yield b.wait();
      } catch (e) {
        if (e instanceof BrokenBarrierError) log.push(`${n} broken: ${e.message}`);
      }
    }
    const ts = [0, 1].map((i) => createTask(co(w3, i)));
    yield sleep(0);
    log.push(`n_waiting ${b.nWaiting}`);
    yield b.abort();
    yield gather(ts);
    log.push(`broken ${b.broken}`);
    yield b.reset();
    log.push(`broken ${b.broken}`);
  });
  assert.equal(log, ['0 arrives', '1 arrives', '2 arrives', '2 passes 2', '0 passes 0', '1 passes 1',
    'n_waiting 0 broken false', 'n_waiting 2', '0 broken: Abort or reset of barrier',
    '1 broken: Abort or reset of barrier', 'broken true', 'broken false']);
});
barrier.run();
