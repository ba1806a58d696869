// The text of engine TypeErrors on split expressions (transformer/messages.ts, runtime/checks.ts).
// The oracle is the engine running the tests: for each expression, the message V8 gives for
// `(e)()`, `new (e)()` and `for (q of e)` must be what messageText quotes plus the same tail.
// Then the checks' timing: a callee that fails throws only when the call is made, after its
// arguments, as the engine's own check does.
'use strict';
const { suite } = require('uvu');
const assert = require('uvu/assert');
const ts = require('typescript');
const { lazyRequire } = require('./harness');

const messages = lazyRequire('../dist/transformer/messages.js');
const checks = lazyRequire('../dist/runtime/checks.js');
const test = suite('messages');

// Names the expressions read, as globals of the indirect eval below.
Object.assign(globalThis, {
  __o: { a: { b: 1 }, k: 1, f() { return 1; }, g() { return [1]; } },
  __a: [1],
  __x: 1,
  __y: 2,
  __s: 'k',
});

const EXPRESSIONS = [
  '__o.a.b', '__o["k"]', "__o['a'].b", '__o[__s]', '__a[0]', '__o[0]', '__o.f()', '__o.f(1, 2)', '__o.f().x', '__o.g()[0]',
  '__x ? 1 : 2', '__x + 1', '__x + __y + 1', '(__x + __y) + 1', '__x + (__y + 1)', '__x * __y + 1', '__x && __y && 0',
  '__x ?? 1', '__x < __y', '__x in __o', '(__x, __o.k)', '!__x', '-__x', 'typeof __x', 'void 0', 'delete __o.zz',
  '__x++', '--__x', '__x = 3', '__x += 2', '`t`', '`a${__x}b${__y}`', '"str"', '5', '0x10', '1.50', 'null', 'true',
  'this.k', '[1][0]', '({}).k', '[__x, , ...__a]', '__o?.k', '__o.a?.b', '() => 1', 'new Date().getTime()',
  '(1).toString()', '__o.f`q`', '__o[__s + __s]', '__a[__x - 1]',
];

function engineMessage(form) {
  try {
    (0, eval)(`(function () { ${form} }).call(__o)`);
  } catch (e) {
    return e.message;
  }
  return undefined;
}

function quoted(text, mode) {
  const expr = ts.createSourceFile('m.ts', `(${text});`, ts.ScriptTarget.ES2022, true).statements[0].expression;
  return messages.get().messageText(ts, expr, mode);
}

test('callee and iterable texts are what V8 prints', () => {
  let compared = 0;
  for (const e of EXPRESSIONS) {
    const forms = [
      [`(${e})()`, 'call', ' is not a function'],
      [`new (${e})()`, 'call', ' is not a constructor'],
      [`for (const q of (${e})) ;`, 'iter', ' is not iterable'],
    ];
    for (const [form, mode, tail] of forms) {
      const native = engineMessage(form);
      // No error (a string is iterable), or V8's other message for a primitive's missing iterator.
      if (native === undefined || !native.endsWith(tail) || native.includes('(cannot read property')) continue;
      assert.is(quoted(e, mode) + tail, native, form);
      compared++;
    }
  }
  assert.ok(compared > 100, `compared ${compared}`);
});

test('fn: a callable passes through; otherwise the TypeError comes when called, after the arguments', () => {
  const f = () => 7;
  assert.is(checks.get().callable(f, 'f'), f);
  const order = [];
  const fail = checks.get().callable(undefined, 'o.m');
  assert.throws(() => fail.call({}, order.push('argument')), (e) => e instanceof TypeError && e.message === 'o.m is not a function');
  assert.equal(order, ['argument']);
});

test('ctor: classes and functions pass, arrows and methods do not, and nothing of them is touched', () => {
  const { constructible } = checks.get();
  class C {}
  function F() {}
  assert.is(constructible(C, 'C'), C);
  assert.is(constructible(F, 'F'), F);
  const B = F.bind(null);
  assert.is(constructible(B, 'B'), B);
  let touched = 0;
  const P = new Proxy(class {}, { get: () => ++touched, construct: () => ({ made: ++touched }) });
  assert.is(constructible(P, 'P'), P);
  assert.is(touched, 0);
  const order = [];
  for (const [v, text] of [[() => 1, '(intermediate value)'], [{ m() {} }.m, 'o.m'], [5, 'x'], [undefined, 'X']]) {
    const Fail = constructible(v, text);
    assert.throws(() => new Fail(order.push(text)), (e) => e instanceof TypeError && e.message === `${text} is not a constructor`);
  }
  assert.equal(order, ['(intermediate value)', 'o.m', 'x', 'X']);
});

test.run();
