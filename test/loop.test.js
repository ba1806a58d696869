// Loop and Task API that pairs do not pin: getCoro, getStack/printStack, removeDoneCallback, setExceptionHandler,
// ensureFuture, Runner, task factories and eager tasks, fromPromise/toPromise. Coroutines are written
// as generators (test/co.js), so the runtime is tested without the transformer.
'use strict';
const { suite } = require('uvu');
const assert = require('uvu/assert');
const { co, runMain, tscoro } = require('./co');
const { Runner, EventLoop, Future, Task, CancelledError, createTask, currentTask, ensureFuture, eagerTaskFactory,
  fromPromise, toPromise, getRunningLoop, sleep, gather, run } = tscoro;

const task = suite('Task');

task('getCoro() is the coroutine the task runs, before and after it finishes', async () => {
  await runMain(function* () {
    function* child() { yield sleep(0); return 1; }
    const c = co(child);
    const t = createTask(c);
    assert.is(t.getCoro(), c);
    yield t;
    assert.is(t.getCoro(), c);
    const e = createTask(co(child), { eager: true });
    assert.instance(e.getCoro(), tscoro.Coroutine);
  });
});

task('getStack()/printStack(): the await chain where the task waits, root first, as asyncio lists frames', async () => {
  const { log } = await runMain(function* (log) {
    const q = new tscoro.Queue();
    function* fetch() { return yield q.get(); }
    function* worker() { return yield co(fetch); }
    const t = createTask(co(worker), { name: 'w' });
    const names = () => t.getStack().map((c) => c.$name).join(' > ');
    log.push(`before: ${names()}`);
    yield sleep(0);
    log.push(`waiting: ${names()}`);
    log.push(`limit 2: ${t.getStack({ limit: 2 }).map((c) => c.$name).join(' > ')}`);
    log.push(`limit 0: ${t.getStack({ limit: 0 }).length}`);
    log.push(`own: ${currentTask().getStack().length}`);
    let text = '';
    t.printStack({ file: { write: (s) => (text += s) } });
    log.push(text);
    q.putNowait(7);
    log.push(`woken, not yet resumed: ${names()}`);
    yield t;
    text = '';
    t.printStack({ file: { write: (s) => (text += s) } });
    log.push(text);
  });
  assert.equal(log, [
    'before: worker',
    'waiting: worker > fetch > Queue.get',
    'limit 2: fetch > Queue.get',
    'limit 0: 0',
    'own: 0',
    "Stack for <Task pending name='w' coro=<coroutine object worker>> (most recent call last):\n  in worker\n  in fetch\n  in Queue.get\n",
    'woken, not yet resumed: worker > fetch > Queue.get',
    "No stack for <Task finished name='w' coro=<coroutine object worker> result=7>\n",
  ]);
});

task('removeDoneCallback removes every registration and returns the count', async () => {
  const { log } = await runMain(function* (log) {
    const f = new Future();
    const a = () => log.push('a');
    const b = () => log.push('b');
    f.addDoneCallback(a);
    f.addDoneCallback(b);
    f.addDoneCallback(a);
    log.push(`removed ${f.removeDoneCallback(a)}`);
    log.push(`removed again ${f.removeDoneCallback(a)}`);
    f.setResult(1);
    yield sleep(0);
  });
  assert.equal(log, ['removed 2', 'removed again 0', 'b']);
});

