// asyncio's warnings: "Task exception was never retrieved", "Task was destroyed but it is pending!",
// and in debug mode "coroutine 'f' was never awaited", the creation stack, and "Executing <Task ...>
// took N seconds"; error stacks; and the report of an async generator that failed while the loop
// closed it at shutdown. Takes small TypeScript programs, compiled in memory with the transformer; runs
// each in a child process with `node --expose-gc` so it can force the collections that trigger the
// reports (a FinalizationRegistry callback runs in a later host task: the programs wait on a native
// timer after gc()); produces assertions on stderr.
'use strict';
const { suite } = require('uvu');
const assert = require('uvu/assert');
const path = require('path');
const ts = require('typescript');
const { spawnSync } = require('child_process');
const { tmpRoot, lazyRequire, writeFile, checkExit } = require('./harness');

const compile = lazyRequire('../dist/cli/compile.js');

// Collect, then give the registry's cleanup task a host turn (twice: a loop freed by the first
// collection is only collectable by the second).
const COLLECT = `
declare const gc: () => void;
async function collect() {
  for (let i = 0; i < 5; i++) {
    gc();
    await new Promise<void>((r) => setTimeout(r, 5));
  }
}
function collectNative(): Promise<void> {
  let p = Promise.resolve();
  for (let i = 0; i < 5; i++) p = p.then(() => { gc(); return new Promise<void>((r) => setTimeout(r, 5)); });
  return p;
}
`;

function runTs(name, source, env = {}, config = undefined) {
  const { transformSource } = compile.get();
  const { js, diagnostics } = transformSource(COLLECT + source, `${name}.ts`, { config });
  assert.is(diagnostics.length, 0, `diagnostics: ${diagnostics.map((d) => d.messageText).join('; ')}`);
  const file = path.join(tmpRoot, 'warnings', `${name}.js`);
  writeFile(file, js);
  const r = spawnSync(process.execPath, ['--expose-gc', file], {
    cwd: path.dirname(file),
    env: { ...process.env, TSCORO_CLOCK: 'virtual', TSCORO_DEBUG: '', ...env },
    encoding: 'utf8',
    timeout: 10_000,
    killSignal: 'SIGKILL',
  });
  const run = { stdout: r.stdout, stderr: r.stderr, status: r.status, timedOut: r.error?.code === 'ETIMEDOUT', timeoutMs: 10_000 };
  checkExit(run, name);
  return run;
}

const gcw = suite('collected');

gcw('a failed task nobody looked at: "Task exception was never retrieved" with the error', () => {
  const r = runTs('never-retrieved', `
import { run, createTask, sleep } from 'tscoro';
async function boom() { throw new Error('kaboom'); }
async function main() {
  createTask(boom());
  await sleep(0.1);
  await collect();
  console.log('end');
}
run(main());
`);
  assert.is(r.stdout, 'end\n');
  assert.match(r.stderr, /^Task exception was never retrieved\nfuture: <Task finished name='Task-2' coro=<coroutine object boom> exception=Error: kaboom>\nError: kaboom\n    at /);
  assert.not.match(r.stderr, /source_traceback/);
});

gcw('no warning once the exception was retrieved (exception(), result(), await, gather)', () => {
  const r = runTs('retrieved', `
import { run, createTask, sleep, gather } from 'tscoro';
async function boom() { throw new Error('kaboom'); }
async function main() {
  const a = createTask(boom());
  const b = createTask(boom());
  const c = createTask(boom());
  const d = createTask(boom());
  await sleep(0.1);
  a.exception();
  try { b.result(); } catch {}
  try { await c; } catch {}
  await gather([d], { returnExceptions: true });
  await collect();
  console.log('end');
}
run(main());
`);
  assert.is(r.stderr, '');
});

