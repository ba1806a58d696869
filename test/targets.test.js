// Issue 3's matrix: decorated classes, `export default async function`, overloads, generics, `declare`
// and ambient code, an async generator, `.tsx` files, CommonJS and ES module output, targets ES2017 to ESNext all compile
// and run. Takes one small multi-file program (below, as strings); compiles it in process with
// ts.createProgram and the transformer factory ts-patch loads, once per configuration, into
// .tmp/targets/<config>/; runs each output in a child process on the virtual clock and produces one
// test per configuration: no diagnostic, no async/await left in the JS, the stdout written out below.
// The expected stdout is pinned twice: by hand (EXPECTED) and by the same sources compiled without the
// transformer and run on native async/await against a small promise shim of 'tscoro' (the program is
// written so that coroutine laziness cannot show: every coroutine is awaited or gathered where made).
'use strict';
const fs = require('fs');
const path = require('path');
const { suite } = require('uvu');
const assert = require('uvu/assert');
const ts = require('typescript');
const { repoRoot, tmpRoot, lazyRequire, writeFile, runProgram, checkExit } = require('./harness');

const transformer = lazyRequire('../dist/transformer/index.js');
const outRoot = path.join(tmpRoot, 'targets');

// ---------------------------------------------------------------------------------------------------
// The program. Sleeps are distinct (no timer ties), so real timers (native run) and the virtual clock
// order the same way.