task('gather: an argument given twice is one child (CPython: [1, 2, 1, 3, 2, 3, 4], runs 2, 1, 4)', async () => {
  // The same program on CPython 3.11 prints [1, 2, 1, 3, 2, 3, 4] ['run 2', 'run 1', 'run 4'] 1.
  const { log } = await runMain(function* (log) {
    function* child(x) { log.push(`run ${x}`); yield sleep(0); return x; }
    const loop = getRunningLoop();
    const c = co(child, 1);
    const t = ensureFuture(co(child, 2));
    const f = loop.createFuture();
    loop.callSoon(() => f.setResult(3));
    const r = yield gather(c, t, c, f, t, f, co(child, 4));
    log.push(JSON.stringify(r));
    log.push(`tasks ${tscoro.allTasks().size}`);
  });
  assert.equal(log, ['run 2', 'run 1', 'run 4', '[1,2,1,3,2,3,4]', 'tasks 1']);
});
task('addDoneCallback refuses a non-function at once (a Future keeps one callback slot, never an array)', () => {
  const loop = new EventLoop('virtual');
  const f = new Future(loop);
  assert.throws(() => f.addDoneCallback([() => {}]), (e) => e instanceof TypeError);
  assert.throws(() => f.addDoneCallback(undefined), (e) => e instanceof TypeError);
  let calls = 0;
  const cb = () => calls++;
  f.addDoneCallback(cb);
  f.addDoneCallback(cb);
  assert.is(f.removeDoneCallback(cb), 2);
});
task('setResult and setException on a Task throw RuntimeError (as asyncio); the coroutine still decides the result', async () => {
  await runMain(function* () {
    function* child() { yield sleep(0); return 7; }
    const t = createTask(co(child));
    assert.throws(() => t.setResult(1), (e) => e instanceof tscoro.RuntimeError && e.message === 'Task does not support set_result operation');
    assert.throws(() => t.setException(new Error('x')), (e) => e instanceof tscoro.RuntimeError && e.message === 'Task does not support set_exception operation');
    assert.is(t.done(), false);
    assert.is(yield t, 7);
  });
});

task('allTasks() lists the pending tasks in creation order while thousands finish out of order', async () => {
  await runMain(function* () {
    const n = 5000;
    const delay = (i) => ((i * 7919) % 3001) / 1000; // 0-3 s, a permutation-like spread
    function* sleeper(i) { yield sleep(delay(i)); }
    const tasks = [];
    for (let i = 0; i < n; i++) tasks.push(createTask(co(sleeper, i)));
    const me = currentTask();
    for (const at of [0.5005, 1.5005, 2.9005]) { // never a delay (whole ms): no ties
      yield sleep(at - getRunningLoop().time());
      const expected = [me, ...tasks.filter((t, i) => delay(i) > at)];
      const listed = [...tscoro.allTasks()];
      assert.is(listed.length, expected.length);
      assert.ok(listed.every((t, k) => t === expected[k]), `order at ${at}`);
    }
    yield gather(tasks);
    assert.equal([...tscoro.allTasks()], [me]);
  });
});
task.run();

const loopApi = suite('EventLoop');

loopApi('setExceptionHandler receives loop callback errors; null restores the default', async () => {
  const seen = [];
  await runMain(function* () {
    const loop = getRunningLoop();
    loop.setExceptionHandler((l, ctx) => seen.push([l === loop, ctx.message, ctx.exception.message]));
    loop.callSoon(function failing() { throw new Error('cb'); });
    yield sleep(0);
    loop.setExceptionHandler(null);
    assert.is(loop._exceptionHandler, null);
  });
  assert.equal(seen, [[true, 'Exception in callback failing()', 'cb']]);
});

loopApi('an error inside the handler is reported by the default handler', async () => {
  const lines = [];
  const orig = console.error;
  console.error = (s) => lines.push(String(s));
  try {
    await runMain(function* () {
      const loop = getRunningLoop();
      loop.setExceptionHandler(() => { throw new Error('handler broke'); });
      loop.callExceptionHandler({ message: 'm' });
      yield sleep(0);
    });
  } finally {
    console.error = orig;
  }
  assert.is(lines.length, 1);
  assert.match(lines[0], /^Unhandled error in exception handler\ncontext: \[object Object\]\nError: handler broke/);
});

loopApi('setTaskFactory / getTaskFactory: createTask goes through the factory, then applies name', async () => {
  const { log } = await runMain(function* (log) {
    const loop = getRunningLoop();
    assert.is(loop.getTaskFactory(), null);
    const factory = (l, c) => { log.push(`factory ${l === loop}`); return new Task(c, l); };
    loop.setTaskFactory(factory);
    assert.is(loop.getTaskFactory(), factory);
    function* child() { return 1; }
    const t = createTask(co(child), { name: 'x' });
    log.push(t.getName());
    const f = ensureFuture(co(child));
    yield gather(t, f, co(child));
    loop.setTaskFactory(null);
    assert.throws(() => loop.setTaskFactory(42), /callable/);
  });
  assert.equal(log, ['factory true', 'x', 'factory true', 'factory true']);
});

