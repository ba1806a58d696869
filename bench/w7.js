// W7, the compiler: (a) wall time of `tspc` with the tscoro plugin vs plain `tsc` on a generated
// async-heavy project of ~5,000 lines (each run its own process, interleaved), and of `tspc` with no
// plugin, which is what ts-patch itself costs, and of plain `tsc` from a copy of TypeScript that
// `ts-patch install` patched once (the plugin's own cost); (b) emitted bytes per
// async function, tscoro vs TypeScript's ES5 downlevel and native ES2022, raw and esbuild-minified,
// measured by difference (a file of 2F functions minus a file of F, so per-file helpers and imports
// cancel out); (c) the runtime core's size: esbuild --bundle --minify of an entry importing the
// core API (loop, Future, Task, coroutine driver, gather, sleep, run), gzipped; and the whole API.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { spawnSync } = require('child_process');
const ts = require('typescript');
const repo = path.resolve(__dirname, '..');

// Two async functions (~22 lines): a loop, a branch, try/catch, gather, sleep, a helper call.
function unit(i) {
  return `export async function job${i}(xs: number[], d: Dep): Promise<number> {
  let total = 0;
  for (const x of xs) {
    if (x % 2 === 0) {
      total += await d.load(x);
    } else {
      try {
        total -= await helper${i}(x);
      } catch (e) {
        total += 1;
      }
    }
  }
  await sleep(0);
  const [a, b] = await gather(d.load(1), d.load(2));
  return total + a + b;
}

async function helper${i}(x: number): Promise<number> {
  await sleep(0.001);
  return x * 2;
}
`;
}
const header = `import { sleep, gather } from 'tscoro';\nexport interface Dep { load(x: number): Promise<number>; }\n\n`;
const fileOf = (from, count) => header + Array.from({ length: count }, (_, k) => unit(from + k)).join('\n');

function generateProject(dir, files = 50, unitsPerFile = 5) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
  let lines = 0;
  for (let f = 0; f < files; f++) {
    const text = fileOf(f * unitsPerFile, unitsPerFile);
    lines += text.split('\n').length;
    fs.writeFileSync(path.join(dir, 'src', `m${f}.ts`), text);
  }
  const base = {
    target: 'ES2022',
    module: 'commonjs',
    strict: true,
    skipLibCheck: true,
    types: [],
    rootDir: 'src',
    paths: { tscoro: [path.join(repo, 'dist/runtime/index.d.ts')], 'tscoro/protocol': [path.join(repo, 'dist/runtime/protocol.d.ts')] },
  };
  const write = (name, extra) =>
    fs.writeFileSync(path.join(dir, name), JSON.stringify({ compilerOptions: { ...base, ...extra }, include: ['src'] }, null, 2));
  write('tsconfig.plain.json', { outDir: 'out-plain' });
  write('tsconfig.plugin.json', { outDir: 'out-plugin', plugins: [{ transform: path.join(repo, 'dist/transformer/index.js') }] });
  // tspc with no plugin: what ts-patch itself costs (loading its patched copy of TypeScript).
  write('tsconfig.tspc.json', { outDir: 'out-tspc' });
  return { lines, asyncFunctions: files * unitsPerFile * 2 };
}

/**
 * A copy of TypeScript patched once by `ts-patch install` (ts-patch's persistent route: plain `tsc`
 * then runs plugins, and nothing is patched at start-up). Returns its tsc.js, or null if patching
 * failed (the row is left out).
 */
function patchedTypeScript(dir) {
  const ts = path.join(dir, 'ts-patched', 'node_modules', 'typescript');
  fs.rmSync(path.join(dir, 'ts-patched'), { recursive: true, force: true });
  fs.cpSync(path.join(repo, 'node_modules', 'typescript'), ts, { recursive: true });
  const p = spawnSync(process.execPath, [path.join(repo, 'node_modules', 'ts-patch', 'bin', 'ts-patch.js'), 'install', '-s', '-d', ts], { encoding: 'utf8' });
  return p.status === 0 ? path.join(ts, 'bin', 'tsc') : null;
}