const SOURCES = {
  'main.ts': `
import { run, sleep, gather } from 'tscoro';
import fetchAll, { parse, pair, Box } from './lib.js';
import anon from './anon.js';
import { Service } from './service.js';
import { render, show, identity } from './view.js';
import type { Shape } from 'shapes';
import './globals.js';

async function main(): Promise<string> {
  console.log('build', BUILD_TAG, Level.High);
  const doubled = await fetchAll([1, 2, 3], async (n) => {
    await sleep(0.001 * n);
    return n * 2;
  });
  console.log('generic default export', doubled.join(' '));
  const a: number = await parse('21');
  const b: string = await parse(5);
  console.log('overloads', a, typeof a, b, typeof b);
  console.log('constrained generic', ...(await pair('x', 'x' as const)));
  const box = await new Box(20).map(async (v) => {
    await sleep(0.002);
    return String(v + 1);
  });
  console.log('generic method', box.get(), typeof box.get());
  console.log('anonymous default export', await anon('z'));
  const svc = await Service.create('svc');
  const results = await gather(svc.fetch(3), svc.fetch(1));
  console.log('gather', results.join(' '), Service.label, Service.instances);
  console.log('super', await svc.describe());
  console.log('private method', await svc.reveal());
  console.log('field arrows', await svc.tick(9), await Service.count());
  const shape: Shape = { kind: 'square', area: () => 4 };
  console.log('ambient', shape.kind, shape.area(), await fromGlobal(), await nativeLater('native'));
  console.log('jsx', show(await render('T')), await identity<number>(5));
  const got: number[] = [];
  for await (const v of countBy(3, 4)) got.push(v);
  console.log('async generator', got.join(' '));
  return 'done';
}

async function* countBy(step: number, n: number) {
  for (let i = 0; i < n; i++) {
    await sleep(0.001 * (i + 1));
    yield i * step;
  }
}

run(main()).then((r) => console.log('result', r));
`,

  'lib.ts': `
import { sleep } from 'tscoro';

export default async function fetchAll<T, R>(items: readonly T[], f: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const x of items) out.push(await f(x));
  return out;
}

export async function parse(x: string): Promise<number>;
export async function parse(x: number): Promise<string>;
export async function parse(x: string | number): Promise<number | string> {
  await sleep(0.001);
  return typeof x === 'string' ? Number(x) * 2 : '#' + x;
}

export async function pair<A, B extends A>(a: A, b: B): Promise<[A, B]> {
  await sleep(0.001);
  return [a, b];
}

export declare function neverCalled(): Promise<void>;

export class Box<T> {
  constructor(private readonly value: T) {}
  async map<U>(f: (v: T) => Promise<U>): Promise<Box<U>> {
    await sleep(0.001);
    return new Box(await f(this.value));
  }
  get(): T {
    return this.value;
  }
}
`,

  'anon.ts': `
import { sleep } from 'tscoro';

export default async function (label: string) {
  await sleep(0.001);
  return 'anon(' + label + ')';
}
`,

  // One decorator body serves both kinds: TC39 passes (value, context), TypeScript's
  // experimentalDecorators pass (target, key, descriptor) to methods and (constructor) to classes.
  'service.ts': `
import { sleep } from 'tscoro';

function logged(...args: any[]): any {
  if (args.length === 2 && typeof args[1] === 'object') {
    const [value, context] = args;
    return function (this: unknown, ...a: unknown[]) {
      console.log('> ' + String(context.name) + '(' + a.join(', ') + ')');
      return value.apply(this, a);
    };
  }
  const [, key, descriptor] = args;
  const value = descriptor.value;
  descriptor.value = function (this: unknown, ...a: unknown[]) {
    console.log('> ' + String(key) + '(' + a.join(', ') + ')');
    return value.apply(this, a);
  };
  return descriptor;
}

function tagged(label: string) {
  return (...args: any[]): any => {
    args[0].label = label;
  };
}

class Base {
  async describe(): Promise<string> {
    await sleep(0.001);
    return 'base';
  }
}

@tagged('svc')
export class Service extends Base {
  #hits = 0;
  static instances = 0;
  declare static label: string;
  declare readonly brand: string;
  name: string;
  tick = async (n: number): Promise<string> => {
    await sleep(0.001);
    return this.name + '#' + n + '/' + this.#hits;
  };
  static count = async (): Promise<number> => {
    await sleep(0.001);
    return Service.instances;
  };

  constructor(name: string) {
    super();
    this.name = name;
    Service.instances++;
  }

  @logged
  async fetch(id: number): Promise<string> {
    this.#hits++;
    await sleep(0.01 * id);
    return this.name + ':' + id;
  }

  @logged
  override async describe(): Promise<string> {
    const b = await super.describe();
    return b + '+' + Service.label + '+' + this.#hits;
  }

  async #secret(): Promise<number> {
    await sleep(0.001);
    return this.#hits * 10;
  }

  async reveal() {
    return await this.#secret();
  }

  static async create(name: string): Promise<Service> {
    await sleep(0.001);
    return new Service(name);
  }
}
`,

  'ambient.d.ts': `
declare module 'shapes' {
  export interface Shape {
    kind: string;
    area(): number;
  }
}
declare const BUILD_TAG: string;
declare function nativeLater<T>(value: T): Promise<T>;
declare const enum Level {
  Low = 1,
  High = 2,
}
`,

  'globals.ts': `
import { sleep } from 'tscoro';

declare global {
  var fromGlobal: () => Promise<number>;
}

const g = globalThis as any;
g.BUILD_TAG = 'v1';
g.nativeLater = (value: unknown) => Promise.resolve(value);
globalThis.fromGlobal = async () => {
  await sleep(0.001);
  return 7;
};
`,

  // jsx: react with this file's own factory, so the output runs without React.
  'view.tsx': `
import { sleep } from 'tscoro';

type Child = VNode | string | number;
interface VNode {
  tag: string;
  props: Record<string, unknown> | null;
  children: Child[];
}

declare global {
  namespace JSX {
    interface Element extends VNode {}
    interface IntrinsicElements {
      [tag: string]: Record<string, unknown>;
    }
  }
}

export const React = {
  createElement(tag: string, props: Record<string, unknown> | null, ...children: (Child | Child[])[]): VNode {
    return { tag, props, children: ([] as Child[]).concat(...children) };
  },
};

export function show(n: Child): string {
  if (typeof n !== 'object') return String(n);
  const attrs = Object.entries(n.props ?? {}).map(([k, v]) => ' ' + k + '=' + JSON.stringify(v)).join('');
  return '<' + n.tag + attrs + '>' + n.children.map(show).join('') + '</' + n.tag + '>';
}

const items = async (n: number) => {
  await sleep(0.001);
  return Array.from({ length: n }, (_, i) => <li id={i}>{i}</li>);
};

export const identity = async <T,>(x: T): Promise<T> => {
  await sleep(0.001);
  return x;
};

export const render = async (title: string): Promise<JSX.Element> => {
  const order: string[] = [];
  order.push('attr');
  const one = await items(1);
  const two = await items(2);
  order.push('child');
  return (
    <section title={title} n={one.length}>
      {'x'}
      <ul>{two}</ul>
      {order.join(',')}
    </section>
  );
};
`,
};

