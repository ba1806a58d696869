// Batch compilation for the differential tester.
// Takes many program texts; produces, per program, the native JS (the oracle: the program as it is, see
// nativeOf) and the JS emitted through the tscoro transformer, with the transformer's own diagnostics
// and any syntax error. One ts.Program holds a whole batch and the library files are parsed
// once per process (a host cache), so a program costs milliseconds instead of the ~1.5 s a fresh
// `transformSource` spends on lib.d.ts; the options and the transformer factory are the ones
// cli/compile.ts uses, so the emitted code is what `transformSource` produces.
'use strict';
const path = require('path');
const ts = require('typescript');
const { repoRoot } = require('../harness');

const distCompile = require(path.join(repoRoot, 'dist', 'cli', 'compile.js'));
const tscoroTransformer = require(path.join(repoRoot, 'dist', 'transformer', 'index.js')).default;

/** Virtual folder of the batch's sources: inside the package so that module resolution matches. */
const srcDir = path.join(repoRoot, '.tmp', 'fuzz', 'src');
const options = distCompile.compilerOptions(srcDir, false);

const libCache = new Map();
let oldProgram;

function makeHost(files) {
  const host = ts.createCompilerHost(options, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (f, lang, onError, create) => {
    const key = path.resolve(f);
    if (files.has(key)) return ts.createSourceFile(f, files.get(key), lang, true);
    let sf = libCache.get(key);
    if (!sf) {
      sf = getSourceFile.call(host, f, lang, onError, create);
      if (sf) libCache.set(key, sf);
    }
    return sf;
  };
  host.fileExists = (f) => files.has(path.resolve(f)) || fileExists.call(host, f);
  host.readFile = (f) => (files.has(path.resolve(f)) ? files.get(path.resolve(f)) : readFile.call(host, f));
  return host;
}

/**
 * The oracle: the program itself, run as JavaScript on Node's own async/await. Generated programs use
 * no TypeScript-only syntax but parameter properties (`constructor(public n)`), so for the others this
 * is exactly what ts.transpileModule emits for ES2022/CommonJS: "use strict" plus the text; it saves
 * a third of the compile time of a batch. Programs with parameter properties or `using` (which
 * Node 20 lacks) are transpiled.
 */
function nativeOf(code) {
  // TypeScript-only syntax (parameter properties, `as any`, `x! = v`), and `using` (Node 20 has none):
  // TypeScript's own ES2022 output is the oracle.
  if (/\bconstructor\([^)]*\bpublic /.test(code) || /\busing [A-Za-z_$]/.test(code) || / as any\)/.test(code) || /[\w$]! [-+*|&?]*=/.test(code))
    return ts.transpileModule(code, { compilerOptions: options }).outputText;
  return '"use strict";\n' + code.replace(/^export \{\};$/m, '');
}

function formatDiag(d) {
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
  if (d.file && d.start !== undefined) {
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${line + 1}:${character + 1} - TS${d.code}: ${message}`;
  }
  return `TS${d.code}: ${message}`;
}

/**
 * Compiles `codes` (program texts) together; returns one `{ native, tscoro, diagnostics }` per program,
 * where `diagnostics` are formatted strings: syntax errors and whatever the transformer refused.
 */
function compileBatch(codes) {
  const files = new Map(codes.map((code, i) => [path.join(srcDir, `p${i}.ts`), code]));
  const roots = [...files.keys()];
  const program = ts.createProgram(roots, options, makeHost(files), oldProgram);
  oldProgram = program;
  const byFile = new Map(roots.map((f) => [f, { native: '', tscoro: '', diagnostics: [] }]));
  const addDiagnostic = (d) => {
    const entry = d.file && byFile.get(path.resolve(d.file.fileName));
    if (entry) entry.diagnostics.push(formatDiag(d));
    else for (const e of byFile.values()) e.diagnostics.push(formatDiag(d));
    return 0;
  };
  const before = [tscoroTransformer(program, {}, { ts, addDiagnostic })];
  for (const f of roots) {
    const sf = program.getSourceFile(f);
    const entry = byFile.get(f);
    for (const d of program.getSyntacticDiagnostics(sf)) entry.diagnostics.push(formatDiag(d));
    try {
      entry.native = nativeOf(files.get(f));
    } catch {
      // TypeScript's own transpileModule can overflow its stack on deeply self-referencing
      // destructuring (seed 606 program 707): TypeScript's bug, not tscoro's; the program is skipped.
      entry.typescriptCrash = true;
      continue;
    }
    try {
      program.emit(sf, (name, text) => {
        if (name.endsWith('.js')) entry.tscoro = text;
      }, undefined, false, { before });
    } catch (err) {
      // TypeScript's own emit crashes on a few odd generated programs (seed 20260503 program 93:
      // "Debug Failure. No error for last overload signature"). Those are TypeScript's bugs, not
      // tscoro's: when plain emit of the same file crashes too, the program is skipped.
      let plainCrashes = false;
      try {
        ts.createProgram([f], options, makeHost(new Map([[f, files.get(f)]]))).emit(undefined, () => {}, undefined, false);
      } catch {
        plainCrashes = true;
      }
      if (plainCrashes) {
        entry.typescriptCrash = true;
        continue;
      }
      entry.diagnostics.push(`transformer crashed: ${err && err.stack ? err.stack : err}`);
    }
  }
  return roots.map((f) => byFile.get(f));
}

module.exports = { compileBatch, nativeOf };