function timeCompile(dir, bin, config) {
  const t0 = performance.now();
  const script = path.isAbsolute(bin) ? bin : path.join(repo, 'node_modules', bin);
  const p = spawnSync(process.execPath, [script, '-p', path.join(dir, config)], { cwd: dir, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (p.status !== 0) throw new Error(`${bin} -p ${config}: ${p.stdout}${p.stderr}`);
  return ms;
}

function compileTimes(dir, reps) {
  const tsc = [], tspc = [], tspcBare = [], patched = [];
  const patchedTsc = patchedTypeScript(dir);
  for (let r = 0; r < reps; r++) {
    const runs = [
      () => tsc.push(timeCompile(dir, 'typescript/bin/tsc', 'tsconfig.plain.json')),
      () => tspc.push(timeCompile(dir, 'ts-patch/bin/tspc.js', 'tsconfig.plugin.json')),
      () => tspcBare.push(timeCompile(dir, 'ts-patch/bin/tspc.js', 'tsconfig.tspc.json')),
    ];
    if (patchedTsc !== null) runs.push(() => patched.push(timeCompile(dir, patchedTsc, 'tsconfig.plugin.json')));
    if (r & 1) runs.reverse();
    runs.forEach((f) => f());
  }
  return { tsc, tspc, tspcBare, patched };
}

function emittedSizes(dir) {
  const esbuild = require('esbuild');
  const { transformSource } = require(path.join(repo, 'dist/cli/compile.js'));
  const F = 20;
  const file = path.join(dir, 'size.ts');
  const forms = {
    tscoro: (src) => {
      const r = transformSource(src, file);
      if (r.diagnostics.some((d) => d.category === ts.DiagnosticCategory.Error)) throw new Error(r.formatted);
      return r.js;
    },
    native: (src) => ts.transpileModule(src, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS } }).outputText,
    'ts-es5': (src) =>
      ts.transpileModule(src, { compilerOptions: { target: ts.ScriptTarget.ES5, module: ts.ModuleKind.CommonJS, ignoreDeprecations: '6.0' } }).outputText,
    'ts-es2015': (src) =>
      ts.transpileModule(src, { compilerOptions: { target: ts.ScriptTarget.ES2015, module: ts.ModuleKind.CommonJS } }).outputText,
  };
  const out = {};
  for (const [form, compile] of Object.entries(forms)) {
    const one = compile(fileOf(0, F));
    const two = compile(fileOf(0, 2 * F));
    const min = (js) => esbuild.transformSync(js, { minify: true, target: 'es2022' }).code.length;
    const perFn = (a, b) => (b - a) / (2 * F);
    out[form] = { raw: perFn(one.length, two.length), min: perFn(min(one), min(two)), fileOverheadRaw: one.length - F * 2 * perFn(one.length, two.length) };
  }
  return out;
}

function runtimeSize() {
  const esbuild = require('esbuild');
  const build = (contents) => {
    const r = esbuild.buildSync({
      stdin: { contents, resolveDir: repo, loader: 'ts' },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'node',
      write: false,
      metafile: true,
    });
    const code = r.outputFiles[0].contents;
    const inputs = Object.entries(r.metafile.outputs[Object.keys(r.metafile.outputs)[0]].inputs)
      .map(([f, v]) => [path.relative(repo, f), v.bytesInOutput])
      .sort((a, b) => b[1] - a[1]);
    return { min: code.length, gzip: zlib.gzipSync(code, { level: 9 }).length, modules: inputs };
  };
  return {
    core: build(`export { run, createTask, gather, sleep, Future, Task, Coroutine } from './runtime/index.ts';`),
    protocol: build(`export * from './runtime/protocol.ts';`),
    full: build(`export * from './runtime/index.ts';`),
  };
}

/**
 * What a user's bundle weighs: one W7 unit (two async functions) compiled by the plugin as an ES
 * module, with an entry that runs it, bundled from the installed package by esbuild --minify. Once
 * as bundlers take it (package.json's "module" condition: the runtime's ES module build, which
 * esbuild tree-shakes) and once with the condition off (the CommonJS runtime, kept whole).
 */
function programBundle(dir) {
  const esbuild = require('esbuild');
  const factory = require(path.join(repo, 'dist/transformer/index.js')).default;
  const root = path.join(dir, 'bundle');
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(path.join(root, 'node_modules'), { recursive: true });
  fs.symlinkSync(repo, path.join(root, 'node_modules', 'tscoro'), 'dir');
  const unitFile = path.join(root, 'unit.ts');
  fs.writeFileSync(unitFile, fileOf(0, 1));
  const options = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ES2022,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    skipLibCheck: true,
    types: [],
    paths: { tscoro: [path.join(repo, 'dist/runtime/index.d.ts')], 'tscoro/protocol': [path.join(repo, 'dist/runtime/protocol.d.ts')] },
  };
  const program = ts.createProgram([unitFile], options);
  const emitted = program.emit(undefined, undefined, undefined, false, { before: [factory(program, {}, { ts })] });
  if (emitted.emitSkipped) throw new Error('W7 bundle: the unit did not compile');
  const entry = `import { run } from 'tscoro';\nimport { job0 } from './unit.js';\nrun(job0([1, 2], { load: async (x) => x }));\n`;
  const build = (conditions) => {
    const r = esbuild.buildSync({
      stdin: { contents: entry, resolveDir: root, loader: 'js' },
      bundle: true,
      minify: true,
      platform: 'browser',
      write: false,
      logLevel: 'silent',
      ...(conditions ? { conditions } : {}),
    });
    const code = r.outputFiles[0].contents;
    return { min: code.length, gzip: zlib.gzipSync(code, { level: 9 }).length };
  };
  return { module: build(null), commonjs: build([]) };
}

function runW7(outDir, reps) {
  const dir = path.join(outDir, 'w7');
  const project = generateProject(dir);
  const times = compileTimes(dir, reps);
  return { project, times, emitted: emittedSizes(dir), runtime: runtimeSize(), bundle: programBundle(dir) };
}

module.exports = { runW7, generateProject };