// Worked out by hand: `fetch` logs when it is called (the decorator's wrapper runs before the frame is
// made), gather keeps argument order, fetch(1) increments #hits too, so describe sees 2.
const EXPECTED = `build v1 2
generic default export 2 4 6
overloads 42 number #5 string
constrained generic x x
generic method 21 string
anonymous default export anon(z)
> fetch(3)
> fetch(1)
gather svc:3 svc:1 svc 1
> describe()
super base+svc+2
private method 20
field arrows svc#9/2 1
ambient square 4 7 native
jsx <section title="T" n=1>x<ul><li id=0>0</li><li id=1>1</li></ul>attr,child</section> 5
async generator 0 3 6 9
result done
`;

// 'tscoro' for the native run: the few names the program uses, on promises and real timers.
const NATIVE_SHIM = `
exports.run = (p) => p;
exports.sleep = (s) => new Promise((resolve) => setTimeout(resolve, s * 1000));
exports.gather = (...ps) => Promise.all(ps);
`;

// ---------------------------------------------------------------------------------------------------
// Configurations.

const TARGETS = ['ES2017', 'ES2018', 'ES2020', 'ES2022', 'ESNext'];
const MODULES = {
  cjs: { module: 'CommonJS', moduleResolution: 'Node10', type: 'commonjs' },
  es2022: { module: 'ES2022', moduleResolution: 'Bundler', type: 'module' },
  esnext: { module: 'ESNext', moduleResolution: 'Bundler', type: 'module' },
  nodenext: { module: 'NodeNext', moduleResolution: 'NodeNext', type: 'module' },
};
const DECORATORS = { tc39: {}, legacy: { experimentalDecorators: true, emitDecoratorMetadata: true } };

function compilerOptions(target, mod, decorators) {
  const { options, errors } = ts.convertCompilerOptionsFromJson(
    {
      target,
      module: mod.module,
      moduleResolution: mod.moduleResolution,
      ignoreDeprecations: '6.0',
      strict: true,
      skipLibCheck: true,
      noImplicitOverride: true,
      jsx: 'react',
      types: [],
      ...decorators,
    },
    repoRoot,
  );
  if (errors.length) throw new Error(ts.formatDiagnostics(errors, formatHost));
  options.paths = {
    tscoro: [path.join(repoRoot, 'dist', 'runtime', 'index.d.ts')],
    'tscoro/protocol': [path.join(repoRoot, 'dist', 'runtime', 'protocol.d.ts')],
  };
  return options;
}

const formatHost = {
  getCanonicalFileName: (f) => f,
  getCurrentDirectory: () => repoRoot,
  getNewLine: () => '\n',
};

// Lib files are parsed once for the whole run: most of a compile is parsing lib.*.d.ts.
const sourceFileCache = new Map();

