// Queue, PriorityQueue, LifoQueue: scenarios whose logs CPython 3.11 printed (shutdown: Python 3.13
// documented behaviour, written by hand), with generator coroutines (test/co.js).
'use strict';
const { suite } = require('uvu');
const assert = require('uvu/assert');
const { co, runMain, tscoro } = require('./co');
const { Queue, PriorityQueue, LifoQueue, QueueEmpty, QueueFull, QueueShutDown, CancelledError, createTask, sleep,
  gather } = tscoro;

const queue = suite('Queue');
queue('bounded producer/consumers with taskDone and join', async () => {
  const { log } = await runMain(function* (log) {
    const q = new Queue(2);
    function* producer() {
      for (let i = 0; i < 5; i++) {
        yield q.put(i);
        log.push(`put ${i} size=${q.qsize()} full=${q.full()}`);
      }
    }
    function* consumer(n) {
      for (;;) {
        const x = yield q.get();
        log.push(`${n} got ${x}`);
        yield sleep(0.1);
        q.taskDone();
      }
    }
    const p = createTask(co(producer));
    const cs = ['a', 'b'].map((n) => createTask(co(consumer, n)));
    yield p;
    yield q.join();
    log.push(`joined empty=${q.empty()}`);
    for (const c of cs) c.cancel();
    yield gather(cs, { returnExceptions: true });
    try {
      q.getNowait();
    } catch (e) {
      if (e instanceof QueueEmpty) log.push('QueueEmpty');
    }
    q.putNowait(1);
    q.putNowait(2);
    try {
      q.putNowait(3);
    } catch (e) {
      if (e instanceof QueueFull) log.push('QueueFull');
    }
  });
  assert.equal(log, ['put 0 size=1 full=false', 'put 1 size=2 full=true', 'a got 0', 'b got 1',
    'put 2 size=1 full=false', 'put 3 size=2 full=true', 'a got 2', 'b got 3', 'put 4 size=1 full=false',
    'a got 4', 'joined empty=true', 'QueueEmpty', 'QueueFull']);
});

queue('a cancelled getter or putter never strands an item or a slot', async () => {
  const { log } = await runMain(function* (log) {
    const q = new Queue();
    function* g(n) {
      try {
        const x = yield q.get();
        log.push(`${n} got ${x}`);
      } catch (e) {
        if (e instanceof CancelledError) log.push(`${n} cancelled`);
        throw e;
      }
    }
    const ts = [0, 1, 2].map((n) => createTask(co(g, n)));
    yield sleep(0);
    q.putNowait('x');
    ts[0].cancel();
    yield sleep(0);
    q.putNowait('y');
    yield gather(ts, { returnExceptions: true });
    log.push(`left ${q.qsize()}`);
    const q2 = new Queue(1);
    q2.putNowait(0);
    function* p(n) {
      try {
        yield q2.put(n);
        log.push(`put ${n}`);
      } catch (e) {
        if (e instanceof CancelledError) log.push(`put ${n} cancelled`);
        throw e;
      }
    }
    const ps = [1, 2].map((n) => createTask(co(p, n)));
    yield sleep(0);
    q2.getNowait();
    ps[0].cancel();
    yield gather(ps, { returnExceptions: true });
    log.push(`q2 ${q2.getNowait()}`);
  });
  assert.equal(log, ['0 cancelled', '1 got x', '2 got y', 'left 0', 'put 1 cancelled', 'put 2', 'q2 2']);
});

queue('taskDone() too many times throws RangeError; maxsize', () => {
  const q = new Queue(3);
  assert.is(q.maxsize, 3);
  assert.throws(() => q.taskDone(), (e) => e instanceof RangeError);
});

queue('shutdown() wakes blocked getters and putters with QueueShutDown (3.13)', async () => {
  const { log } = await runMain(function* (log) {
    const q = new Queue();
    function* getter() {
      try {
        yield q.get();
      } catch (e) {
        log.push(`getter ${e.name}`);
      }
    }
    const g = createTask(co(getter));
    yield sleep(0);
    q.shutdown();
    yield g;
    const q2 = new Queue(1);
    q2.putNowait(1);
    function* putter() {
      try {
        yield q2.put(2);
      } catch (e) {
        log.push(`putter ${e.name}`);
      }
    }
    const p = createTask(co(putter));
    yield sleep(0);
    q2.shutdown();
    yield p;
    log.push(`still gettable ${q2.getNowait()}`);
    for (const f of [() => q2.getNowait(), () => q2.putNowait(3)]) {
      try {
        f();
      } catch (e) {
        log.push(e.name);
      }
    }
    const q3 = new Queue();
    q3.putNowait(1);
    q3.putNowait(2);
    q3.shutdown(true);
    yield q3.join();
    log.push(`immediate size=${q3.qsize()}`);
    try {
      yield q3.get();
    } catch (e) {
      log.push(`get ${e instanceof QueueShutDown}`);
    }
  });
  assert.equal(log, ['getter QueueShutDown', 'putter QueueShutDown', 'still gettable 1', 'QueueShutDown',
    'QueueShutDown', 'immediate size=0', 'get true']);
});
queue.run();

const others = suite('PriorityQueue/LifoQueue');
others('PriorityQueue orders tuples as Python does; LifoQueue is LIFO', () => {
  const pq = new PriorityQueue();
  for (const item of [[3, 'c'], [1, 'a'], [2, 'b'], [1, 'aa'], [0, 'z']]) pq.putNowait(item);
  const out = [];
  for (let i = 0; i < 5; i++) out.push(pq.getNowait());
  assert.equal(out, [[0, 'z'], [1, 'a'], [1, 'aa'], [2, 'b'], [3, 'c']]);
  const lq = new LifoQueue();
  for (let i = 0; i < 3; i++) lq.putNowait(i);
  assert.equal([lq.getNowait(), lq.getNowait(), lq.getNowait()], [2, 1, 0]);
});

// CPython: heapq.heappush five items comparing equal (a..e), then heappop five times.
others('PriorityQueue ties leave in heapq order (custom compare)', () => {
  const pq = new PriorityQueue(0, (x, y) => x[0] - y[0]);
  for (const s of ['a', 'b', 'c', 'd', 'e']) pq.putNowait([1, s]);
  const out = [];
  while (!pq.empty()) out.push(pq.getNowait()[1]);
  assert.is(out.join(''), 'acebd');
});
others.run();