gcw('the report goes through the loop exception handler while the loop lives', () => {
  const r = runTs('handler', `
import { run, createTask, sleep, getRunningLoop } from 'tscoro';
async function boom() { throw new Error('kaboom'); }
async function main() {
  getRunningLoop().setExceptionHandler((loop, ctx) =>
    console.log(ctx.message, '|', String(ctx.future), '|', (ctx.exception as Error).message, loop === getRunningLoop()));
  createTask(boom());
  await sleep(0.1);
  await collect();
}
run(main());
`);
  assert.is(r.stdout, "Task exception was never retrieved | <Task finished name='Task-2' coro=<coroutine object boom> exception=Error: kaboom> | kaboom true\n");
  assert.is(r.stderr, '');
});

gcw('a pending task dropped with its Runner: "Task was destroyed but it is pending!"', () => {
  const r = runTs('pending', `
import { Runner, createTask, sleep, Future } from 'tscoro';
async function waiter() { await new Future<void>(); }
async function main() {
  createTask(waiter());
  await sleep(0);
}
function top(): Promise<void> {
  let runner: Runner | null = new Runner();
  return runner.run(main()).then(() => {
    runner = null;
    return collectNative();
  }).then(() => console.log('end'));
}
top();
`);
  assert.is(r.stdout, 'end\n');
  assert.is(r.stderr, "Task was destroyed but it is pending!\ntask: <Task pending name='Task-2' coro=<coroutine object waiter>>\n");
});

gcw('run() cancels leftovers: nothing pending is left to report', () => {
  const r = runTs('run-cancels', `
import { run, createTask, sleep, Future } from 'tscoro';
async function waiter() { await new Future<void>(); }
async function main() { createTask(waiter()); await sleep(0); }
run(main()).then(collectNative);
`);
  assert.is(r.stderr, '');
});

gcw.run();

const debug = suite('debug mode');

debug("an unawaited coroutine: \"coroutine 'f' was never awaited\" with where it was created", () => {
  const src = `
import { run, sleep } from 'tscoro';
async function never() { console.log('never runs'); }
async function main() {
  never();
  await sleep(0);
  await collect();
}
run(main(), { debug: DEBUG });
`;
  // The compile-time warning (TS95005, suite "dropped coroutines") is off: this is the run time's.
  const on = runTs('unawaited', src.replace('DEBUG', 'true'), {}, { warnDropped: false });
  assert.match(on.stderr, /^coroutine 'never' was never awaited\nsource_traceback: Object created at \(most recent call last\):\n/);
  assert.match(on.stderr, /at main\$?\.\$step|at .*main/);
  assert.is(on.stdout, '');
  const off = runTs('unawaited-off', src.replace('DEBUG', 'false'), {}, { warnDropped: false });
  assert.is(off.stderr, '');
});

debug("async generators in debug mode: iterating one reports nothing; a next() never awaited is \"coroutine 'anext(g)' was never awaited\"", () => {
  const r = runTs('asyncgen-debug', `
import { run, sleep } from 'tscoro';
async function* g(n: number) {
  for (let i = 0; i < n; i++) {
    await sleep(0);
    yield i;
  }
}
async function main() {
  for await (const v of g(2)) console.log('v', v);
  const it = g(1);
  console.log('first', (await it.next()).value);
  it.next();
  await sleep(0);
  await collect();
}
run(main(), { debug: true });
`);
  assert.is(r.stdout, 'v 0\nv 1\nfirst 0\n');
  assert.match(r.stderr, /^coroutine 'anext\(g\)' was never awaited\nsource_traceback: Object created at \(most recent call last\):\n/);
  assert.is(r.stderr.match(/was never awaited/g).length, 1);
});

debug('TSCORO_DEBUG=1 turns debug mode on: the failed task report says where the task was created', () => {
  const r = runTs('debug-env', `
import { run, createTask, sleep, getRunningLoop } from 'tscoro';
async function boom() { throw new Error('kaboom'); }
async function main() {
  console.log('debug', getRunningLoop().debug);
  createTask(boom());
  await sleep(0.1);
  await collect();
}
run(main());
`, { TSCORO_DEBUG: '1' });
  assert.is(r.stdout, 'debug true\n');
  assert.match(r.stderr, /^Task exception was never retrieved\nfuture: <Task finished name='Task-2'[^\n]*\nsource_traceback: Object created at \(most recent call last\):\n[^]*\n    at main\$\.\$step \([^\n]*debug-env\.js:\d+:\d+\)\nError: kaboom\n/);
});

