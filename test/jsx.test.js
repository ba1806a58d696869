// `await` inside JSX (spill.ts explodeJsx). Native async/await is the oracle: each program runs
// compiled by TypeScript alone and with the transformer, and both must print the same, which is
// also written out below (checked by hand: the order in which the JSX factory is called and each
// attribute and child is evaluated around the awaits). Takes two .tsx programs: one for the
// classic runtime (`jsx: react`, a local `h` factory), one for the automatic runtime
// (`jsx: react-jsx` and `react-jsxdev`, a local jsx-runtime whose `key` comes last, and its
// createElement fallback when a spread precedes the key). `jsx: preserve` keeps JSX, so there only
// what is emitted is checked, and a computed `key` in an element that awaits is refused.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { suite } = require('uvu');
const assert = require('uvu/assert');
const ts = require('typescript');
const { tmpRoot, lazyRequire, writeFile } = require('./harness');

const transformer = lazyRequire('../dist/transformer/index.js');
const dir = path.join(tmpRoot, 'jsx');
const runtimeDir = path.join(dir, 'runtime');

// What every program starts with: a JSX factory that logs each element it makes, a printer and a
// native timer tick. Each program adds helpers that log when an attribute or child is evaluated
// (t) and when an awaited call starts and ends (val).
const PRELUDE = `// @ts-nocheck
/** @jsx h */
/** @jsxFrag Frag */
const log = [];
function h(tag, props, ...children) {
  const name = typeof tag === 'string' ? tag : tag.name;
  log.push('h ' + name);
  return { name, props, children };
}
function Frag() {}
function show(n) {
  if (n === null || typeof n !== 'object') return String(n);
  if (Array.isArray(n)) return n.map(show).join('');
  const attrs = Object.entries(n.props ?? {}).map(([k, v]) => ' ' + k + '=' + (typeof v === 'object' ? show(v) : String(v))).join('');
  return '<' + n.name + attrs + '>' + n.children.map(show).join('') + '</' + n.name + '>';
}
const tick = () => new Promise((r) => setTimeout(r, 1));
`;

const CLASSIC = PRELUDE + `function Box() {}
function Other() {}
async function val(x, tag) {
  log.push('start ' + tag);
  await tick();
  log.push('end ' + tag);
  return x;
}
const t = (x) => (log.push('eval ' + x), x);
async function main() {
  let Comp = Box;
  const obj = { a: 1 };
  const items = ['i1', 'i2'];
  const el = (
    <Comp title={t('title')} {...obj} n={(obj.a = 5, await val(2, 'n'))} key={t('key')} k2={<i>{t('attr-el')}</i>}>
      {t('c1')}
      <b>{t('b')}</b>
      {(Comp = Other, await val('c2', 'c2'))}
      {...items}
      <>{await val('f', 'f')}</>
      <Comp x={await val('x', 'x')} />
    </Comp>
  );
  items.push('i3');
  console.log(show(el));
  console.log(log.join(' | '));
  log.length = 0;
  const el2 = <p>{await val('only', 'only')}</p>;
  console.log(show(el2), log.join(' | '));
}
main().then(() => console.log('done'));
`;

// The same program for the automatic runtime: its factory is the local jsx-runtime (which logs to
// the same list), and the last element adds a computed key after an awaiting attribute.
const AUTOMATIC = CLASSIC.replace('/** @jsx h */', '/** @jsxImportSource RUNTIME */')
  .replace('/** @jsxFrag Frag */\n', '')
  .replace('const log = [];', 'const log = (globalThis.__log ??= []);')
  .replace("<p>{await val('only', 'only')}</p>", "<p>{await val('only', 'only')}<Comp key={t('k3')} a={await val(1, 'a3')}>{t('c3')}</Comp></p>");

// A method that renders in a loop with try/catch: member tags, a spread whose value awaits, an
// await in a conditional child, an element whose attribute awaits before a child, a fragment.
const IN_A_LOOP = PRELUDE + `const ns = { Item: function Item() {}, Other: function Other() {} };
async function val(x, tag) { log.push('start ' + tag); await tick(); log.push('end ' + tag); return x; }
async function fail(tag) { log.push('fail ' + tag); await tick(); throw new Error(tag); }
const t = (x) => (log.push('eval ' + x), x);
class View {
  constructor() { this.name = 'V'; }
  async render(items) {
    const out = [];
    for (const it of items) {
      try {
        out.push(<ns.Item id={it} label={this.name + t(it)} {...(it === 'b' ? { extra: await val('E', 'extra-' + it) } : {})}>
          {it === 'c' ? await fail('c') : await val(it.toUpperCase(), 'up-' + it)}
          <span title={await val('T' + it, 'title-' + it)}>{t('s' + it)}</span>
        </ns.Item>);
      } catch (e) {
        out.push(<em>{e.message}</em>);
      }
    }
    return <>{out}{await val('end', 'end')}</>;
  }
}
async function main() {
  const el = await new View().render(['a', 'b', 'c']);
  console.log(show(el));
  console.log(log.join(' | '));
}
main().then(() => console.log('done'));
`;

const RUNTIME_INDEX = `const log = (globalThis.__log ??= []);
exports.createElement = function (tag, props, ...children) {
  const name = typeof tag === 'string' ? tag : tag.name;
  log.push('ce ' + name);
  return { name, props, children };
};
`;
const RUNTIME_JSX = `const log = (globalThis.__log ??= []);
function jsx(tag, props, key) {
  const name = typeof tag === 'string' ? tag : tag.name;
  log.push('h ' + name);
  const { children, ...rest } = props;
  return { name, props: key === undefined ? rest : { ...rest, key }, children: children === undefined ? [] : Array.isArray(children) ? children : [children] };
}
exports.jsx = jsx; exports.jsxs = jsx; exports.Fragment = function Frag() {};
`;