function compile(dir, options, transform, sources = SOURCES) {
  for (const [name, text] of Object.entries(sources)) writeFile(path.join(dir, name), text);
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile;
  host.getSourceFile = (fileName, languageVersion, onError, create) => {
    if (!fileName.includes('/node_modules/typescript/lib/')) {
      return getSourceFile.call(host, fileName, languageVersion, onError, create);
    }
    const key = `${fileName}|${JSON.stringify(languageVersion)}`;
    if (!sourceFileCache.has(key)) sourceFileCache.set(key, getSourceFile.call(host, fileName, languageVersion, onError, create));
    return sourceFileCache.get(key);
  };
  const roots = Object.keys(sources).map((name) => path.join(dir, name));
  const program = ts.createProgram(roots, options, host);
  const diagnostics = [...ts.getPreEmitDiagnostics(program)];
  const outputs = new Map();
  const writeOut = (fileName, text) => {
    outputs.set(fileName, text);
    writeFile(fileName, text);
  };
  const before = [];
  if (transform) {
    const factory = transformer.get().default;
    before.push(factory(program, {}, { ts, addDiagnostic: (d) => diagnostics.push(d) }));
  }
  const result = program.emit(undefined, writeOut, undefined, false, { before });
  diagnostics.push(...result.diagnostics);
  return { outputs, diagnostics };
}

function prepareDir(dir, type, tscoro) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  // CommonJS output against dist/ finds `tscoro` by package self-reference, as the other suites do.
  if (type === 'commonjs' && tscoro === 'dist') return;
  // Otherwise a package.json of our own, for "type": "module" or to end the self-reference (the
  // nearest package.json decides both), and `tscoro` in this folder's node_modules: the promise shim
  // for the native run, or a package whose dist/ links to ours (same module instances as the
  // protocol, which Node reaches by the link's real path).
  writeFile(path.join(dir, 'package.json'), JSON.stringify({ type, private: true }));
  const pkgDir = path.join(dir, 'node_modules', 'tscoro');
  if (tscoro === 'shim') {
    writeFile(path.join(pkgDir, 'package.json'), JSON.stringify({ name: 'tscoro', main: 'index.js' }));
    writeFile(path.join(pkgDir, 'index.js'), NATIVE_SHIM);
  } else {
    const own = require('../package.json');
    writeFile(path.join(pkgDir, 'package.json'), JSON.stringify({ name: own.name, main: own.main, exports: own.exports }));
    fs.symlinkSync(path.join(repoRoot, 'dist'), path.join(pkgDir, 'dist'), 'dir');
  }
}

// Strings, template chunks, comments and regular expressions blanked out, so that only code is searched.
function codeOnly(js) {
  const scanner = ts.createScanner(ts.ScriptTarget.ESNext, false, ts.LanguageVariant.Standard, js);
  let out = '';
  // What each open `{` or `${` is: a `}` continues a template only when it closes a `${`.
  const open = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.OpenBraceToken) open.push('{');
    else if (kind === ts.SyntaxKind.TemplateHead) open.push('${');
    else if (kind === ts.SyntaxKind.CloseBraceToken && open.pop() === '${') {
      kind = scanner.reScanTemplateToken(false);
      if (kind === ts.SyntaxKind.TemplateMiddle) open.push('${');
    }
    if (kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) kind = scanner.reScanSlashToken();
    const literal = kind >= ts.SyntaxKind.FirstLiteralToken && kind <= ts.SyntaxKind.LastTemplateToken;
    out += literal ? ' ' : scanner.getTokenText() + ' ';
  }
  return out;
}

function formatDiagnostics(diagnostics) {
  return ts.formatDiagnostics(diagnostics, formatHost);
}

// At target ESNext TypeScript keeps standard decorators as written, and Node 20 cannot parse them yet:
// esbuild lowers just the decorators (its target is the running Node) so that the output can run.
function lowerDecorators(outputs, config) {
  const esbuild = require('esbuild');
  const service = [...outputs.keys()].find((f) => /[\\/]service\.js$/.test(f));
  assert.match(outputs.get(service), /^\s*@logged$/m, `${config}: decorators are kept at ESNext`);
  for (const [file, js] of outputs) {
    if (!file.endsWith('.js')) continue;
    const lowered = esbuild.transformSync(js, { loader: 'js', target: `node${process.versions.node.split('.')[0]}` }).code;
    assert.not.match(codeOnly(lowered), /\b(async|await)\b/, `${config}: esbuild added async/await`);
    writeFile(file, lowered);
  }
}