debug('a step slower than slowCallbackDuration: "Executing <Task ...> took N seconds"', () => {
  const src = `
import { run, sleep } from 'tscoro';
async function main() {
  const t0 = Date.now();
  while (Date.now() - t0 < 150) {}
  await sleep(0);
}
run(main(), { debug: DEBUG });
`;
  const on = runTs('slow', src.replace('DEBUG', 'true'));
  assert.match(on.stderr, /^Executing <Task pending name='Task-1' coro=<coroutine object main>> took 0\.1[5-9]\d seconds\n$/);
  const off = runTs('slow-off', src.replace('DEBUG', 'false'));
  assert.is(off.stderr, '');
});

debug.run();

// The await chain in error stacks (coroutine.ts addAwaitChain). What native async/await prints is
// checked by fixture exceptions/008; these check what has no native counterpart.
const stacks = suite('error stacks');

stacks('an error thrown after a resume: the loop dispatch gives way to `at async` lines, capped at Error.stackTraceLimit', () => {
  const r = runTs('await-chain', `
import { run, sleep, createTask, Future } from 'tscoro';
class Svc {
  async fetch() { await sleep(0); throw new TypeError('fetch'); }
  async load() { return await this.fetch(); }
}
async function deep(n: number): Promise<void> { if (n === 0) { await sleep(0); throw new Error('deep'); } await deep(n - 1); }
async function cancelled() { await sleep(10); }
async function main() {
  try { await new Svc().load(); } catch (e) { console.log(JSON.stringify((e as Error).stack!.split('\\n').slice(2))); }
  try { await deep(40); } catch (e) { const lines = (e as Error).stack!.split('\\n'); console.log(lines.filter((l) => l.includes(' at async ')).length, lines.some((l) => l.includes('Task._step'))); }
  const t = createTask(cancelled());
  await sleep(0);
  t.cancel('stop');
  try { await t; } catch (e) { console.log(JSON.stringify((e as Error).stack)); }
  const f = new Future<void>();
  setTimeout(() => f.setException(new RangeError('from outside')), 1);
  try { await f; } catch (e) { console.log((e as Error).stack!.includes(' at async '), (e as Error).stack!.includes('Timeout._onTimeout')); }
  try { await createTask(new Svc().load()); } catch (e) { console.log(JSON.stringify((e as Error).stack!.split('\\n').slice(2))); }
}
run(main());
`);
  // Source line k of the template is line base + k of the compiled file (COLLECT comes first).
  const base = COLLECT.split('\n').length - 1;
  assert.is(
    r.stdout,
    [
      // The frames awaiting fetch, up to the task's root, each at its await; nothing of the loop.
      `["    at async Svc.load (await-chain.ts:${base + 5}:25)","    at async main (await-chain.ts:${base + 10}:9)"]`,
      // Ten (Error.stackTraceLimit) of the 41 awaiting frames, and no dispatch lines.
      '10 false',
      // A cancellation (raised by the runtime without a stack outside debug mode) gets no chain.
      '"CancelledError: stop"',
      // An error a frame was resumed with keeps the stack of where it was made.
      'false true',
      // A task's chain ends at its root: the task awaiting it is another chain.
      `["    at async Svc.load (await-chain.ts:${base + 5}:25)"]`,
    ].join('\n') + '\n',
  );
});

stacks('Task.getStack() of a task waiting inside an async generator: the generator and its consumer, not the request step', () => {
  const r = runTs('stack-in-generator', `
import { run, sleep, createTask } from 'tscoro';
async function* ticks() { yield 1; await sleep(1); yield 2; }
async function consume() { for await (const x of ticks()) console.log('got', x); }
async function main() {
  const t = createTask(consume());
  await sleep(0.5);
  console.log(t.getStack().map((c) => (c as any).$name).join(' > '));
  t.cancel();
}
run(main());
`);
  assert.is(r.stdout, 'got 1\nconsume > ticks\n');
});

