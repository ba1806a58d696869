// Compiles the workloads once per form into <out>/<form>/ (workloads.js + that form's api.js).
//   tscoro     the tscoro transformer (cli/compile.js, the factory ts-patch loads), target ES2022
//   native     plain TypeScript, target ES2022: native async/await on Promises
//   ts-es5     TypeScript's downlevel, target ES5 (__awaiter + __generator); TS 6 refuses target ES5
//              with error TS5107 unless ignoreDeprecations is "6.0", which is set here
//   babel      Babel preset-env for IE 11 (async-to-generator + regenerator) over the native output
//   effection  workloads.effection.ts (generators) compiled by plain TypeScript, target ES2022
'use strict';
const fs = require('fs');
const path = require('path');
const ts = require('typescript');
const repo = path.resolve(__dirname, '..');

function transpile(src, target, file) {
  const r = ts.transpileModule(src, {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: { target, module: ts.ModuleKind.CommonJS, ignoreDeprecations: '6.0', lib: ['es2015'] },
  });
  const errs = (r.diagnostics || []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errs.length) throw new Error(ts.formatDiagnostics(errs, ts.createCompilerHost({})));
  return r.outputText;
}

function compileForms(out) {
  const file = path.join(__dirname, 'workloads.ts');
  const src = fs.readFileSync(file, 'utf8');
  const native = transpile(src, ts.ScriptTarget.ES2022, file);
  const { transformSource } = require(path.join(repo, 'dist/cli/compile.js'));
  const tc = transformSource(src, file);
  if (tc.diagnostics.some((d) => d.category === ts.DiagnosticCategory.Error)) throw new Error(tc.formatted);
  const babel = require('@babel/core').transformSync(native, {
    babelrc: false,
    configFile: false,
    presets: [[require.resolve('@babel/preset-env'), { targets: { ie: '11' }, modules: 'commonjs' }]],
  }).code;
  const eff = path.join(__dirname, 'workloads.effection.ts');
  const forms = {
    tscoro: [tc.js, 'tscoro-api.js'],
    native: [native, 'promise-api.js'],
    'ts-es5': [transpile(src, ts.ScriptTarget.ES5, file), 'promise-api.js'],
    babel: [babel, 'promise-api.js'],
    effection: [transpile(fs.readFileSync(eff, 'utf8'), ts.ScriptTarget.ES2022, eff), null],
  };
  for (const [form, [js, api]] of Object.entries(forms)) {
    fs.mkdirSync(path.join(out, form), { recursive: true });
    fs.writeFileSync(path.join(out, form, 'workloads.js'), js);
    if (api) fs.copyFileSync(path.join(__dirname, 'forms', api), path.join(out, form, 'api.js'));
  }
  return Object.keys(forms);
}

module.exports = { compileForms, transpile };