loopApi('the ready queue keeps FIFO order across its blocks, and drops each block once run past it', async () => {
  const { log } = await runMain(function* (log) {
    const loop = getRunningLoop();
    const n = 50000;
    const order = [];
    function* child(i) { yield sleep(0); order.push(i); }
    // The blocks chained from the head, plus the spare: what the queue holds on to.
    const blocks = () => {
      let k = loop._rqSpare === null ? 0 : 1;
      for (let b = loop._rqHead; b !== undefined; b = b[b.length - 1]) k++;
      return k;
    };
    const ts = [];
    for (let i = 0; i < n; i++) ts.push(createTask(co(child, i)));
    log.push(`grown ${blocks() > 50}`);
    yield gather(ts);
    yield sleep(0);
    log.push(`in order ${order.length === n && order.every((x, k) => x === k)}`);
    log.push(`released ${blocks() <= 2}`);
  });
  assert.equal(log, ['grown true', 'in order true', 'released true']);
});

loopApi.run();

const eager = suite('eager tasks');

eager('an eager task that finishes without suspending is done at once and never scheduled', async () => {
  const { log } = await runMain(function* (log) {
    const loop = getRunningLoop();
    function* quick() { log.push(`in ${currentTask().getName()}`); return 7; }
    const before = loop._count;
    const t = createTask(co(quick), { eager: true });
    log.push(`done ${t.done()} ${t.result()} queued ${loop._count - before}`);
  });
  assert.equal(log, ['in Task-2', 'done true 7 queued 0']);
});

eager('eagerTaskFactory: every task starts at once; a task made before the loop runs is lazy', async () => {
  const log = [];
  const r = new Runner({ clock: 'virtual' });
  const loop = r.getLoop();
  loop.setTaskFactory(eagerTaskFactory);
  function* step(name) { log.push(`${name} 1`); yield sleep(0); log.push(`${name} 2`); }
  const early = loop.createTask(co(step, 'early'));
  log.push('created early');
  await r.run(co(function* () {
    log.push('main');
    createTask(co(step, 'a'));
    log.push('created a');
    yield early;
  }));
  await r.close();
  assert.equal(log, ['created early', 'early 1', 'main', 'a 1', 'created a', 'early 2', 'a 2']);
});

eager('an eager task that fails at once keeps its exception; an eager cancel is seen at the first await', async () => {
  const { log } = await runMain(function* (log) {
    function* bad() { throw new Error('now'); }
    const t = createTask(co(bad), { eager: true });
    log.push(`${t.done()} ${t.exception().message}`);
    function* waits() {
      try { yield sleep(1); } catch (e) { log.push(`cancelled ${e instanceof CancelledError}`); throw e; }
    }
    const w = createTask(co(waits), { eager: true });
    w.cancel();
    yield gather([w], { returnExceptions: true });
    log.push(`w cancelled ${w.cancelled()}`);
  });
  assert.equal(log, ['true now', 'cancelled true', 'w cancelled true']);
});

eager.run();

const interop = suite('fromPromise / toPromise');

interop('fromPromise: a Future of the running loop that settles with the promise', async () => {
  const { log } = await runMain(function* (log) {
    const f = fromPromise(Promise.resolve(5));
    log.push(`${f instanceof Future} ${f.getLoop() === getRunningLoop()} ${f.done()}`);
    log.push(`value ${yield f}`);
    try { yield fromPromise(Promise.reject(new Error('no'))); } catch (e) { log.push(`caught ${e.message}`); }
    const same = new Future();
    assert.is(fromPromise(same), same);
    assert.throws(() => fromPromise(co(function* x() {})), (e) => e instanceof TypeError);
    assert.throws(() => fromPromise(3), (e) => e instanceof TypeError);
    same.cancel();
  });
  assert.equal(log, ['true true false', 'value 5', 'caught no']);
});