stacks('class members are named Class.member (repr, warnings, stack lines), as Python and V8 do', () => {
  const r = runTs('qualified-names', `
import { run } from 'tscoro';
class Svc {
  async load() { return 1; }
  static async make() { return 2; }
  async #hidden() { return 3; }
  peek() { return this.#hidden(); }
}
const plain = async () => 4;
async function main() {
  console.log(String(new Svc().load()), String(Svc.make()), String(new Svc().peek()), String(plain()));
}
run(main());
`);
  assert.is(r.stdout, '<coroutine object Svc.load> <coroutine object Svc.make> <coroutine object Svc.#hidden> <coroutine object plain>\n');
});

// Native async/await is the oracle for where each awaiting frame waits: the same source (valid
// JavaScript, so native positions are source positions) runs natively and compiled, and the
// `at async f (line:column)` lines must agree, for a function, methods, a closure-step arrow, an
// async generator, an await inside one, and `for await` heads.
const POSITIONS = `// @ts-nocheck
const tick = () => new Promise((r) => setTimeout(r, 1));
function chainOf(e) {
  return e.stack.split('\\n').filter((l) => l.includes(' at async ')).map((l) => l.trim().replace(/\\(.*:(\\d+:\\d+)\\)$/, '$1')).join(' < ') || '(none)';
}
async function inner(x) {
  await tick();
  if (x > 0) throw new Error('bad ' + x);
  return x;
}
async function middle(x) {
  const v = 1 + (await inner(x));
  return v + 1;
}
class Svc {
  async fetch(n) { await tick(); throw new TypeError('fetch ' + n); }
  async load() { return await this.fetch(2); }
  async #secret() { await tick(); throw new RangeError('secret'); }
  async open() { return await this.#secret(); }
}
async function closures(k) {
  const run = async () => {
    await tick();
    try { await middle(k); } finally { await tick(); }
  };
  await run();
}
async function* gen() { yield 1; await tick(); throw new Error('in a generator'); }
async function consume() {
  for await (const x of gen()) console.log('x', x);
}
async function* gen2() { yield 1; await middle(6); }
async function consume2() { const g = gen2(); await g.next(); await g.next(); }
async function consume3() {
  let x;
  for await (
    x of gen()) console.log('x', x);
}
async function main() {
  const cases = [
    ['middle', () => middle(1)],
    ['method', () => new Svc().load()],
    ['private method', () => new Svc().open()],
    ['closures', () => closures(2)],
    ['async generator', consume],
    ['awaited in an async generator', consume2],
    ['for await head on its own line', consume3],
  ];
  for (const [name, f] of cases) {
    try {
      await f();
    } catch (e) {
      console.log(name + ':', e.message, '|', chainOf(e));
    }
  }
}
main().then(() => {});
`;

stacks('an awaiting frame is named at its await (line:column), where native async/await names it', () => {
  const dir = path.join(tmpRoot, 'warnings');
  const nativeFile = path.join(dir, 'positions-native.js');
  writeFile(nativeFile, POSITIONS);
  const native = spawnSync(process.execPath, [nativeFile], { encoding: 'utf8', timeout: 10_000 });
  assert.is(native.status, 0, native.stderr);
  // The oracle itself says something: seven chains, each with a position per line.
  assert.is(native.stdout.match(/ at async \S+ \d+:\d+/g)?.length, 18, native.stdout);
  const { js, diagnostics } = compile.get().transformSource(POSITIONS, 'positions.ts');
  assert.is(diagnostics.length, 0);
  const file = path.join(dir, 'positions.js');
  writeFile(file, js);
  const r = spawnSync(process.execPath, [file], { env: { ...process.env, TSCORO_CLOCK: 'virtual' }, encoding: 'utf8', timeout: 10_000 });
  assert.is(r.stderr, '');
  assert.is(r.stdout, native.stdout);
});