const entryOf = (outputs) => [...outputs.keys()].find((f) => /[\\/]main\.js$/.test(f));

// ---------------------------------------------------------------------------------------------------

const native = suite('native');

native('the expected stdout is what native async/await prints', () => {
  for (const [modName, mod] of Object.entries({ cjs: MODULES.cjs, esnext: MODULES.esnext })) {
    const dir = path.join(outRoot, `native-${modName}`);
    prepareDir(dir, mod.type, 'shim');
    const { outputs, diagnostics } = compile(dir, compilerOptions('ES2022', mod, DECORATORS.tc39), false);
    assert.is(formatDiagnostics(diagnostics), '');
    const r = runProgram(entryOf(outputs));
    checkExit(r, `native-${modName}`);
    assert.fixture(r.stdout, EXPECTED);
  }
});

native.run();

for (const [decoName, decorators] of Object.entries(DECORATORS)) {
  const s = suite(`decorators: ${decoName}`);
  for (const [modName, mod] of Object.entries(MODULES)) {
    for (const target of TARGETS) {
      const config = `${target.toLowerCase()}-${modName}-${decoName}`;
      s(`target ${target}, module ${mod.module} (${mod.moduleResolution})`, () => {
        const dir = path.join(outRoot, config);
        prepareDir(dir, mod.type, 'dist');
        const { outputs, diagnostics } = compile(dir, compilerOptions(target, mod, decorators), true);
        assert.is(formatDiagnostics(diagnostics), '', `${config}: diagnostics`);
        for (const [file, js] of outputs) {
          if (!file.endsWith('.js')) continue;
          const code = codeOnly(js);
          assert.not.match(code, /\b(async|await)\b/, `${config}: ${path.basename(file)} still has async/await`);
          const esm = /^\s*(import|export)\b/m.test(js);
          assert.is(esm, mod.type === 'module', `${config}: ${path.basename(file)} is ${esm ? 'ESM' : 'CJS'}`);
        }
        if (target === 'ESNext' && decoName === 'tc39') lowerDecorators(outputs, config);
        const r = runProgram(entryOf(outputs));
        checkExit(r, config);
        assert.fixture(r.stdout, EXPECTED, `${config}: stdout`);
      });
    }
  }
  s.run();
}

// Bundlers: package.json's "module" condition hands them dist/esm, the runtime as ES modules, so
// that a bundle keeps only what the program uses. The ES module build of the program above, bundled
// by esbuild for a browser (an IIFE), runs in a bare vm context: no require, module, process or
// setImmediate, the real clock (the program's sleeps are distinct, so its order does not depend on
// the clock). The same bundle made without the condition (conditions: []) takes the CommonJS
// runtime, whole: the check that shows the difference is not vacuous.
const bundlers = suite('bundlers');

function bundle(dir, entry, conditions) {
  const esbuild = require('esbuild');
  const r = esbuild.buildSync({
    entryPoints: [entry],
    absWorkingDir: dir,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    write: false,
    logLevel: 'silent',
    metafile: true,
    ...(conditions ? { conditions } : {}),
  });
  // The runtime's files that contribute code to the bundle, as dist/<build>/<file>.
  const [output] = Object.values(r.metafile.outputs);
  const kept = Object.entries(output.inputs)
    .filter(([f, v]) => /(^|[\\/])dist[\\/]/.test(f) && v.bytesInOutput > 0)
    .map(([f]) => f.slice(f.lastIndexOf('dist')).replace(/\\/g, '/'));
  return { code: r.outputFiles[0].text, kept, warnings: r.warnings };
}

function runInBareContext(code) {
  const vm = require('vm');
  const lines = [];
  const errors = [];
  const sandbox = {
    console: { log: (...a) => lines.push(a.join(' ')), error: (...a) => errors.push(a.join(' ')) },
    setTimeout,
    clearTimeout,
    queueMicrotask,
    performance,
  };
  vm.runInNewContext(code, sandbox, { filename: 'bundle.js' });
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 10_000;
    (function poll() {
      if (lines.length > 0 && lines[lines.length - 1].startsWith('result')) return resolve({ stdout: lines.join('\n') + '\n', errors });
      if (Date.now() > deadline) return reject(new Error(`bundle did not finish:\n${lines.join('\n')}\n${errors.join('\n')}`));
      setTimeout(poll, 5);
    })();
  });
}

