// Runtime behaviour that pairs cannot show: misuse errors of the asyncio kind, the 100,000-deep await
// chain, native interop both ways, the missing-transform TypeError, and ES module output.
// Takes small TypeScript programs, compiles them with the transformer in memory (cli/compile), runs
// them in a child process on the virtual clock; produces assertions on their stdout.
'use strict';
const { suite } = require('uvu');
const assert = require('uvu/assert');
const path = require('path');
const { tmpRoot, lazyRequire, writeFile, runProgram, checkExit } = require('./harness');

const compile = lazyRequire('../dist/cli/compile.js');

function runTs(name, source, opts = {}) {
  const { transformSource } = compile.get();
  const { js, diagnostics } = transformSource(source, `${name}.ts`);
  assert.is(diagnostics.length, 0, `diagnostics: ${diagnostics.map((d) => d.messageText).join('; ')}`);
  assert.not.match(js, /\basync\b|\bawait\b/, 'emitted JS must not contain async/await');
  const file = path.join(tmpRoot, 'runtime', `${name}.js`);
  writeFile(file, js);
  const r = runProgram(file, opts);
  checkExit(r, name, opts.exit ?? 0);
  return r;
}

const misuse = suite('misuse');

misuse('awaiting a coroutine twice raises RuntimeError', () => {
  const r = runTs('reuse', `
import { run } from 'tscoro';
async function f() { return 1; }
async function main() {
  const c = f();
  console.log(await c);
  try { await c; } catch (e) { console.log((e as Error).name, (e as Error).message); }
}
run(main());
`);
  assert.is(r.stdout, '1\nRuntimeError cannot reuse already awaited coroutine\n');
});

misuse('setResult on a done Future raises InvalidStateError', () => {
  const r = runTs('invalid-state', `
import { run, Future } from 'tscoro';
async function main() {
  const f = new Future<number>();
  f.setResult(1);
  try { f.setResult(2); } catch (e) { console.log((e as Error).name); }
  try { new Future<number>().result(); } catch (e) { console.log((e as Error).name, (e as Error).message); }
}
run(main());
`);
  assert.is(r.stdout, 'InvalidStateError\nInvalidStateError Result is not ready.\n');
});

misuse('run() inside a running loop throws synchronously', () => {
  const r = runTs('nested-run', `
import { run } from 'tscoro';
async function inner() { console.log('never'); }
async function main() {
  try { run(inner()); } catch (e) { console.log((e as Error).name + ': ' + (e as Error).message); }
}
run(main());
`);
  assert.is(r.stdout, 'RuntimeError: run() cannot be called from a running event loop\n');
});

misuse('run() given a native Promise explains that the plugin did not run', () => {
  const { run } = require('../dist/runtime/index.js');
  assert.throws(() => run(Promise.resolve(1)), (e) => e instanceof TypeError && /tscoro transformer/.test(e.message) && /tspc/.test(e.message));
  const { createTask } = require('../dist/runtime/index.js');
  assert.throws(() => createTask(Promise.resolve(1)), (e) => e instanceof TypeError && /not compiled/.test(e.message));
});

misuse.run();

const depth = suite('depth');

depth('an await chain 100,000 deep needs no native stack', () => {
  const r = runTs('deep', `
import { run, sleep } from 'tscoro';
async function down(n: number): Promise<number> {
  if (n === 0) { await sleep(0); return 0; }
  return 1 + (await down(n - 1));
}
run(down(100000)).then((v) => console.log(v));
`);
  assert.is(r.stdout, '100000\n');
});

depth('10,000 tasks ready at once grow the ready queue without losing or reordering callbacks', () => {
  const r = runTs('many-ready', `
import { run, createTask, gather, sleep } from 'tscoro';
const order: number[] = [];
async function child(i: number) { await sleep(0); order.push(i); return i; }
async function main() {
  const ts = [];
  for (let i = 0; i < 10000; i++) ts.push(createTask(child(i)));
  const res = await gather(ts);
  console.log(res.length, order.every((v, i) => v === i), res.every((v, i) => v === i));
}
run(main());
`);
  assert.is(r.stdout, '10000 true true\n');
});

depth('sleep() with and without a value: awaited inline, as a task root, past the inline depth, cancelled, after a self-cancel', () => {
  // SleepFrame leaves the parking to the task's driver, and a valued sleep leaves a ValueFrame on
  // top (coroutine.ts). Expected output: the same program on CPython's loop with a virtual clock
  // (../shared/tools/vasyncio.py).
  const r = runTs('sleeps', `
import { run, sleep, createTask, gather, currentTask, getRunningLoop, CancelledError } from 'tscoro';
const now = () => getRunningLoop().time().toFixed(1);
async function deep(n: number): Promise<string> {
  if (n === 0) return await sleep(0.5, 'deep value');
  return await deep(n - 1);
}
async function inner() { return await sleep(1, 'inline value'); }
async function selfCancel() {
  currentTask()!.cancel();
  const t0 = getRunningLoop().time();
  try { await sleep(5); } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    console.log('self-cancelled after', (getRunningLoop().time() - t0).toFixed(1));
  }
}
async function ticker() {
  for (let i = 0; i < 3; i++) { console.log('tick', i); await sleep(0); }
}
async function main() {
  console.log(await inner(), now());
  const root = createTask(sleep(2, 'root value'));
  console.log(await root, now());
  console.log(await deep(300), now());
  const v = createTask(inner());
  await sleep(0.5);
  v.cancel('stop');
  try { await v; } catch (e) { console.log('cancelled', (e as Error).message, now()); }
  await gather(selfCancel(), ticker());
  console.log('end', now());
}
run(main(), { clock: 'virtual' });
`);
  assert.is(
    r.stdout,
    "inline value 1.0\nroot value 3.0\ndeep value 3.5\ncancelled stop 4.0\ntick 0\nself-cancelled after 0.0\ntick 1\ntick 2\nend 4.0\n",
  );
});