stacks('Task.printStack(): a File/line entry per compiled coroutine, at the await it waits at', () => {
  const r = runTs('print-stack', `
import { run, sleep, createTask, Queue } from 'tscoro';
async function pull(q: Queue<number>) {
  return await q.get();
}
async function worker(q: Queue<number>) {
  for (;;) {
    const n = await pull(q);
    await sleep(n);
  }
}
async function main() {
  const q = new Queue<number>();
  const a = createTask(worker(q), { name: 'a' });
  const b = createTask(worker(q), { name: 'b' });
  q.putNowait(5);
  await sleep(1);
  a.printStack({ file: process.stdout });
  b.printStack({ file: process.stdout });
  a.cancel();
  b.cancel();
}
run(main());
`);
  const base = COLLECT.split('\n').length - 1;
  assert.is(
    r.stdout,
    [
      "Stack for <Task pending name='a' coro=<coroutine object worker>> (most recent call last):",
      `  File "print-stack.ts", line ${base + 9}, in worker`,
      "Stack for <Task pending name='b' coro=<coroutine object worker>> (most recent call last):",
      `  File "print-stack.ts", line ${base + 8}, in worker`,
      `  File "print-stack.ts", line ${base + 4}, in pull`,
      '  in Queue.get',
      '',
    ].join('\n'),
  );
});

stacks('the plugin option positions: false leaves positions out; "absolute" names the file by its full path', () => {
  const { transformSource } = compile.get();
  const src = `async function f() { await 1; }\nexport async function g() { await f(); }\n`;
  const off = transformSource(src, 'pos.ts', { config: { positions: false } });
  assert.is(off.diagnostics.length, 0);
  assert.not.match(off.js, /\$file|\$at\b/);
  assert.match(off.js, /\$def\(f\$, "f"\);/);
  const rel = transformSource(src, 'pos.ts');
  assert.match(rel.js, /\$file = "pos\.ts"/);
  assert.match(rel.js, /\$def\(g\$, "g", \$file, "1:2:29"\);/);
  const abs = transformSource(src, 'pos.ts', { config: { positions: 'absolute' } });
  assert.ok(abs.js.includes(`$file = ${JSON.stringify(path.resolve('pos.ts'))}`), abs.js.slice(0, 400));
  assert.throws(() => transformSource(src, 'pos.ts', { config: { positions: 'yes' } }), /"positions" must be "relative", "absolute" or false, not "yes"/);
});

stacks.run();

// asyncio's shutdown_asyncgens: generators left started when a loop shuts down are closed, and a
// failure there is reported (the pair 83-shutdown-asyncgens pins the order against CPython).
// asyncio's "coroutine ... was never awaited", found at compile time (analyze.ts droppedCoroutines):
// each place where a coroutine is certainly dropped is a warning TS95005 at its position, and the
// places where it is kept, awaited, scheduled or handed to code that uses it are not.
const dropped = suite('dropped coroutines (compile time)');

const DROPPED = `import { run, sleep, createTask } from 'tscoro';
async function work(n: number) { await sleep(0); console.log('work', n); }
class Svc { async refresh() { await sleep(0); } }
const arrow = async () => {};
async function* gen() { yield 1; }
declare function native(): Promise<void>;
async function main() {
  work(1);
  void new Svc().refresh();
  arrow();
  (work(2));
  setTimeout(async () => { await work(3); }, 1);
  [1, 2].forEach(async (x) => { await work(x); });
  new Promise<void>(async (resolve) => { resolve(); });
  gen();
  native();
  await Promise.all([1, 2].map(async (x) => work(x)));
  createTask(work(4));
  const kept = work(5);
  await kept;
  setTimeout(() => { createTask(work(6)); }, 1);
  const ready = kept !== undefined;
  ready && work(7);
  ready ? work(8) : kept;
  work(9), await kept;
  setTimeout(arrow, 1);
  [1].map(work);
  Promise.resolve(1).then(work);
  setTimeout(native, 1);
  process.on('exit', new Svc().refresh);
}
main();
run(main());
`;