interop('toPromise: native promises of Futures, Tasks and Coroutines', async () => {
  const out = [];
  await runMain(function* () {
    const f = new Future();
    const p1 = toPromise(f);
    assert.instance(p1, Promise);
    f.setResult('f');
    out.push(yield fromPromise(p1));
    // sleep(0), not a timer: on the virtual clock a pending native promise holds time still.
    function* child() { yield sleep(0); return 'c'; }
    out.push(yield fromPromise(toPromise(createTask(co(child)))));
    out.push(yield fromPromise(toPromise(co(child))));
    const bad = new Future();
    bad.setException(new Error('bad'));
    try { yield fromPromise(toPromise(bad)); } catch (e) { out.push(e.message); }
    const c = new Future();
    c.cancel('why');
    try { yield fromPromise(toPromise(c)); } catch (e) { out.push(`${e.name} ${e.message}`); }
  });
  assert.equal(out, ['f', 'c', 'c', 'bad', 'CancelledError why']);
  assert.is(await toPromise(3), 3);
});

interop.run();

const runner = suite('Runner');

runner('several run() calls on one loop; close() cancels leftovers and closes the loop', async () => {
  const log = [];
  const r = new Runner({ clock: 'virtual' });
  function* forever() {
    try { yield sleep(1e9); } finally { log.push('leftover cleaned up'); }
  }
  const a = await r.run(co(function* () { createTask(co(forever)); yield sleep(1); return getRunningLoop().time(); }));
  const b = await r.run(co(function* () { yield sleep(1); return getRunningLoop().time(); }));
  log.push(`${a} ${b}`);
  const loop = r.getLoop();
  await r.close();
  log.push(`closed ${loop.isClosed()}`);
  assert.equal(log, ['1 2', 'leftover cleaned up', 'closed true']);
  await r.close();
});

runner('run() rejects with the main coroutine error; ensureFuture passes Futures through', async () => {
  await runMain(function* () {
    const f = new Future();
    assert.is(ensureFuture(f), f);
    const t = ensureFuture(co(function* g() { return 2; }));
    assert.instance(t, Task);
    assert.is(yield t, 2);
    const w = ensureFuture(Promise.resolve(3));
    assert.instance(w, Future);
    assert.is(yield w, 3);
    assert.throws(() => ensureFuture(3), (e) => e instanceof TypeError);
    f.cancel();
  });
  try {
    await run(co(function* boom() { throw new Error('main failed'); }), { clock: 'virtual' });
    assert.unreachable();
  } catch (e) {
    assert.is(e.message, 'main failed');
  }
});

runner.run();

// Hidden classes that optimised code relies on across loops (loop.ts, elements.ts). Each check
// fails if the object is built the plain way: `[]`, `new Array(n)`, or `_vnow = 0` alone.
const shapes = suite('V8 hidden classes');

shapes('waiter lists, the timer heap and ready-queue blocks start as object arrays; the virtual time as a double', () => {
  const { spawnSync } = require('child_process');
  const path = require('path');
  const dist = (m) => JSON.stringify(path.join(__dirname, '..', 'dist', 'runtime', m));
  const script = `
    const { Fifo } = require(${dist('fifo.js')});
    const { EventLoop } = require(${dist('loop.js')});
    const { run, sleep } = require(${dist('index.js')});
    const before = new EventLoop('virtual');
    run(sleep(0.25), { clock: 'virtual' }); // moves a loop's virtual time to a fraction
    const after = new EventLoop('virtual');
    console.log(JSON.stringify({
      fifo: %HasObjectElements(new Fifo()._a),
      timers: %HasObjectElements(after._timers),
      block: %HasObjectElements(after._rqHead),
      sameLoopClass: %HaveSameMap(before, after),
    }));`;
  const r = spawnSync(process.execPath, ['--allow-natives-syntax', '-e', script], { encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout), { fifo: true, timers: true, block: true, sameLoopClass: true });
});

shapes.run();