bundlers('esbuild takes the ES module runtime: the bundle runs without Node and leaves unused modules out', async () => {
  const dir = path.join(outRoot, 'bundle-esm');
  prepareDir(dir, 'module', 'dist');
  const { outputs, diagnostics } = compile(dir, compilerOptions('ES2022', MODULES.es2022, DECORATORS.tc39), true);
  assert.is(formatDiagnostics(diagnostics), '');
  const entry = entryOf(outputs);

  const esm = bundle(dir, entry);
  assert.equal(esm.warnings, []);
  assert.ok(esm.kept.length > 0 && esm.kept.every((f) => f.startsWith('dist/esm/')), esm.kept.join('\n'));
  // The program uses no queue, barrier, task group or wait(): their modules contribute nothing.
  for (const m of ['queues', 'sync/barrier', 'taskgroup', 'wait']) {
    assert.not.ok(esm.kept.includes(`dist/esm/${m}.js`), `the ES module bundle keeps ${m}.js`);
  }
  const r = await runInBareContext(esm.code);
  assert.equal(r.errors, []);
  assert.fixture(r.stdout, EXPECTED);

  const cjs = bundle(dir, entry, []);
  assert.ok(cjs.kept.every((f) => f.startsWith('dist/runtime/')), cjs.kept.join('\n'));
  for (const m of ['queues', 'sync/barrier', 'taskgroup', 'wait']) {
    assert.ok(cjs.kept.includes(`dist/runtime/${m}.js`), `the CommonJS bundle keeps ${m}.js`);
  }
  assert.ok(esm.code.length < cjs.code.length * 0.7, `ES module bundle ${esm.code.length} B, CommonJS ${cjs.code.length} B`);
});

// package.json's "sideEffects" lets a bundler drop a module none of whose exports a program uses,
// top-level statements included: without it, asyncgen.ts (prototype set-up, the shutdown hook) and
// disposal.ts stayed in every bundle, through the protocol module that re-exports them. Not
// listed as pure: task.ts and future.ts, which hand their classes to the loop as they load (a
// bare `import './task'` in protocol.ts), and index.ts. A program with no async generator, no
// `using`, no queue: its bundle keeps none of those, and prints what it prints under Node.
const SMALL = `
import { run, sleep, gather, createTask } from 'tscoro';
async function worker(name: string, d: number): Promise<string> {
  try {
    await sleep(d);
    if (name === 'b') throw new Error('b failed');
    return name + ' done';
  } finally {
    console.log('finally', name);
  }
}
async function main(): Promise<void> {
  const t = createTask(worker('a', 0.002));
  const r = await gather([worker('b', 0.001), t, Promise.resolve('native')], { returnExceptions: true });
  console.log(r.map((x) => (x instanceof Error ? 'error: ' + x.message : String(x))).join(' | '));
  for (const x of [1, 2]) console.log('for-of', x, await worker('c' + x, 0.003 * x));
}
run(main(), { clock: 'virtual' }).then(() => console.log('result ok'));
`;