dropped('a bare call, void, parentheses, && / ?: / comma, and async callbacks or async functions by name where void is expected are reported; the rest is not', () => {
  const { transformSource } = compile.get();
  const { diagnostics } = transformSource(DROPPED, 'dropped.ts');
  const shown = diagnostics.map((d) => {
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    const span = d.file.text.slice(d.start, d.start + d.length);
    const text = typeof d.messageText === 'string' ? d.messageText : d.messageText.messageText;
    const kind = text.startsWith(`tscoro: the coroutine made by '${span}' is dropped, so its body never runs`)
      ? 'call'
      : text.startsWith('tscoro: this async function is passed where a function returning void is expected')
        ? 'callback'
        : text.startsWith(`tscoro: '${span}' is an async function passed where a function returning void is expected`) ? 'reference' : text;
    return `${line + 1}:${character + 1} ${d.category === ts.DiagnosticCategory.Warning ? 'warning' : 'error'} TS${d.code} ${kind}: ${span}`;
  });
  assert.equal(shown, [
    '8:3 warning TS95005 call: work(1)',
    '9:8 warning TS95005 call: new Svc().refresh()',
    '10:3 warning TS95005 call: arrow()',
    '11:4 warning TS95005 call: work(2)',
    '12:14 warning TS95005 callback: async () => { await work(3); }',
    '13:18 warning TS95005 callback: async (x) => { await work(x); }',
    '14:21 warning TS95005 callback: async (resolve) => { resolve(); }',
    '23:12 warning TS95005 call: work(7)',
    '24:11 warning TS95005 call: work(8)',
    '25:3 warning TS95005 call: work(9)',
    '26:14 warning TS95005 reference: arrow',
    '30:22 warning TS95005 reference: new Svc().refresh',
    '32:1 warning TS95005 call: main()',
  ]);
  // A file the checker does not check (// @ts-nocheck) is not analysed.
  assert.is(transformSource('// @ts-nocheck\n' + DROPPED, 'dropped.ts').diagnostics.length, 0);
  // The plugin option turns it off.
  assert.is(transformSource(DROPPED, 'dropped.ts', { config: { warnDropped: false } }).diagnostics.length, 0);
});

/** `line:col TScode <the message up to its first clause>` for each diagnostic; `end` ends the clause. */
function headsOf(diagnostics, end) {
  return diagnostics.map((d) => {
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    const text = typeof d.messageText === 'string' ? d.messageText : d.messageText.messageText;
    return `${line + 1}:${character + 1} TS${d.code} ${text.slice(0, text.indexOf(end, 8))}`;
  });
}

dropped('an async method of an object literal is reported where the literal\'s type has that member return void', () => {
  const { transformSource } = compile.get();
  const src = `import { sleep } from 'tscoro';
interface Handlers { onClick(): void; onLoad(): Promise<void>; 'on-key'?(k: string): void; }
declare function listen(h: Handlers): void;
export const h: Handlers = {
  async onClick() { await sleep(0); },
  async onLoad() { await sleep(0); },
  async 'on-key'(k: string) { await sleep(k.length); },
};
listen({ async onClick() {}, onLoad: async () => {} });
export const untyped = { async go() { await sleep(0); } };
`;
  const { diagnostics } = transformSource(src, 'methods.ts');
  assert.equal(headsOf(diagnostics, ':'), [
    "5:9 TS95005 tscoro: async method 'onClick' is written where a function returning void is expected",
    "7:9 TS95005 tscoro: async method 'on-key' is written where a function returning void is expected",
    "9:16 TS95005 tscoro: async method 'onClick' is written where a function returning void is expected",
  ]);
  assert.match(diagnostics[0].messageText, 'make it a plain method that starts it, e.g. `m() { createTask(this.work()); }`');
});

dropped('an async method overriding or implementing a method that returns void is reported (React\'s componentDidMount, Angular\'s ngOnInit)', () => {
  const { transformSource } = compile.get();
  const src = `import { sleep } from 'tscoro';
interface OnInit { ngOnInit(): void; }
declare class Component { componentDidMount?(): void; render(): string; }
interface Loader { load(): Promise<void>; }
export class A implements OnInit, Loader { async ngOnInit() { await sleep(0); } async load() { await sleep(0); } }
export class B extends Component { async componentDidMount() { await sleep(0); } render() { return ''; } }
export class C extends B { async componentDidMount() { await sleep(1); } static async ngOnInit() {} }
export class D { async ngOnInit() { await sleep(0); } }
`;
  const { diagnostics } = transformSource(src, 'overrides.ts');
  // C's componentDidMount overrides B's, which returns a promise: B's warning is the one to act on.
  assert.equal(headsOf(diagnostics, ': its caller'), [
    "5:50 TS95005 tscoro: async method 'ngOnInit' implements 'OnInit.ngOnInit', which returns void",
    "6:42 TS95005 tscoro: async method 'componentDidMount' overrides 'Component.componentDidMount', which returns void",
  ]);
});