depth.run();

const interop = suite('interop');

interop('then() from plain code runs a coroutine on the default loop; a coroutine awaits native promises', () => {
  const r = runTs('interop', `
async function viaCoroutine(x: number) {
  const a = await Promise.resolve(x);
  const b = await new Promise<number>((res) => setTimeout(() => res(a * 2), 5));
  try { await Promise.reject(new Error('nope')); } catch (e) { console.log('caught', (e as Error).message); }
  return b + 1;
}
async function nativeCaller(): Promise<void> {
  const v = await viaCoroutine(20);
  console.log('native got', v);
}
const p: Promise<void> = nativeCaller();
p.then(() => console.log('done'));
`, { env: { TSCORO_CLOCK: 'real' } });
  assert.is(r.stdout, 'caught nope\nnative got 41\ndone\n');
});

interop('a coroutine native code started (then, toPromise) is its one Task: await and gather wait for it; createTask cannot rerun it', () => {
  const r = runTs('native-started', `
import { run, gather, sleep, createTask, toPromise } from 'tscoro';
let runs = 0;
async function work(n: number) { runs++; await sleep(1); return n; }
async function main() {
  const c = work(1);
  const seen: number[] = [];
  c.then((v) => seen.push(v));
  const d = work(2);
  const p = toPromise(d);
  console.log('gather', await gather(c, d, c));
  console.log('again', await c, await d, await p);
  const t = createTask(c);
  try { await t; } catch (e) { console.log((e as Error).name, (e as Error).message); }
  console.log('bodies run', runs, 'then saw', seen);
}
run(main());
`);
  assert.is(r.stdout, 'gather [ 1, 2, 1 ]\nagain 1 2 2\nRuntimeError cannot reuse already awaited coroutine\nbodies run 2 then saw [ 1 ]\n');
});

interop('String(coro) and util.inspect show the coroutine repr; gather shows GatheringFuture', () => {
  const r = runTs('repr', `
import { run, gather, sleep } from 'tscoro';
import { inspect } from 'util';
async function greetPerson(p: string) { await sleep(1); return p; }
async function main() {
  const c = greetPerson('Cat');
  console.log(String(c), inspect(c));
  const g = gather(c, greetPerson('Dog'));
  console.log(g);
  console.log((await g).join(' '));
}
run(main());
`);
  assert.is(r.stdout, '<coroutine object greetPerson> <coroutine object greetPerson>\n<GatheringFuture pending>\nCat Dog\n');
});

interop('run() settles before returning on the virtual clock', () => {
  const r = runTs('sync-run', `
import { run, sleep } from 'tscoro';
async function main() { await sleep(3600); console.log('an hour later'); return 1; }
run(main());
console.log('after run()');
`);
  assert.is(r.stdout, 'an hour later\nafter run()\n');
});

interop.run();

const modules = suite('modules');

modules('ES module and CommonJS consumers share one runtime instance', () => {
  const file = path.join(tmpRoot, 'runtime', 'dual.mjs');
  writeFile(file, `import { CancelledError, run } from 'tscoro';
import * as proto from 'tscoro/protocol';
import { createRequire } from 'module';
const require = createRequire(import.meta.url);
console.log(typeof run, typeof proto.aw, require('tscoro').CancelledError === CancelledError, require('tscoro/protocol').Coroutine === proto.Coroutine);
`);
  const r = runProgram(file);
  checkExit(r, 'dual.mjs');
  assert.is(r.stdout, 'function function true true\n');
});

modules.run();

const disposal = suite('await using');

disposal('await using releases a Lock and a Semaphore at scope exit, also when the scope throws', () => {
  const r = runTs('using-lock', `
import { run, Lock, Semaphore, createTask, sleep } from 'tscoro';
const lock = new Lock();
const sem = new Semaphore(1);
async function critical(name: string, fail: boolean) {
  await lock.acquire();
  await using _l = lock;
  await sem.acquire();
  await using _s = sem;
  console.log(name, 'in', lock.locked(), sem.locked());
  await sleep(0.1);
  if (fail) throw new Error(name + ' failed');
}
async function main() {
  const a = createTask(critical('a', true));
  const b = createTask(critical('b', false));
  try { await a; } catch (e) { console.log('a:', (e as Error).message); }
  await b;
  console.log('after', lock.locked(), sem.locked());
}
run(main());
`);
  // a's failing scope releases both before a finishes, so b (woken by the release) runs before
  // main (woken by a's completion), as with asyncio's `async with`.
  assert.is(r.stdout, 'a in true true\nb in true true\na: a failed\nafter false false\n');
});

disposal.run();