fs.rmSync(dir, { recursive: true, force: true });
writeFile(path.join(runtimeDir, 'index.js'), RUNTIME_INDEX);
writeFile(path.join(runtimeDir, 'jsx-runtime.js'), RUNTIME_JSX);
writeFile(path.join(runtimeDir, 'jsx-dev-runtime.js'), RUNTIME_JSX + 'exports.jsxDEV = (t, p, k) => jsx(t, p, k);\n');

/** Compiles `source` as one .tsx file (with or without the transformer); returns { js, diagnostics }. */
function compile(name, source, jsx, withTransformer) {
  const file = path.join(dir, `${name}.tsx`);
  writeFile(file, source.replace('RUNTIME', runtimeDir.split(path.sep).join('/')));
  const options = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, jsx, strict: false, skipLibCheck: true, types: [] };
  if (jsx === ts.JsxEmit.React) options.jsxFactory = 'h';
  const program = ts.createProgram([file], options);
  const diagnostics = [];
  const before = withTransformer ? [transformer.get().default(program, {}, { ts, addDiagnostic: (d) => diagnostics.push(d) })] : [];
  let js = '';
  program.emit(undefined, (f, text) => { if (/\.jsx?$/.test(f)) js = text; }, undefined, false, { before });
  return { js, diagnostics: diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')) };
}

function runBoth(name, source, jsx) {
  const out = {};
  for (const form of ['native', 'tscoro']) {
    const { js, diagnostics } = compile(`${name}-${form}`, source, jsx, form === 'tscoro');
    assert.equal(diagnostics, []);
    if (form === 'tscoro') assert.not.match(js, /\bawait\b/);
    const file = path.join(dir, `${name}-${form}.js`);
    writeFile(file, js);
    const r = spawnSync(process.execPath, [file], { env: { ...process.env, TSCORO_CLOCK: 'virtual' }, encoding: 'utf8', timeout: 10_000 });
    assert.is(r.stderr, '', `${form}: ${r.stderr}`);
    out[form] = r.stdout;
  }
  assert.is(out.tscoro, out.native);
  return out.tscoro;
}

const BIG = '<Box title=title a=1 n=2 key=key k2=<i>attr-el</i>>c1<b>b</b>c2i1i2<Frag>f</Frag><Other x=x></Other></Box>\n';

const test = suite('await inside JSX');

// Evaluated in source order, each part kept before a later await: the spread copied before obj.a
// changes, the tag read before Comp is reassigned (the outer element stays Box, the last child is
// Other), the nested elements created when reached; the outer element last.
test('classic runtime (jsx: react): the same order as native, parts kept across awaits', () => {
  assert.is(
    runBoth('classic', CLASSIC, ts.JsxEmit.React),
    BIG +
      'eval title | start n | end n | eval key | eval attr-el | h i | eval c1 | eval b | h b | start c2 | end c2 | start f | end f | h Frag | start x | end x | h Other | h Box\n' +
      '<p>only</p> start only | end only | h p\ndone\n',
  );
});

test('classic runtime: JSX that awaits in a loop, in a try whose catch renders the error', () => {
  assert.is(
    runBoth('loop', IN_A_LOOP, ts.JsxEmit.React),
    '<Frag><Item id=a label=Va>A<span title=Ta>sa</span></Item><Item id=b label=Vb extra=E>B<span title=Tb>sb</span></Item><em>c</em>end</Frag>\n' +
      'eval a | start up-a | end up-a | start title-a | end title-a | eval sa | h span | h Item | eval b | start extra-b | end extra-b | start up-b | end up-b | start title-b | end title-b | eval sb | h span | h Item | eval c | fail c | h em | start end | end end | h Frag\n' +
      'done\n',
  );
});

// A spread before `key`: TypeScript falls back to createElement (ce), key in source order. No
// spread: `key` is evaluated after the children (eval c3 before eval k3), as `_jsx(tag, props, key)`.
for (const mode of ['ReactJSX', 'ReactJSXDev']) {
  test(`automatic runtime (jsx: ${mode === 'ReactJSX' ? 'react-jsx' : 'react-jsxdev'}): key after the children, as TypeScript passes it`, () => {
    assert.is(
      runBoth(`automatic-${mode}`, AUTOMATIC, ts.JsxEmit[mode]),
      BIG +
        'eval title | start n | end n | eval key | eval attr-el | h i | eval c1 | eval b | h b | start c2 | end c2 | start f | end f | h Frag | start x | end x | h Other | ce Box\n' +
        '<p>only<Other a=1 key=k3>c3</Other></p> start only | end only | start a3 | end a3 | eval c3 | eval k3 | h Other | h p\ndone\n',
    );
  });
}

test('jsx: preserve keeps JSX around the awaited values; a computed key in an element that awaits is refused', () => {
  // `t` is a parameter nothing can change while f waits: read in place; g() is kept in a temp.
  const ok = compile('preserve', `async function v(x: string) { return x; }\nconst g = () => 'x';\nexport async function f(t: string) { return <p title={t} data-x={g()}>{await v('a')}</p>; }\n`, ts.JsxEmit.Preserve, true);
  assert.equal(ok.diagnostics, []);
  assert.match(ok.js, /<p title=\{this\.t\} data-x=\{(this\.)?\$t0\}>\{\$v\}<\/p>/);
  const keyed = compile('preserve-key', `async function v(x: string) { return x; }\nexport async function f(k: string) { return <p key={k}>{await v('a')}</p>; }\n`, ts.JsxEmit.Preserve, true);
  assert.equal(keyed.diagnostics.length, 1);
  assert.match(keyed.diagnostics[0], /await inside a JSX element with a computed `key` under `jsx: preserve`/);
});

test.run();