dropped('an async then (method or property) is reported: native await and Promise.resolve() drop the coroutine it returns', () => {
  const { transformSource } = compile.get();
  const src = `export class Q { async then(res: (v: number) => void) { res(1); } static async then() {} }
export const o = { then: async (res: (v: number) => void) => res(2), async other() {} };
export const p = { then(res: (v: number) => void) { res(3); } };
`;
  const { diagnostics } = transformSource(src, 'then.ts');
  assert.equal(headsOf(diagnostics, ':'), [
    "1:24 TS95005 tscoro: async method 'then' makes a thenable whose then() returns a coroutine",
    "2:20 TS95005 tscoro: async method 'then' makes a thenable whose then() returns a coroutine",
  ]);
  assert.match(diagnostics[0].messageText, '`then(res, rej) { return toPromise(this.run()).then(res, rej); }`');
});

dropped.run();

const agens = suite('shutdown of async generators');

agens('run(), Runner.close() and loop.shutdownAsyncgens() close the generators left started; native ones are not kept', () => {
  const r = runTs('shutdown-asyncgens', `
import { run, sleep, Runner, currentTask, getRunningLoop } from 'tscoro';
const keep: unknown[] = [];
async function* gen(name: string) {
  try { yield 1; yield 2; } finally {
    await sleep(0);
    console.log(name, 'closed', currentTask() === mainTask ? 'in main' : 'in its own task');
  }
}
async function* failing() { try { yield 1; } finally { throw new Error('failed while closing'); } }
async function* one() { yield 1; }
let mainTask: unknown;
async function main() {
  mainTask = currentTask();
  const a = gen('a');
  keep.push(a);
  await a.next();
  // Finished generators are dropped from the loop's list in bulk: it stays small.
  for (let i = 0; i < 1000; i++) for await (const x of one()) void x;
  console.log('generators kept after 1,000 finished:', (getRunningLoop() as any)._asyncgens.length);
  await getRunningLoop().shutdownAsyncgens();
  console.log('after shutdownAsyncgens', JSON.stringify(await a.next()));
  await getRunningLoop().shutdownAsyncgens();
  const b = gen('b');
  keep.push(b);
  await b.next();
  const f = failing();
  keep.push(f);
  await f.next();
  console.log('main done');
}
async function runnerMain() {
  const c = gen('c');
  keep.push(c);
  await c.next();
  console.log('runner main done');
}
// (Plain functions from here: an async arrow would run as a task of the default loop.)
const r = new Runner();
run(main())
  .then(() => r.run(runnerMain()))
  .then(() => {
    console.log('before close');
    return r.close();
  })
  .then(() => {
    const n = gen('native');
    keep.push(n);
    return n.next();
  })
  .then((x) => {
    console.log('native', x.value);
    const { _getDefaultLoop } = require(require.resolve('tscoro').replace(/index\.js$/, 'loop.js'));
    console.log('default loop keeps', _getDefaultLoop()._asyncgens);
  });
`);
  assert.is(
    r.stdout,
    [
      'generators kept after 1,000 finished: 67', // a and the one starting, then 65 more (limit 2 x 2 + 64)
      'a closed in its own task',
      'after shutdownAsyncgens {"done":true}',
      'main done',
      'b closed in its own task',
      'runner main done',
      'before close',
      'c closed in its own task',
      'native 1',
      'default loop keeps null',
      '',
    ].join('\n'),
  );
  assert.match(r.stderr, /^an error occurred during closing of asynchronous generator <async_generator object failing>\nasyncgen: <async_generator object failing>\nError: failed while closing\n/);
});

agens.run();