bundlers('modules a program does not use are dropped whole ("sideEffects"), and the bundle still runs', async () => {
  const dir = path.join(outRoot, 'bundle-small');
  prepareDir(dir, 'module', 'dist');
  const { outputs, diagnostics } = compile(dir, compilerOptions('ES2022', MODULES.es2022, DECORATORS.tc39), true, { 'main.ts': SMALL });
  assert.is(formatDiagnostics(diagnostics), '');
  const entry = entryOf(outputs);
  const viaNode = runProgram(entry);
  checkExit(viaNode, 'bundle-small under Node');
  const esm = bundle(dir, entry);
  for (const m of ['asyncgen', 'disposal', 'queues', 'timeouts', 'wait', 'taskgroup', 'sync/event', 'sync/lock']) {
    assert.not.ok(esm.kept.includes(`dist/esm/${m}.js`), `the bundle keeps ${m}.js: ${esm.kept.join(', ')}`);
  }
  for (const m of ['task', 'future', 'loop', 'coroutine', 'index']) {
    assert.ok(esm.kept.includes(`dist/esm/${m}.js`), `the bundle lacks ${m}.js`);
  }
  const r = await runInBareContext(esm.code);
  assert.equal(r.errors, []);
  assert.fixture(r.stdout, viaNode.stdout);
  assert.match(r.stdout, /^finally b\n/);
});

bundlers.run();

// Top-level await in an ES module: the module body is not a function, so its awaits stay native
// (each coroutine they await runs as a Task on the default loop) while every async function in the
// module is lowered.
const tla = suite('top-level await');

tla('an ES module awaiting coroutines at the top level, including for await and run()', () => {
  const dir = path.join(outRoot, 'top-level-await');
  prepareDir(dir, 'module', 'dist');
  const sources = {
    'main.ts': `
import { run, sleep } from 'tscoro';
async function work(x: number) { await sleep(0.01); return x * 2; }
const v = await work(21);
console.log('top-level await', v);
for await (const x of [1, Promise.resolve(2)]) console.log('for await', x);
console.log('run', await run(work(5)));
`,
  };
  const { outputs, diagnostics } = compile(dir, compilerOptions('ES2022', MODULES.esnext, DECORATORS.tc39), true, sources);
  assert.is(formatDiagnostics(diagnostics), '');
  const js = entryOf(outputs);
  const code = codeOnly(outputs.get(js));
  assert.not.match(code, /\basync\b/, 'work() is lowered');
  assert.is(code.match(/\bawait\b/g).length, 3, 'the three top-level awaits stay');
  const r = runProgram(js);
  checkExit(r, 'top-level-await');
  assert.is(r.stdout, 'top-level await 42\nfor await 1\nfor await 2\nrun 10\n');
});

tla.run();

// Sloppy-mode code (alwaysStrict off, which TypeScript 6 deprecates, in a script without "use
// strict"): a frame is a class, whose body is strict, so compiling an async function there would
// change what it means (assignments to undeclared names, `this` in plain functions). Refused.
const sloppy = suite('sloppy mode');

sloppy('async functions in sloppy code are refused with file:line; strict ones (class members, "use strict") are not', () => {
  const dir = path.join(outRoot, 'sloppy');
  prepareDir(dir, 'commonjs', 'dist');
  const body = `
async function loose() { undeclaredName = 1; await null; }
const arrow = async () => { await null; };
class Box { async m() { await null; } }
function outer() { 'use strict'; return async () => { await null; }; }
`;
  const options = { ...compilerOptions('ES2022', MODULES.cjs, DECORATORS.tc39), alwaysStrict: false, strict: false };
  const refused = compile(dir, options, true, { 'main.ts': `// @ts-nocheck\n${body}` }).diagnostics.filter((d) => d.code === 95004);
  assert.equal(
    refused.map((d) => `${d.file.getLineAndCharacterOfPosition(d.start).line + 1}`),
    ['3', '4'],
    'the function declaration and the arrow at the top level, not the class member or the function under "use strict"',
  );
  assert.match(refused[0].messageText, /^tscoro: an async function in sloppy-mode code would run as strict code once compiled/);
  const strictFile = compile(dir, options, true, { 'main.ts': `// @ts-nocheck\n'use strict';\n${body}` }).diagnostics;
  assert.is(strictFile.filter((d) => d.code === 95004).length, 0, 'a "use strict" file is strict');
  const moduleFile = compile(dir, options, true, { 'main.ts': `// @ts-nocheck\nexport {};\n${body}` }).diagnostics;
  assert.is(moduleFile.filter((d) => d.code === 95004).length, 0, 'a module is strict');
});

sloppy.run();
