// Seeded generator of random async TypeScript programs for the differential tester (issue 3).
// Takes a 32-bit seed; produces the text of one self-contained program (`generate(seed)`) that uses no
// tscoro API, so native async/await is its oracle: compiled natively and by the transformer it must
// print the same lines. Consumed by test/fuzz/run.js (batches, comparison, shrinking) and
// test/fuzz.test.js.
//
// What a program contains: sync generators, a class, a few async helpers f0..fK (fi awaits only fj<=i;
// `fuel` bounds the recursion), an optional class Kc with async instance and static methods and
// parameter properties, and `main`. Bodies mix nested control flow (if/else, while, do, for, for-of
// over arrays and generators, for-in, switch with fallthrough, labelled break/continue, labelled
// blocks), try/catch/finally with jumps, returns and awaits inside, throws, closures and async arrows
// over the function's top-level locals (and `this` in methods, `arguments`), and awaits in every
// expression position the transformer accepts: optional chains, tagged templates, destructuring
// declarations and assignments (object/array, nested, defaults, computed keys, rest; targets that are
// frame fields, members, elements, setters), computed keys of object literals and class members,
// spreads, `delete`/`typeof`/`void`, compound assignments to members with getters and setters, and KS
// (its toString logs) as a computed key and a template substitution, where it is converted at once.
// Writes through type-only wrappers (`(x as any) = v`, `x! += v`, also to consts). Names of anonymous
// functions and classes assigned to locals, used as pattern defaults, object literal properties and
// array elements before a later await (namesStmt).
// Writes to `const` locals (top-level consts, block consts, const destructuring names, for-of/for-in
// loop consts, const closures), each inside try/catch printing String(e): `c = v`, `c op= v`,
// `c++`/`--c`, `c ??= v`/`c ||= v`/`c &&= v`, array and object pattern targets (shorthand, keyed,
// with defaults, nested, rest), for-of/for-in targets, and a write inside an expression, with and
// without `await` in the value; from the function itself and from its closures. Early closures:
// among a function's top-level statements, before a `let`/`const`/`class` declaration (plain or
// destructuring), arrows, function expressions, function declarations and async arrows that read
// the later binding (also `typeof`, `{ x }` as a value, `{ w = x }` as a default, `new X()`), write
// it (`x = v`, pattern targets with and without awaited defaults, shorthand `({ x } = o)`, for-of),
// or update it (`x++`, `x += await f()`, `x ??= v`); they are called inside try/catch printing
// String(e) before the declaration ran (the dead zone) and after it. Callees that are not functions,
// each inside try/catch printing String(e) (the TypeError's text quotes the source): calls, `new` and
// tagged templates whose arguments await and then have effects, with a callee that is a local holding
// a number/undefined/object (read after an await sometimes), a member (`o.k(...)`), an awaited value
// (`(await f()).k(...)`, `new (await f())(...)`), an arrow or a method under `new`, an optional chain
// (`o?.a.n(...)`, `(o?.k)(...)`), and for-of over a non-iterable awaited member or call result; with
// valid counterparts (methods, classes, bound functions, an awaited class, tags, a parenthesized
// member callee keeping its `this`). Loop heads whose iterable holds a closure over the loop's own
// binding (`for (const t of [() => t])`, `(() => t)()`, for-in, destructured heads, writes, typeof),
// called in the head, in the body after an await, or after the loop. Loops that await whose body
// declares a `let`/`const`/`class` captured by closures (one binding per iteration) and uses it before
// the declaration in the same iteration (read, typeof, writes, updates, patterns, closures made
// earlier in the block, an async closure writing after its await), each inside try/catch, then
// normally, its closures kept in an array and called after the loop. `using` / `await using` in blocks
// and in for-of / for-await heads (resources RS and ARS whose disposal logs and sometimes throws, a
// SuppressedError when the body threw too), with jumps, returns and throws through them. Async
// generators (agen0: awaits, a yield whose resumed value it logs, a finally that awaits; agen1: a
// yielded promise, a throw; agen2: `yield*` to agen0 and to an array) consumed by `for await` (a
// break closes them) and by single requests.
//
// Rules that keep native and tscoro comparable (each is a legitimate difference, not a bug):
// - every call of an async function is awaited at once (tscoro coroutines are lazy, native ones eager);
// - one task, no timers, no runtime API: scheduling cannot differ;
// - random closures are declared only among a function's top-level statements; closures over a loop's
//   bindings are made only by the loop-head and loop dead-zone statements, never as a function
//   declaration written directly in a `switch` case (refused: TS95002, README "refused constructs");
// - a call, `new` or tagged template whose callee may not be a function awaits in its arguments or its
//   callee (without an await, a local kept in the frame is named by its field in the engine's message:
//   README), and has no spread before another argument (V8 then reports `Function.prototype.apply was
//   called on ...`, not the callee's text);
// - no `return Promise.reject(...)` inside a try that has a finally: a return or a jump in the finally
//   drops it, an unhandled rejection that kills the native process;
// - run.js keeps 2,000 lines of output: statements that print a line per iteration of a loop are rare
//   in helpers and methods (they run up to `fuel` times) and absent from closures;
// - a write to a `const`, and every call of an early closure, is inside a try whose catch prints
//   String(e), so that the program goes on (programs start with `// @ts-nocheck`: TypeScript's TS2588
//   does not stop them); a class binding's value is never converted to a string (its source text would
//   be printed, and the lowered class is printed by TypeScript, not copied); an async closure is never
//   printed ([AsyncFunction] natively, [Function] once lowered);
// - destructuring sources always have the shape of the pattern (a TypeError for destructuring null or
//   a non-iterable quotes the source text, which lowering changes); `await` is never in a class field
//   initializer or an object literal's computed *method* name (refused: TS95001);
// - every loop is bounded by a counter in its test or by a finite iterable, and `fuel` bounds calls.
'use strict';

/** mulberry32: a tiny, well-mixed 32-bit PRNG; returns floats in [0, 1). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** murmur3's finalizer: a bijection on 32-bit integers that mixes every bit into every other. */
function fmix32(h) {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The seed of program `index` of a run started with `seed` (so any single program can be regenerated).
 * The run's seed is mixed before the index is added: combined first (`seed ^ index`), nearby seeds
 * (101, 202, ...) gave the same programs at shifted indexes (nine in ten of their first 1,500).
 */
function programSeed(seed, index) {
  return fmix32((fmix32((seed ^ 0x9e3779b9) >>> 0) + Math.imul(index + 1, 0x9e3779b9)) >>> 0);
}

const IND = '  ';

/** The random choices both generators make (this one and sched-gen.js), from a mulberry32 stream. */
class Random {
  constructor(seed) {
    this.rand = mulberry32(seed);
  }
  int(n) {
    return Math.floor(this.rand() * n);
  }
  chance(p) {
    return this.rand() < p;
  }
  pick(xs) {
    return xs[this.int(xs.length)];
  }
}

class Gen extends Random {
  constructor(seed, avoid) {
    super(seed);
    this.avoid = avoid;
    this.ids = 0; // step markers and fresh names
    this.helpers = []; // { name, arity }
    // 'li': a hand-written iterable whose next/return getters log (the 'iters' feature).
    this.gens = ['gen0', 'gen1', ...(avoid.has('iters') ? [] : ['li'])];
    this.agens = []; // generated async generators ag0..agK
  }

  // --- randomness (int, chance, pick: Random) ---------------------------------------------------
  /** Picks from [[weight, value], ...]; a value may be a function, called for the result. */
  weighted(entries) {
    const live = entries.filter(([w]) => w > 0);
    if (live.length === 0) return undefined;
    let r = this.rand() * live.reduce((s, [w]) => s + w, 0);
    for (const [w, v] of live) {
      r -= w;
      if (r < 0) return typeof v === 'function' ? v() : v;
    }
    const last = live[live.length - 1][1];
    return typeof last === 'function' ? last() : last;
  }
  /** Is generator feature `name` enabled (not listed in `--avoid`)? */
  on(name) {
    return !this.avoid.has(name);
  }
  fresh(prefix) {
    this.ids += 1;
    return `${prefix}${this.ids}`;
  }

  // --- expressions ------------------------------------------------------------------------------
  // A context `cx` describes where code is generated:
  //   async: awaits allowed; vars: assignable locals; ro: readable-only names (loop variables,
  //   catch bindings); objs / arrs: object and array locals; fns: sync closures; afns: async arrows;
  //   callable: async helpers that may be awaited here; loops: enclosing jump targets; depth;
  //   consts: `const` bindings in scope that a const write may target (those holding values are in ro
  //   too); early: early closures `{ name, async }` of the function (called only inside try/catch).

  literal() {
    return this.weighted([
      [6, () => String(this.int(10))],
      [1, () => String(this.int(100) - 50)],
      [2, () => `'${this.pick(['a', 'b', 'xy', ''])}'`],
      [1, () => this.pick(['true', 'false', 'null', 'undefined'])],
    ]);
  }

  readable(cx) {
    const names = [...cx.vars, ...cx.ro];
    return names.length ? this.pick(names) : this.literal();
  }

  lvalue(cx, d) {
    return this.weighted([
      [cx.vars.length ? 5 : 0, () => this.pick(cx.vars)],
      [cx.objs.length ? 2 : 0, () => `${this.pick(cx.objs)}.${this.pick(['p', 'q', 'r'])}`],
      [cx.arrs.length ? 2 : 0, () => `${this.pick(cx.arrs)}[${this.index(cx, d)}]`],
      [cx.objs.length && cx.async ? 1 : 0, () => `${this.pick(cx.objs)}[${this.awaitOf(cx, `'${this.pick(['p', 'q', 'r'])}'`)}]`],
      // An index with a side effect: evaluated once, before the right side (`a[i++] -= await g()`).
      [cx.arrs.length && cx.vars.length && this.on('getset') ? 1 : 0, () => `${this.pick(cx.arrs)}[${this.pick(cx.vars)}++ & 1]`],
      [this.on('getset') ? 1 : 0, 'GS.g'],
      [cx.thisProps && cx.thisProps.length ? 2 : 0, () => this.pick(cx.thisProps)],
      [cx.objs.length && this.on('convert') ? 0.5 : 0, () => `${this.pick(cx.objs)}[KS]`],
    ]);
  }

  index(cx, d) {
    return this.weighted([
      [4, () => String(this.int(3))],
      [cx.async ? 1 : 0, () => this.awaitOf(cx, String(this.int(3)))],
      [1, () => `(${this.expr(cx, d + 1)} ? 1 : 2)`],
    ]);
  }

  /** `await <operand>` in one of the forms a coroutine can meet. */
  awaitOf(cx, operand) {
    return this.weighted([
      [3, () => `await ${operand}`],
      [3, () => `await Promise.resolve(${operand})`],
    ]);
  }

  awaitExpr(cx, d) {
    return this.weighted([
      [cx.callable.length ? 5 : 0, () => {
        const h = this.pick(cx.callable);
        const args = [];
        const n = h.arity > 1 && this.chance(0.3) ? h.arity - 1 : h.arity;
        for (let i = 0; i < n; i++) args.push(this.expr(cx, d + 1));
        return `await ${h.name}(${args.join(', ')})`;
      }],
      [cx.afns.length ? 3 : 0, () => `await ${this.pick(cx.afns)}(${this.expr(cx, d + 1)})`],
      [3, () => `await Promise.resolve(${this.expr(cx, d + 1)})`],
      [2, () => `await ${this.atom(cx, d + 1)}`],
      [cx.inTry ? 1 : 0, () => `await Promise.reject(new Error('rj${this.fresh('')}'))`],
      // One request to a fresh async generator: next(v) starts it, return(v) before the start ends it.
      [this.on('asyncgen') ? 0.7 : 0, () => `(await agen${this.int(3)}(${this.int(3)}).${this.pick(['next', 'return'])}(${this.expr(cx, d + 1)})).value`],
    ]);
  }

  atom(cx, d) {
    return this.weighted([
      [3, () => this.literal()],
      [5, () => this.readable(cx)],
      [cx.objs.length ? 1 : 0, () => `${this.pick(cx.objs)}.${this.pick(['p', 'q', 'r'])}`],
      [cx.arrs.length ? 1 : 0, () => `${this.pick(cx.arrs)}[${this.int(3)}]`],
      [cx.objs.length && this.on('convert') ? 0.3 : 0, () => `${this.pick(cx.objs)}[KS]`],
      [this.on('getset') ? 0.5 : 0, 'GS.g'],
      [cx.thisProps && cx.thisProps.length ? 2 : 0, () => this.pick(cx.thisProps)],
      // Values only: `arguments[0]` itself could feed a string that doubles on every call.
      [cx.args ? 0.5 : 0, () => this.pick(['arguments.length', '(typeof arguments[0])', '(arguments[1] === undefined)'])],
    ]);
  }

  expr(cx, d = 0) {
    if (d >= 3) return this.atom(cx, d);
    const sub = () => this.expr(cx, d + 1);
    return this.weighted([
      [4, () => this.atom(cx, d)],
      [cx.async ? 5 : 0, () => this.awaitExpr(cx, d)],
      // `<=`, not `<`: TypeScript parses `a < (b > (c))` as type arguments and fails (TS1005).
      [3, () => `(${sub()} ${this.pick(['+', '-', '*', '<=', '>', '===', '!==', '%'])} ${sub()})`],
      [2, () => `(${sub()} ${this.pick(['&&', '||', '??'])} ${sub()})`],
      [1, () => `(${sub()} ? ${sub()} : ${sub()})`],
      [cx.vars.length || cx.objs.length || cx.arrs.length ? 1 : 0, () => `(${this.lvalue(cx, d)} ${this.pick(['=', '+=', '-=', '*=', '||=', '&&=', '??='])} ${sub()})`],
      [cx.vars.length ? 1 : 0, () => `${this.pick(cx.vars)}${this.pick(['++', '--'])}`],
      [1, () => `[${sub()}, ${sub()}]`],
      [1, () => `{ k: ${sub()}, j: ${sub()} }`],
      [1, () => `\`<\${${sub()}}|\${${sub()}}>\``],
      // KS converts to a string with an effect: each substitution is converted when it is evaluated.
      [this.on('convert') ? 0.5 : 0, () => `\`<\${KS}|\${${sub()}}>\``],
      [1, () => `new Box(${sub()}).get()`],
      [1, () => `${this.pick(['-', '!', 'typeof '])}(${sub()})`],
      [cx.objs.length ? 1 : 0, () => `${this.pick(cx.objs)}.m(${sub()})`],
      [1, () => `Math.max(${sub()}, ${sub()}, 1)`],
      [1, () => `Math.min(...[${sub()}, ${sub()}], 9)`],
      [cx.arrs.length ? 1 : 0, () => `[...${this.pick(cx.arrs)}, ${sub()}]`],
      [cx.objs.length ? 1 : 0, () => `{ ...${this.pick(cx.objs)}, q: ${sub()} }`],
      [cx.objs.length ? 0.5 : 0, () => `('${this.pick(['p', 'z'])}' in ${this.pick(cx.objs)})`],
      [0.5, () => `(${sub()} instanceof Box)`],
      [cx.async && cx.objs.length ? 1 : 0, () => `await ${this.pick(cx.objs)}.am(${sub()})`],
      [cx.async ? 1 : 0, () => `await new K(${sub()}).am(${sub()})`],
      [cx.async && cx.callable.length ? 1 : 0, () => {
        const h = this.pick(cx.callable);
        return `await ${h.name}(...[${sub()}, ${sub()}])`;
      }],
      [1, () => `String(${sub()})`],
      [cx.arrs.length ? 1 : 0, () => `${this.pick(cx.arrs)}.indexOf(${sub()})`],
      [cx.fns.length ? 2 : 0, () => `${this.pick(cx.fns)}(${sub()})`],
      [1, () => `(${sub()}, ${sub()})`],
      [this.on('optchain') && cx.objs.length ? 1.5 : 0, () => this.optChain(cx, d)],
      [this.on('tagged') ? 1 : 0, () => this.tagged(cx, d)],
      [this.on('computed') ? 0.7 : 0, () => this.computedObject(cx, d)],
      [this.on('computed') ? 0.3 : 0, () => this.classExpr(cx, d)],
      [this.on('spread') ? 1 : 0, () => this.spreadExpr(cx, d)],
      [this.on('unary') ? 1 : 0, () => this.unaryExpr(cx, d)],
      [this.on('destructure') && cx.vars.length ? 0.7 : 0, () => `(${this.destructure(cx, d + 1, 'assign').text})`],
    ]);
  }

  /** A readable object local, `undefined` or null (so that optional links short-circuit sometimes). */
  optChain(cx, d) {
    const sub = () => this.expr(cx, d + 1);
    const o = this.pick(cx.objs);
    const base = this.weighted([
      [3, o],
      [3, () => `(${this.cond(cx, d + 1)} ? ${o} : ${this.pick(['null', 'undefined'])})`],
      [cx.async ? 1 : 0, () => this.awaitOf(cx, this.chance(0.5) ? o : 'undefined')],
    ]);
    const b = base.startsWith('await') ? `(${base})` : base;
    const key = () => (cx.async && this.chance(0.6) ? this.awaitOf(cx, `'${this.pick(['p', 'q', 'r', 'z'])}'`) : `'${this.pick(['p', 'q'])}'`);
    return this.weighted([
      [3, () => `${b}?.m(${sub()})`],
      [2, () => `${b}?.m?.(${sub()})`],
      [2, () => `${b}?.nope?.(${sub()})`],
      [2, () => `${b}?.[${key()}]`],
      [1, () => `${b}?.${this.pick(['p', 'q', 'r'])}`],
      [1, () => `(${b}?.m)?.call(${o}, ${sub()})`],
      [cx.async ? 1 : 0, () => `await ${b}?.am(${sub()})`],
    ]);
  }

  /** A tagged template: the tag (and its `this`) first, then the substitutions, raw strings kept. */
  tagged(cx, d) {
    const n = 1 + this.int(3);
    let body = this.pick(['a', '', 'x\\n']);
    for (let i = 0; i < n; i++) body += `\${${this.expr(cx, d + 1)}}${this.pick(['b', '', '\\t', '|'])}`;
    return `${this.pick(['tg', 'TG.t', 'tgs'])}\`${body}\``;
  }

  /** An object literal with computed keys (awaited or not) between plain properties. */
  computedObject(cx, d) {
    const sub = () => this.expr(cx, d + 1);
    const key = () => this.weighted([
      [cx.async ? 3 : 0, () => this.awaitOf(cx, `'${this.pick(['k', 'j', 'p'])}'`)],
      [2, () => `'k' + ${this.atom(cx, d + 1)}`],
      [1, () => sub()],
      // Converted to a property key when evaluated, before the next key or value.
      [this.on('convert') ? 1 : 0, 'KS'],
    ]);
    const props = [`[${key()}]: ${sub()}`];
    if (this.chance(0.5)) props.push(`j: ${sub()}`);
    if (this.chance(0.5)) props.push(`[${key()}]: ${sub()}`);
    if (this.chance(0.3)) {
      // A method or getter, anywhere: its computed key is evaluated in order with the others.
      const mkey = this.weighted([[2, () => `'k' + ${this.atom(cx, d + 1)}`], [1, "'mm'"], [1, () => `tg\`m\${${this.atom(cx, d + 1)}}\``]]);
      const member = this.chance(0.6) ? `[${mkey}](y) { return y; }` : `get [${mkey}]() { return 'gt'; }`;
      props.splice(this.int(props.length + 1), 0, member);
    }
    return `{ ${props.join(', ')} }`;
  }

  /**
   * A class expression with computed member names (a method name may await) and a static field,
   * used at once. A field initializer is a function of its own: no await, no `this` of the method,
   * no `arguments` (a SyntaxError there).
   */
  classExpr(cx, d) {
    const key = cx.async && this.chance(0.7) ? this.awaitOf(cx, "'m'") : "'m'";
    // In a loop that awaits, a class must not capture the loop's bindings (refused: TS95002).
    const sync = { ...cx, async: false, thisProps: [], args: false, ...(cx.awaitLoop ? { vars: [], ro: [] } : {}) };
    const fieldKey = this.weighted([[2, () => `'s' + ${this.atom(sync, 2)}`], [cx.awaitLoop ? 0 : 1, () => this.expr(cx, d + 1)]]);
    const name = this.chance(0.5) ? ', this.constructor.name' : '';
    // A member named by KS first: its name is converted before the next member's key (which may await).
    const first = this.on('convert') && this.chance(0.3) ? `[KS]() { return 0; } ` : '';
    return `new (class { ${first}[${key}](y) { return [y${name}]; } static [${fieldKey}] = ${this.expr(sync, 2)}; })().m(${this.expr(cx, d + 1)})`;
  }

  spreadExpr(cx, d) {
    const sub = () => this.expr(cx, d + 1);
    const g = () => `${this.pick(this.gens)}(${this.int(3)})`;
    return this.weighted([
      [cx.async && cx.arrs.length ? 2 : 0, () => `[...(${this.awaitOf(cx, this.pick(cx.arrs))}), ${sub()}]`],
      [cx.async && cx.callable.length ? 2 : 0, () => `await ${this.pick(cx.callable).name}(...(${this.awaitOf(cx, `[${sub()}, ${sub()}]`)}))`],
      [2, () => `Math.max(${sub()}, ...${g()}, ${sub()})`],
      [1, () => `[${sub()}, ...${g()}, ${sub()}]`],
      [cx.async && cx.objs.length ? 1 : 0, () => `{ ...(${this.awaitOf(cx, this.pick(cx.objs))}), q: ${sub()} }`],
      [cx.fns.length ? 1 : 0, () => `${this.pick(cx.fns)}(...[${sub()}], ${sub()})`],
    ]);
  }

  unaryExpr(cx, d) {
    const sub = () => this.expr(cx, d + 1);
    const o = () => this.pick(cx.objs);
    return this.weighted([
      [2, () => `void (${sub()})`],
      [cx.async ? 2 : 0, () => `(typeof ${this.awaitOf(cx, `(${sub()})`)})`],
      [cx.async ? 1 : 0, () => `(void ${this.awaitExpr(cx, d)})`],
      [cx.async ? 1 : 0, () => `!(${this.awaitExpr(cx, d)})`],
      [cx.objs.length ? 1 : 0, () => `delete ${o()}.${this.pick(['q', 'r', 'z'])}`],
      [cx.objs.length && cx.async ? 1 : 0, () => `delete (${this.awaitOf(cx, o())}).${this.pick(['q', 'r'])}`],
      [cx.objs.length && cx.async ? 1 : 0, () => `delete ${o()}[${this.awaitOf(cx, `'${this.pick(['q', 'r'])}'`)}]`],
      [cx.arrs.length ? 0.5 : 0, () => `delete ${this.pick(cx.arrs)}[${this.index(cx, d)}]`],
    ]);
  }

  // --- destructuring ----------------------------------------------------------------------------
  // A pattern and a source of its shape are generated together: destructuring null or a number throws
  // a TypeError that quotes the source text. `mode` 'decl' binds fresh names (pushed on `names`, so
  // that later defaults may read earlier ones); 'assign' writes existing targets (locals, members,
  // elements, setters).

  /** `{ text, names }`: a declaration's or an assignment's `pattern = source`, or a for-of head's pattern. */
  destructure(cx, d, mode) {
    const names = [];
    const { pat, src } = this.chance(0.55) ? this.objectPattern(cx, d, mode, names, 0) : this.arrayPattern(cx, d, mode, names, 0);
    return { text: `${pat} = ${src}`, pat, src, names };
  }

  /**
   * A default for a pattern element: may read the names bound earlier in the same pattern, never
   * write them (they may be `const`, and such a write outside a try would end the program).
   */
  patternDefault(cx, d, names) {
    // In a generated async generator a default may yield: a return() there goes through the
    // pattern's and the loop's iterators, which must be closed.
    if (cx.gen && cx.async && this.chance(0.2)) return `(yield ${this.literal()})`;
    return this.expr({ ...cx, ro: [...cx.ro, ...names] }, d + 1);
  }

  patternTarget(cx, d, mode, names) {
    if (mode === 'decl') {
      const n = this.fresh('t');
      names.push(n);
      return n;
    }
    return this.lvalue(cx, d) ?? this.pick(cx.vars);
  }

  /** A nested pattern, or a plain target with a default sometimes; `[pattern, source of it]`. */
  patternElement(cx, d, mode, names, depth, present) {
    if (depth < 1 && this.chance(0.25)) {
      const inner = this.chance(0.5) ? this.objectPattern(cx, d, mode, names, depth + 1) : this.arrayPattern(cx, d, mode, names, depth + 1);
      // A missing nested value takes a default of the same shape.
      return { pat: present ? inner.pat : `${inner.pat} = ${inner.src}`, src: inner.src };
    }
    const value = this.chance(0.15) ? 'undefined' : this.expr(cx, d + 1);
    // Rarely, a default reads its own binding (in its dead zone: a ReferenceError).
    const before = this.chance(0.9) ? [...names] : null;
    const target = this.patternTarget(cx, d, mode, names);
    const dflt = this.chance(present ? 0.3 : 0.7) ? ` = ${this.patternDefault(cx, d, before ?? names)}` : '';
    return { pat: `${target}${dflt}`, src: value };
  }

  objectPattern(cx, d, mode, names, depth) {
    const keys = ['p', 'q', 'r', 's'].filter(() => this.chance(0.5));
    if (keys.length === 0) keys.push('q');
    const parts = [];
    const srcParts = [];
    const flat = [];
    for (const k of keys) {
      const present = this.chance(0.7);
      const keyText = this.weighted([
        [4, k],
        [cx.async ? 2 : 0, () => `[${this.awaitOf(cx, `'${k}'`)}]`],
        [1, `['${k}']`],
      ]);
      if (mode === 'assign' && cx.vars.length && keyText === k && this.chance(0.2)) {
        // Shorthand with a default, `({ x = d } = o)`: the key is the target's own name.
        const v = this.pick(cx.vars);
        parts.push(`${v} = ${this.patternDefault(cx, d, names)}`);
        if (present) srcParts.push(`${v}: ${this.expr(cx, d + 1)}`);
        continue;
      }
      const el = this.patternElement(cx, d, mode, names, depth, present);
      if (el.pat.startsWith('{') || el.pat.startsWith('[')) flat.push(false);
      parts.push(`${keyText}: ${el.pat}`);
      if (present) srcParts.push(`${k}: ${el.src}`);
    }
    if (this.chance(0.3)) parts.push(`...${mode === 'decl' ? this.patternTarget(cx, d, mode, names) : this.weighted([[3, () => this.pick(cx.vars)], [cx.objs.length ? 1 : 0, () => `${this.pick(cx.objs)}.q`]])}`);
    let src = `{ ${srcParts.join(', ')} }`;
    // A flat pattern can read an object local (p, q, r present, s missing) or GS's getter.
    if (flat.length === 0 && depth === 0 && cx.objs.length && this.chance(0.3)) src = cx.async && this.chance(0.4) ? this.awaitOf(cx, this.pick(cx.objs)) : this.pick(cx.objs);
    return { pat: `{ ${parts.join(', ')} }`, src };
  }

  arrayPattern(cx, d, mode, names, depth) {
    const n = 1 + this.int(3);
    const parts = [];
    const srcParts = [];
    let nested = false;
    for (let i = 0; i < n; i++) {
      if (i < n - 1 && this.chance(0.15)) {
        parts.push('');
        srcParts.push(this.expr(cx, d + 1));
        continue;
      }
      const present = this.chance(0.7);
      const el = this.patternElement(cx, d, mode, names, depth, present);
      if (el.pat.startsWith('{') || el.pat.startsWith('[')) nested = true;
      parts.push(el.pat);
      // A missing element: the source array is shorter, or holds undefined there.
      srcParts.push(present ? el.src : 'undefined');
    }
    if (this.chance(0.3)) {
      parts.push(`...${this.patternTarget(cx, d, mode, names)}`);
      for (let i = this.int(3); i > 0; i--) srcParts.push(this.expr(cx, d + 1));
    }
    let src = `[${srcParts.join(', ')}]`;
    // A flat pattern may read any iterable: a generator (closed when the pattern stops early), a string.
    if (!nested && depth === 0 && this.chance(0.4)) {
      src = this.weighted([
        [3, () => `${this.pick(this.gens)}(${this.int(4)})`],
        [cx.arrs.length ? 2 : 0, () => this.pick(cx.arrs)],
        [1, "'xy'"],
        [cx.async ? 1 : 0, () => this.awaitOf(cx, src)],
      ]);
    }
    return { pat: `[${parts.join(', ')}]`, src };
  }

  cond(cx, d = 0) {
    return this.weighted([
      [3, () => this.expr(cx, d)],
      [3, () => `${this.smallInt(cx, d)} === ${this.int(3)}`],
      [1, () => `${this.readable(cx)} ${this.pick(['<', '>', '!=='])} ${this.int(8)}`],
    ]);
  }

  /** An expression whose value is a small integer (-2..2). */
  smallInt(cx, d = 0) {
    return `((${this.expr(cx, d + 1)}) | 0) % 3`;
  }

  // --- statements -------------------------------------------------------------------------------

  log(cx, ind) {
    const n = this.int(3);
    const args = [`'${this.fresh('L')}'`];
    for (let i = 0; i < n; i++) args.push(this.expr(cx));
    return `${ind}console.log(${args.join(', ')});`;
  }

  /** A list of statements; `allowDecl` is false directly inside case clauses. */
  block(cx, ind, budget, allowDecl = true) {
    const out = [];
    const n = 1 + this.int(Math.max(1, Math.min(budget, 4)));
    const scoped = { ...cx, vars: [...cx.vars], ro: [...cx.ro], consts: [...(cx.consts || [])] };
    for (let i = 0; i < n; i++) {
      const last = i === n - 1;
      out.push(this.stmt(scoped, ind, budget - 1, allowDecl, last));
    }
    return out.join('\n');
  }

  stmt(cx, ind, budget, allowDecl, last) {
    const nested = budget > 0 && cx.depth < 4;
    const inner = () => ({ ...cx, depth: cx.depth + 1 });
    // A loop either may await anywhere inside (then a closure must not capture what it declares) or
    // is generated without any await (then closures over its bindings are allowed and kept).
    const loopCx = () => (cx.async && this.chance(0.25) ? { ...inner(), async: false } : { ...inner(), awaitLoop: cx.awaitLoop || cx.async });
    const jumps = cx.loops.length > 0;
    return this.weighted([
      [5, () => this.log(cx, ind)],
      [cx.vars.length || cx.objs.length || cx.arrs.length ? 3 : 0, () => `${ind}${this.lvalue(cx, 0)} ${this.pick(['=', '+=', '-=', '*=', '??=', '||='])} ${this.expr(cx)};`],
      // A type-only wrapper around the target writes the local itself.
      [cx.vars.length && this.on('wrappers') ? 0.5 : 0, () => `${ind}${this.pick([`(${this.pick(cx.vars)} as any)`, `${this.pick(cx.vars)}!`])} ${this.pick(['=', '+=', '??=', '||='])} ${this.expr(cx)};`],
      [cx.async ? 2 : 0, () => `${ind}${this.awaitExpr(cx, 0)};`],
      [allowDecl ? 2 : 0, () => {
        const name = this.fresh('t');
        const init = this.expr(cx);
        cx.vars.push(name);
        return `${ind}let ${name} = ${init};`;
      }],
      [allowDecl && cx.vars.length && this.chance(0.3) ? 1 : 0, () => {
        // Shadow an outer local in a nested block.
        // The initializer must not read the new binding (native would throw in its TDZ).
        const name = this.pick(cx.vars);
        const init = this.expr({ ...cx, vars: cx.vars.filter((v) => v !== name) });
        const b = { ...inner(), vars: [...cx.vars] };
        return `${ind}{\n${ind}${IND}let ${name} = ${init};\n${this.block(b, ind + IND, budget - 1)}\n${ind}}`;
      }],
      [allowDecl && cx.async ? 1 : 0, () => {
        const a = this.fresh('d');
        const b = this.fresh('d');
        const init = `[${this.expr(cx)}, ${this.expr(cx)}]`;
        cx.vars.push(a, b);
        return `${ind}let [${a}, ${b}] = ${init};`;
      }],
      [allowDecl && this.on('destructure') ? 1.5 : 0, () => {
        const kind = this.pick(['let', 'let', 'const', 'var']);
        const { text, names } = this.destructure(cx, 0, 'decl');
        (kind === 'const' ? cx.ro : cx.vars).push(...names);
        if (kind === 'const') cx.consts.push(...names);
        return `${ind}${kind} ${text};`;
      }],
      [this.on('destructure') && cx.vars.length ? 1.5 : 0, () => `${ind}(${this.destructure(cx, 0, 'assign').text});`],
      [nested ? 3 : 0, () => this.ifStmt(inner(), ind, budget)],
      [nested ? 2 : 0, () => this.whileStmt(loopCx(), ind, budget)],
      [nested ? 1 : 0, () => this.doStmt(loopCx(), ind, budget)],
      [nested ? 2 : 0, () => this.forStmt(loopCx(), ind, budget)],
      [nested ? 2 : 0, () => this.forOfStmt(loopCx(), ind, budget)],
      [nested ? 1 : 0, () => this.forInStmt(loopCx(), ind, budget)],
      [nested && this.on('using') ? 1 : 0, () => this.usingBlock(inner(), ind, budget)],
      [cx.gen && cx.async ? 12 : 0, () => this.yieldStmt(cx, ind)],
      [cx.async && !cx.gen && this.agens.length ? 3 : 0, () => this.driveAgen(cx, ind)],
      [nested && this.on('using') ? 1 : 0, () => this.forUsingStmt(cx, loopCx(), ind, budget)],
      [nested ? 2 : 0, () => this.switchStmt(inner(), ind, budget)],
      [nested ? 3 : 0, () => this.tryStmt(inner(), ind, budget)],
      [nested ? 1 : 0, () => this.labelledBlock(inner(), ind, budget)],
      [1, () => `${ind}if (${this.smallInt(cx)} === ${this.int(3)}) ${this.throwStmt(cx)}`],
      [last ? 0.3 : 0, () => `${ind}${this.throwStmt(cx)}`],
      [jumps ? 3 : 0, () => `${ind}if (${this.cond(cx)}) ${this.jump(cx)}`],
      [jumps && last ? 1 : 0, () => `${ind}${this.jump(cx)}`],
      [2, () => `${ind}if (${this.cond(cx)}) ${this.returnStmt(cx)}`],
      [last ? 0.5 : 0, () => `${ind}${this.returnStmt(cx)}`],
      [cx.fns.length ? 1 : 0, () => `${ind}${this.pick(cx.fns)}(${this.expr(cx)});`],
      [allowDecl ? 0.5 : 0, () => {
        const name = this.fresh('r');
        const init = this.expr(cx);
        cx.vars.push(name);
        return `${ind}var ${name} = ${init};`;
      }],
      [cx.objs.length ? 0.5 : 0, () => {
        const o = this.pick(cx.objs);
        // Spreading drops the prototype: keep AM, or `o.am(...)` would throw a TypeError whose message
        // quotes the source (`o.am` natively, `this.o.am` once lowered).
        return `${ind}${o} = { ...${o}, p: ${this.expr(cx)}, __proto__: AM };`;
      }],
      [cx.keep && !cx.awaitLoop ? 2 : 0, () => {
        const names = [...cx.vars, ...cx.ro];
        const parts = [this.pick(names), this.pick(names)];
        if (cx.vars.length && this.chance(0.3)) parts.push(`${this.pick(cx.vars)}++`);
        return `${ind}${cx.keep}.push(() => [${parts.join(', ')}]);`;
      }],
      [!this.avoid.has('fn-names') && cx.fns.length + cx.afns.length ? 0.5 : 0, () => `${ind}console.log('${this.fresh('N')}', ${this.pick([...cx.fns, ...cx.afns])}.name);`],
      [this.on('const-writes') && cx.consts.length ? 1.5 : 0, () => this.constWrite(cx, ind, this.pick(cx.consts))],
      [this.on('names') ? 0.6 : 0, () => this.namesStmt(cx, ind)],
      [this.on('const-writes') && allowDecl ? 0.6 : 0, () => {
        const k = this.fresh('k');
        const init = cx.async && this.chance(0.4) ? this.awaitExpr(cx, 1) : this.expr(cx, 1);
        if (this.chance(0.5)) {
          // A block const written at once and dead after the block: it never lives across an await
          // when the write's value does not await.
          const write = this.constWrite({ ...cx, async: false, consts: [...cx.consts, k], ro: [...cx.ro, k] }, ind + IND, k);
          return `${ind}{\n${ind}${IND}const ${k} = ${init};\n${write}\n${ind}${IND}console.log('${this.fresh('K')}', ${k});\n${ind}}`;
        }
        cx.ro.push(k);
        cx.consts.push(k);
        return `${ind}const ${k} = ${init};`;
      }],
      [cx.early && cx.early.length ? 2 : 0, () => this.earlyCall(cx, ind)],
      [cx.async && this.on('callee-checks') ? 0.6 : 0, () => this.calleeCheck(cx, ind)],
      [nested && cx.async && cx.depth < 2 && this.on('head-tdz') ? 0.4 : 0, () => this.headClosure(cx, ind)],
      // Rarer in helpers and methods: they run up to `fuel` times, and so would its lines.
      [nested && cx.async && cx.depth < 2 && this.on('loop-tdz') ? (cx.main ? 0.5 : 0.1) : 0, () => {
        const text = this.loopDeadZone(inner(), allowDecl ? ind : ind + IND, budget);
        return allowDecl ? text : `${ind}{\n${text}\n${ind}}`;
      }],
    ]);
  }

  // --- function names ----------------------------------------------------------------------------

  /**
   * Names that anonymous functions and classes take from where they are written (NamedEvaluation),
   * printed at once: assigned to a local (which is then given a plain value back, so that no other
   * statement converts a function to a string), a pattern default, an object literal property or
   * an array element evaluated before a later await (a property is named by its key, an element
   * not at all).
   */
  namesStmt(cx, ind) {
    const anon = () => this.pick(['() => 0', 'function () { return 1; }', 'class {}']);
    const mark = () => `'${this.fresh('N')}'`;
    const later = () => (cx.async ? this.awaitExpr(cx, 1) : this.expr(cx, 1));
    return this.weighted([
      [cx.vars.length ? 3 : 0, () => {
        const v = this.pick(cx.vars);
        const target = this.on('wrappers') && this.chance(0.2) ? `(${v} as any)` : v;
        return `${ind}${target} = ${anon()};
${ind}console.log(${mark()}, ${v}.name);
${ind}${v} = ${this.literal()};`;
      }],
      [2, () => {
        const a = this.fresh('n');
        const b = this.fresh('n');
        const [open, close] = this.pick([['[', ']'], ['{ ', ' }']]);
        return `${ind}{
${ind}${IND}const ${open}${a} = ${anon()}, ${b} = ${later()}${close} = ${open === '[' ? '[]' : '{}'};
${ind}${IND}console.log(${mark()}, ${a}.name, typeof ${b});
${ind}}`;
      }],
      [2, () => `${ind}console.log(${mark()}, { k: ${anon()}, 'k 2': ${anon()}, [${this.literal()} + 'c']: ${anon()}, j: ${later()} }.k.name, [${anon()}, ${later()}][0].name);`],
    ]);
  }

  // --- const writes and the dead zone -----------------------------------------------------------

  /** A value for a write: awaited sometimes (a rejection is fine: every write is inside a try). */
  writeValue(cx) {
    return cx.async && this.chance(0.4) ? this.awaitExpr({ ...cx, inTry: true }, 1) : this.expr({ ...cx, inTry: true }, 1);
  }

  /** A finite iterable for a one-name array pattern or a for-of head. */
  iterableSource(cx) {
    return this.weighted([
      [3, () => `[${this.writeValue(cx)}, ${this.literal()}]`],
      [2, () => `${this.pick(this.gens)}(${this.int(3)})`],
      [cx.arrs.length ? 1 : 0, () => this.pick(cx.arrs)],
      [0.5, "'xy'"],
      [0.5, '[]'],
    ]);
  }

  /**
   * A write to const `c` in one of its forms, inside a try whose catch prints the error: natively a
   * TypeError once the value is computed (a ReferenceError first in the dead zone; nothing at all for
   * `c ??= v` on a non-nullish c or a for-of over an empty iterable).
   */
  constWrite(cx, ind, c) {
    const v = () => this.writeValue(cx);
    const i2 = ind + IND;
    const other = () => this.pick(cx.vars);
    const write = this.weighted([
      [3, () => `${c} = ${v()};`],
      [2, () => `${c} ${this.pick(['+=', '-=', '*=', '%=', '|='])} ${v()};`],
      [2, () => this.pick([`${c}++;`, `${c}--;`, `++${c};`, `--${c};`])],
      [2, () => `${c} ${this.pick(['??=', '||=', '&&='])} ${v()};`],
      [2, () => `[${c}] = ${this.iterableSource(cx)};`],
      [cx.vars.length ? 1 : 0, () => `[${other()}, ${c} = ${v()}] = [${v()}];`],
      [1, () => `[${c} = ${v()}] = [];`],
      [2, () => `({ ${c} } = { ${c}: ${v()} });`],
      [1, () => `({ ${c} = ${v()} } = {});`],
      [2, () => {
        const key = cx.async && this.chance(0.3) ? `[${this.awaitOf(cx, "'p'")}]` : 'p';
        const src = cx.objs.length && this.chance(0.4) ? this.pick(cx.objs) : this.pick(['{}', `{ p: ${v()} }`]);
        return `({ ${key}: ${c} = ${v()} } = ${src});`;
      }],
      [1, () => `({ p: [${c}] } = { p: [${v()}] });`],
      [0.5, () => `({ ...${c} } = { q: ${v()} });`],
      [0.5, () => `[...${c}] = [${v()}];`],
      [2, () => `for (${c} of ${this.iterableSource(cx)}) {\n${i2}${IND}console.log('${this.fresh('O')}');\n${i2}}`],
      [0.5, () => `for (${c} in { a: ${v()} }) {\n${i2}${IND}console.log('${this.fresh('O')}');\n${i2}}`],
      [1, () => `console.log('${this.fresh('Q')}', ${c} = ${v()});`],
      [this.on('wrappers') ? 1 : 0, () => `(${c} as any) ${this.pick(['=', '??=', '||=', '+='])} ${v()};`],
      [this.on('wrappers') ? 0.5 : 0, () => `[(${c} as any)] = ${this.iterableSource(cx)};`],
      // `v = (c ??= w)` gives c itself when it is not nullish: only a value const (in ro), never a
      // closure (its source text, changed by lowering, would be printed through v).
      [cx.vars.length ? 1 : 0, () => `${other()} = (${c} ${this.pick(cx.ro.includes(c) ? ['+=', '??=', '&&='] : ['+=', '&&='])} ${v()});`],
    ]);
    const e = this.fresh('e');
    // After a write that did nothing (`c ??= v`), the const is printed (values only: ro holds them).
    const after = cx.ro.includes(c) && this.chance(0.5) ? `\n${i2}console.log('${this.fresh('Q')}', ${c});` : '';
    return `${ind}try {\n${i2}${write}${after}\n${ind}} catch (${e}) {\n${i2}console.log('${this.fresh('Q')}', String(${e}));\n${ind}}`;
  }

  /** A call of an early closure (awaited at once if async), inside a try: it may meet the dead zone. */
  earlyCall(cx, ind) {
    const f = this.pick(cx.early);
    const e = this.fresh('e');
    const call = `${f.async ? 'await ' : ''}${f.name}(${this.expr({ ...cx, inTry: true }, 1)})`;
    return `${ind}try {\n${ind}${IND}console.log('${this.fresh('T')}', ${call});\n${ind}} catch (${e}) {\n${ind}${IND}console.log('${this.fresh('U')}', String(${e}));\n${ind}}`;
  }

  /**
   * A statement of an early closure that uses `late` (`{ name, kind }`, declared later among the
   * function's top-level statements): reads, writes, updates, shorthand properties, patterns, for-of.
   * A class binding is never stringified (no `+=`): its source text would be printed.
   */
  lateUse(cx, ind, late) {
    const L = late.name;
    const isClass = late.kind === 'class';
    const v = () => this.writeValue(cx);
    // `x = v` whose v awaits, and a pattern target with a default whose value is present (the default
    // not taken), each in the dead zone, can be left out (see `generate`): the same random choices are
    // made, so that a program differs only there (v is stored through a temporary; the value is left
    // out of the source).
    const assign = (val) => (this.on('tdz-await-value') || !/\bawait\b/.test(val) ? `${L} = ${val};` : `{ const ${L}v = ${val}; ${L} = ${L}v; }`);
    const present = (text) => (this.on('tdz-default-target') ? text : '');
    const mark = () => `'${this.fresh('T')}'`;
    const w = this.fresh('w');
    return this.weighted([
      [2, () => `${ind}console.log(${mark()}, ${isClass ? `new ${L}(${v()}).get()` : L});`],
      [1, () => `${ind}console.log(${mark()}, typeof ${L}${isClass ? `, ${L}.name` : ''});`],
      [1.5, () => `${ind}console.log(${mark()}, { ${L} });`],
      [1, () => `${ind}console.log(${mark()}, { ${L}, j: ${v()} }.${isClass ? 'j' : this.pick([L, 'j'])});`],
      [1.5, () => `${ind}let ${w};\n${ind}({ ${w} = ${L} } = ${this.pick(['{}', `{ ${w}: ${v()} }`])});\n${ind}console.log(${mark()}, ${isClass ? 'typeof ' : ''}${w});`],
      [0.7, () => `${ind}const [${w} = ${L}] = ${this.pick(['[]', `[${v()}]`])};\n${ind}console.log(${mark()}, ${isClass ? 'typeof ' : ''}${w});`],
      [2, () => `${ind}${assign(v())}`],
      [2, () => `${ind}${this.pick([`${L}++`, `${L}--`, `++${L}`, `--${L}`])};`],
      [2, () => `${ind}${L} ${this.pick(isClass ? ['-=', '*=', '|='] : ['+=', '-=', '*=', '+='])} ${v()};`],
      [2, () => `${ind}${L} ${this.pick(['??=', '||=', '&&='])} ${v()};`],
      [1.5, () => `${ind}[${L}] = ${this.iterableSource(cx)};`],
      [1.5, () => `${ind}[${cx.vars.length && this.chance(0.5) ? this.pick(cx.vars) : ''}, ${L} = ${v()}] = [${v()}${this.chance(0.5) ? present(`, ${v()}`) : ''}];`],
      [1.5, () => `${ind}({ ${L} } = { ${L}: ${v()} });`],
      [1, () => `${ind}({ ${L} = ${v()} } = ${this.chance(0.5) ? `{ ${L}: ${v()} }` : '{}'});`],
      [1.5, () => `${ind}({ p: ${L} = ${v()} } = ${this.chance(0.5) ? `{ ${present(`p: ${v()}`)} }` : '{}'});`],
      [1, () => `${ind}({ p: [${L}] } = { p: ${this.pick(['[1]', `[${v()}]`, 'gen0(2)'])} });`],
      [1.5, () => `${ind}for (${L} of ${this.iterableSource(cx)}) {\n${ind}${IND}console.log(${mark()}, ${isClass ? 'typeof ' : ''}${L});\n${ind}}`],
      [0.3, () => `${ind}for (${L} in { a: ${v()} }) console.log(${mark()});`],
    ]);
  }

  /**
   * An early closure over `late`: `{ text, name, async }`. Its body uses `late` once or twice
   * (sometimes inside a try of its own, so that it goes on) and returns a value.
   */
  earlyClosure(cx, ind, late) {
    const name = this.fresh('e');
    const form = this.weighted([[3, 'arrow'], [2, 'function'], [1, 'decl'], [cx.async ? 3 : 0, 'async']]);
    const isAsync = form === 'async';
    const plain = form === 'function' || form === 'decl';
    const body = {
      ...cx, async: isAsync, gen: false, returns: true, callable: isAsync ? cx.callable : [], afns: isAsync ? [...cx.afns] : [], fns: [...cx.fns],
      inTry: false, vars: [...cx.vars], ro: [...cx.ro, 'z'], consts: [...cx.consts], loops: [], depth: 2, awaitLoop: false, keep: null, early: [],
      ...(plain ? { thisProps: [] } : {}),
    };
    const i2 = ind + IND;
    const stmts = [];
    const n = 1 + this.int(2);
    for (let i = 0; i < n; i++) {
      if (this.chance(0.25)) {
        const e = this.fresh('e');
        stmts.push(`${i2}try {\n${this.lateUse({ ...body, inTry: true }, i2 + IND, late)}\n${i2}} catch (${e}) {\n${i2}${IND}console.log('${this.fresh('U')}', String(${e}));\n${i2}}`);
      } else {
        stmts.push(this.lateUse(body, i2, late));
      }
      if (this.chance(0.3)) stmts.push(this.log(body, i2));
    }
    const ret = this.weighted([
      [3, () => this.expr(body, 1)],
      [late.kind === 'class' ? 0 : 2, late.name],
      [late.kind === 'class' ? 0 : 1, `{ ${late.name} }`],
    ]);
    const inner = `${stmts.join('\n')}\n${i2}return ${ret};\n${ind}`;
    const text = {
      arrow: () => `${ind}const ${name} = (z) => {\n${inner}};`,
      function: () => `${ind}const ${name} = function (z) {\n${inner}};`,
      decl: () => `${ind}function ${name}(z) {\n${inner}}`,
      async: () => `${ind}const ${name} = async (z) => {\n${inner}};`,
    }[form]();
    return { text, name, async: isAsync, isConst: form !== 'decl' };
  }

  /** The declaration of `late` (a top-level statement of the function); adds it to `cx`. */
  lateDecl(cx, ind, late) {
    const L = late.name;
    const v = () => (cx.async && this.chance(0.3) ? this.awaitExpr(cx, 1) : this.expr(cx, 1));
    if (late.kind === 'class') {
      return `${ind}class ${L} { constructor(v) { this.v = v; } get() { return '${L}:' + this.v; } }`;
    }
    const text = this.weighted([
      [late.kind === 'let' ? 1 : 0, `${L}`],
      [5, () => `${L} = ${v()}`],
      [1, () => `[${L}] = [${v()}]`],
      [1, () => `{ p: ${L} = ${v()} } = ${this.pick(['{}', `{ p: ${v()} }`])}`],
    ]);
    if (late.kind === 'const') {
      cx.ro.push(L);
      cx.consts.push(L);
    } else {
      cx.vars.push(L);
    }
    return `${ind}${late.kind} ${text};`;
  }

  // --- callees that are not functions, loop heads and per-iteration dead zones ------------------

  /** `text` (statements, indented at ind + IND) inside a try whose catch prints String(e). */
  tryPrint(ind, text, prefix = 'P') {
    const e = this.fresh('e');
    return `${ind}try {\n${text}\n${ind}} catch (${e}) {\n${ind}${IND}console.log('${this.fresh(prefix)}', String(${e}));\n${ind}}`;
  }

  /**
   * A call, `new` or tagged template whose arguments await and then have effects, with a callee that
   * is not callable (not a constructor), or a valid counterpart; also a for-of over a non-iterable
   * (awaited) value or call. Inside a try printing String(e): the engine checks the callee after the
   * arguments and its message quotes the source (`o.k is not a function`, `(intermediate value).k`).
   * A block, with the locals the statement declares (sometimes read after an await: frame fields).
   */
  calleeCheck(cx, ind) {
    const i2 = ind + IND;
    const i3 = i2 + IND;
    const icx = { ...cx, inTry: true };
    const decls = [];
    const local = (prefix, init) => {
      const n = this.fresh(prefix);
      decls.push(`${i2}const ${n} = ${init};`);
      return n;
    };
    const P = () => `'${this.fresh('P')}'`;
    // The awaited argument (a helper may throw or reject: then the callee is never checked).
    const aw = () => this.weighted([
      [3, () => this.awaitOf(cx, this.expr(icx, 2))],
      [cx.callable.length ? 2 : 0, () => this.awaitExpr(icx, 1)],
    ]);
    // Arguments after the await, with effects: they run before the callee is checked.
    const eff = () => {
      const parts = [`console.log(${P()})`];
      if (cx.vars.length && this.chance(0.3)) parts.push(`${this.pick(cx.vars)}${this.pick(['++', '--'])}`);
      if (this.chance(0.2)) parts.push(this.expr(icx, 2));
      return parts.join(', ');
    };
    const args = () => `${aw()}, ${eff()}`;
    const plain = () => this.pick(['3', 'undefined', 'null', "'s'", '{ k: 1 }', '[1]']);
    // Not a function: a local of the function (locals hold values only) or a new one.
    const notFn = () => (cx.vars.length && this.chance(0.5) ? this.pick(cx.vars) : local('nc', plain()));
    // An object whose k and a.n are not functions and whose m is a method.
    const holder = () => (cx.objs.length && this.chance(0.4)
      ? this.pick(cx.objs)
      : local('nk', `{ k: ${this.pick(['1', 'null', "'s'"])}, a: { n: ${this.pick(['null', 'undefined', '2'])} }, m(y) { return [y, this.k]; } }`));
    const notCtor = () => this.weighted([
      [2, notFn],
      [1, () => local('na', '(y) => y')],
      [1, () => local('nm', '{ m() { return 1; } }.m')],
      [1, () => `${holder()}.${this.pick(['k', 'm'])}`],
    ]);
    const forOf = (iter, brk) => {
      const q = this.fresh('q');
      return `${i3}for (const ${q} of ${iter}) {\n${i3}${IND}console.log(${P()}, typeof ${q}, ${this.awaitOf(cx, this.literal())});${brk ? `\n${i3}${IND}break;` : ''}\n${i3}}`;
    };
    const line = this.weighted([
      [3, () => `${notFn()}(${args()});`],
      [2, () => `${holder()}.${this.pick(['k', 'a', 'nope', 'p'])}(${args()});`],
      [2, () => `(${this.awaitOf(cx, this.pick(['{ k: 1 }', '3', 'null', 'undefined', ...cx.objs]))}).k(${eff()});`],
      [cx.callable.length ? 1 : 0, () => `(${this.awaitExpr(icx, 1)}).${this.pick(['k', 'p'])}(${eff()});`],
      [3, () => `new ${notCtor()}(${args()});`],
      [0.5, () => `new ({ m() { return 1; } }.m)(${args()});`],
      [2, () => `new (${this.awaitOf(cx, this.pick(['3', 'undefined', '((y) => y)', "'s'"]))})(${eff()});`],
      [2, () => `${this.chance(0.7) ? notFn() : `${holder()}.k`}\`t\${${aw()}}\${${eff()}}\`;`],
      [2, () => `${holder()}?.a.n(${args()});`],
      [1, () => `${holder()}.a?.n(${args()});`],
      [1, () => `(${holder()}?.k)(${aw()});`],
      [1, () => forOf(`(${this.awaitOf(cx, this.pick(['{ k: 1 }', '{ k: [1, 2] }', ...cx.objs]))}).k`, false)],
      [1, () => forOf(`${local('nh', `() => ${this.pick(['7', 'undefined', '({})', '[1, 2]'])}`)}()`, false)],
      [1, () => forOf(notFn(), true)],
      // Valid counterparts: methods, classes, bound functions, an awaited class, tags.
      [2, () => `console.log(${P()}, ${holder()}.m(${args()}));`],
      [1, () => `console.log(${P()}, new Box(${args()}).get());`],
      [1, () => `console.log(${P()}, new (Box.bind(null, ${aw()}))(${eff()}).get());`],
      [1, () => `console.log(${P()}, new (Box.bind(null, 1))(${aw()}).get());`],
      [1, () => `console.log(${P()}, new (${this.awaitOf(cx, 'Box')})(${eff()}).get());`],
      [1, () => `console.log(${P()}, new (class { constructor(a, b) { this.s = [a, b]; } })(${args()}).s);`],
      [1, () => `console.log(${P()}, ${this.pick(['tg', 'TG.t'])}\`t\${${aw()}}\${${eff()}}\`);`],
      // A parenthesized member callee keeps its `this`.
      [this.on('paren-this') ? 1 : 0, () => `console.log(${P()}, (${holder()}${this.pick(['.', '?.'])}m)(${args()}));`],
    ]);
    const body = this.tryPrint(i2, line.startsWith(i3) ? line : `${i3}${line}`);
    const wait = decls.length && this.chance(0.5) ? [`${i2}await Promise.resolve(${this.literal()});`] : [];
    return `${ind}{\n${[...decls, ...wait, body].join('\n')}\n${ind}}`;
  }

  /**
   * A for-of/for-in loop whose head holds a closure over the loop's own binding (called in the head,
   * in the body after an await, or after the loop): a ReferenceError natively, the binding of the head
   * being never initialised. Inside a try printing String(e).
   */
  headClosure(cx, ind) {
    const i2 = ind + IND;
    const i3 = i2 + IND;
    const i4 = i3 + IND;
    const t = this.fresh('t');
    const u = this.fresh('t');
    const hs = this.fresh('hs');
    const kw = this.pick(['const', 'let']);
    const H = () => `'${this.fresh('H')}'`;
    const lit = () => (this.chance(0.3) ? `, ${this.literal()}` : '');
    // `[head, body]`: the body prints and may push head closures on hs (called after the loop).
    const [head, body] = this.weighted([
      [3, () => [`${kw} ${t} of [() => ${t}${lit()}]`, `console.log(${H()}, typeof ${t} === 'function' ? ${t}() : ${t});`]],
      [2, () => [`${kw} ${t} of [() => ${t}, ${this.literal()}]`, `console.log(${H()}, typeof ${t});\n${i4}if (typeof ${t} === 'function') ${hs}.push(${t});`]],
      [2, () => [`${kw} ${t} of [(() => ${t})()]`, `console.log(${H()}, ${t});`]],
      [1, () => [`${kw} ${t} of [(() => typeof ${t})()]`, `console.log(${H()}, ${t});`]],
      [1, () => [`${kw} ${t} of [(() => { ${t} = 5; })()]`, `console.log(${H()}, ${t});`]],
      [1, () => [`${kw} ${t} of [(() => ${t}++)()]`, `console.log(${H()}, ${t});`]],
      [2, () => [`${kw} ${t} in { k: (() => ${t})() }`, `console.log(${H()}, ${t});`]],
      [1, () => [`${kw} ${t} in { k: () => ${t} }`, `console.log(${H()}, ${t});`]],
      [2, () => [`${kw} { ${t} } of [{ ${t}: () => ${t} }]`, `console.log(${H()}, ${t}());`]],
      [1, () => [`${kw} [${t}, ${u}] of [[${this.literal()}, () => ${t}]]`, `console.log(${H()}, ${t});\n${i4}${hs}.push(${u});`]],
      [1, () => [`${kw} ${t} of [async () => ${t}]`, `console.log(${H()}, await ${t}());`]],
      [1, () => [`${kw} ${t} of [${this.literal()}, () => ${t}].reverse()`, `console.log(${H()}, typeof ${t} === 'function' ? ${t}() : ${t});`]],
    ]);
    const wait = this.chance(0.7) ? this.awaitOf(cx, this.literal()) : this.awaitExpr({ ...cx, inTry: true }, 1);
    const extra = this.chance(0.3) ? `\n${this.log(cx, i4)}` : '';
    const after = `${i3}for (const h of ${hs}) console.log(${H()}, h());`;
    const loop = `${i3}for (${head}) {\n${i4}${wait};\n${i4}${body}${extra}\n${i3}}\n${after}`;
    return `${ind}{\n${i2}const ${hs} = [];\n${this.tryPrint(i2, loop, 'H')}\n${ind}}`;
  }

  /**
   * A loop that awaits, whose body declares a `let`/`const`/`class` captured by closures (one binding
   * per iteration) and uses it before the declaration in the same iteration (read, typeof, writes,
   * updates, patterns, an earlier closure, an async closure writing after its await), each inside a
   * try printing String(e); then normally, with closures kept in an array and called after the loop.
   */
  loopDeadZone(cx, ind, budget) {
    const i2 = ind + IND;
    const i3 = i2 + IND;
    const arr = this.fresh('ls');
    const kind = this.pick(['let', 'let', 'const', 'class']);
    const isClass = kind === 'class';
    const y = this.fresh(isClass ? 'Y' : 'y');
    const D = () => `'${this.fresh('D')}'`;
    const i = this.fresh('i');
    const n = this.chance(0.8) ? 2 : 3;
    const pre = [];
    const [head, ro] = this.weighted([
      [2, () => [`for (let ${i} = 0; ${i} < ${n}; ${i}++)`, [i]]],
      [1, () => [`for (const ${i} of [${Array.from({ length: n }, (_, j) => j * 10).join(', ')}])`, [i]]],
      [1, () => {
        pre.push(`${ind}let ${i} = 0;`);
        return [`while (${i}++ < ${n})`, [i]];
      }],
    ]);
    const lcx = { ...cx, ro: [...cx.ro, ...ro], depth: cx.depth + 1 };
    const icx = { ...lcx, inTry: true };
    const v = () => this.writeValue(lcx);
    const read = () => (isClass ? this.pick([`new ${y}(${i}).get()`, `typeof ${y}`]) : this.pick([y, `typeof ${y}`, `[${y}, ${i}]`]));
    const tryIn = (stmt) => this.tryPrint(i2, `${i3}${stmt}`, 'D');
    const early = [];
    const body = [];
    const ne = this.int(3);
    for (let j = 0; j < ne; j++) {
      const e = this.fresh('de');
      this.weighted([
        [3, () => {
          body.push(`${i2}const ${e} = () => ${read()};`);
          early.push({ name: e, async: false });
        }],
        [1, () => {
          body.push(`${i2}function ${e}() { return ${read()}; }`);
          early.push({ name: e, async: false });
        }],
        [isClass ? 0 : 2, () => {
          body.push(`${i2}const ${e} = async () => {\n${i3}${y} = ${this.awaitExpr(icx, 1)};\n${i3}return ${y};\n${i2}};`);
          early.push({ name: e, async: true });
        }],
      ]);
    }
    const uses = [];
    const nu = 1 + this.int(2);
    for (let j = 0; j < nu; j++) {
      uses.push(tryIn(this.weighted([
        [2, () => `console.log(${D()}, ${read()});`],
        [early.length ? 3 : 0, () => {
          const e = this.pick(early);
          return `console.log(${D()}, ${e.async ? 'await ' : ''}${e.name}());`;
        }],
        [1, () => `console.log(${D()}, typeof ${y});`],
        [2, () => `${y} = ${v()};`],
        [1, () => `[${y}] = [${v()}];`],
        [1, () => `({ ${y} } = { ${y}: ${v()} });`],
        [1, () => this.pick([`${y}++;`, `--${y};`])],
        [1, () => `${y} ${this.pick(['+=', '??=', '||='])} ${v()};`],
      ])));
    }
    // At least one await in the body, before or among the uses.
    uses.splice(this.int(uses.length + 1), 0, `${i2}${this.awaitExpr(lcx, 1)};`);
    body.push(...uses);
    if (isClass) {
      body.push(`${i2}class ${y} { constructor(v) { this.v = v; } get() { return '${y}:' + ${i} + ':' + this.v; } }`);
    } else {
      const init = this.weighted([
        [2, () => i],
        [2, () => `[${i}, ${this.expr(lcx, 1)}]`],
        [1, () => this.awaitOf(lcx, i)],
        [1, () => this.expr(lcx, 1)],
      ]);
      body.push(`${i2}${kind} ${y} = ${init};`);
    }
    const after = { ...lcx, vars: [...lcx.vars], ro: [...lcx.ro], consts: [...(lcx.consts || [])] };
    if (kind === 'let') after.vars.push(y);
    if (kind === 'const') after.ro.push(y), after.consts.push(y);
    body.push(`${i2}console.log(${D()}, ${read()});`);
    for (const e of early) if (this.chance(0.6)) body.push(tryIn(`console.log(${D()}, ${e.async ? 'await ' : ''}${e.name}());`));
    if (kind === 'let' && this.chance(0.5)) body.push(`${i2}${this.pick([`${y}++`, `${y} = ${this.awaitOf(lcx, `${i} + 1`)}`, `[${y}] = [${y}, 0]`])};`);
    if (kind === 'const' && this.on('const-writes') && this.chance(0.4)) body.push(this.constWrite(after, i2, y));
    const kept = [`() => ${read()}`, ...early.filter((e) => !e.async && this.chance(0.7)).map((e) => e.name)];
    body.push(`${i2}${arr}.push(${kept.join(', ')});`);
    if (budget > 1 && this.chance(0.4)) {
      body.push(this.block({ ...after, loops: [...cx.loops, { label: null, kind: 'loop' }], awaitLoop: true }, i2, Math.min(budget - 1, 2)));
    }
    const e = this.fresh('e');
    return [
      `${ind}const ${arr} = [];`,
      ...pre,
      `${ind}${head} {`,
      ...body,
      `${ind}}`,
      `${ind}for (const g of ${arr}) {`,
      `${ind}${IND}try {`,
      `${ind}${IND}${IND}console.log(${D()}, g());`,
      `${ind}${IND}} catch (${e}) {`,
      `${ind}${IND}${IND}console.log(${D()}, String(${e}));`,
      `${ind}${IND}}`,
      `${ind}}`,
    ].join('\n');
  }

  throwStmt(cx) {
    return this.weighted([
      [3, () => `throw new Error('x${this.fresh('')}:' + ${this.atom(cx, 2)});`],
      [1, () => `throw ${this.expr(cx, 1)};`],
    ]);
  }

  returnStmt(cx) {
    if (!cx.returns) return 'return;';
    return this.weighted([
      [4, () => `return ${this.expr(cx)};`],
      [cx.async ? 1 : 0, () => `return Promise.resolve(${this.expr(cx, 1)});`],
      [cx.async && cx.inTry && !cx.noRejectReturn ? 0.5 : 0, () => `return Promise.reject(new Error('rr${this.fresh('')}'));`],
    ]);
  }

  /** break/continue to an enclosing target (innermost unlabelled, or a labelled one). */
  jump(cx) {
    const loops = cx.loops;
    const innermost = loops[loops.length - 1];
    const options = [];
    if (innermost.kind !== 'block') options.push('break;');
    const innerLoop = [...loops].reverse().find((l) => l.kind === 'loop');
    if (innerLoop) options.push('continue;');
    for (const l of loops) {
      if (!l.label) continue;
      options.push(`break ${l.label};`);
      if (l.kind === 'loop') options.push(`continue ${l.label};`);
    }
    return options.length ? this.pick(options) : 'break;';
  }

  /** A loop body (or switch/labelled block) with `target` pushed as a jump target. */
  loopBody(cx, ind, budget, target) {
    return this.block({ ...cx, loops: [...cx.loops, target] }, ind, budget - 1);
  }

  maybeLabel(kind) {
    return this.chance(0.35) ? { label: this.fresh('L'), kind } : { label: null, kind };
  }

  labelPrefix(t) {
    return t.label ? `${t.label}: ` : '';
  }

  ifStmt(cx, ind, budget) {
    let s = `${ind}if (${this.cond(cx)}) {\n${this.block(cx, ind + IND, budget - 1)}\n${ind}}`;
    if (this.chance(0.5)) {
      if (this.chance(0.3)) s += ` else ${this.ifStmt(cx, ind, budget - 1).trimStart()}`;
      else s += ` else {\n${this.block(cx, ind + IND, budget - 1)}\n${ind}}`;
    }
    return s;
  }

  whileStmt(cx, ind, budget) {
    const w = this.fresh('w');
    const t = this.maybeLabel('loop');
    const extra = this.chance(0.5) ? ` && ${this.cond(cx)}` : '';
    return `${ind}let ${w} = 0;\n${ind}${this.labelPrefix(t)}while (${w}++ < ${1 + this.int(3)}${extra}) {\n${this.loopBody(cx, ind + IND, budget, t)}\n${ind}}`;
  }

  doStmt(cx, ind, budget) {
    const w = this.fresh('w');
    const t = this.maybeLabel('loop');
    const extra = this.chance(0.5) ? ` && ${this.cond(cx)}` : '';
    return `${ind}let ${w} = 0;\n${ind}${this.labelPrefix(t)}do {\n${this.loopBody(cx, ind + IND, budget, t)}\n${ind}} while (++${w} < ${1 + this.int(3)}${extra});`;
  }

  forStmt(cx, ind, budget) {
    const i = this.fresh('i');
    const t = this.maybeLabel('loop');
    const init = cx.async && this.chance(0.3) ? this.awaitOf(cx, String(this.int(2))) : String(this.int(2));
    const test = cx.async && this.chance(0.3) ? `${i} < ${this.awaitOf(cx, String(2 + this.int(2)))}` : `${i} < ${2 + this.int(2)}`;
    const incr = cx.async && this.chance(0.3) ? `${i} += ${this.awaitOf(cx, '1')}` : `${i}++`;
    const body = this.loopBody({ ...cx, ro: [...cx.ro, i] }, ind + IND, budget, t);
    return `${ind}${this.labelPrefix(t)}for (let ${i} = ${init}; ${test}; ${incr}) {\n${body}\n${ind}}`;
  }

  forOfStmt(cx, ind, budget) {
    const x = this.fresh('x');
    const t = this.maybeLabel('loop');
    const iterable = this.weighted([
      [2, () => `[${this.expr(cx, 1)}, ${this.expr(cx, 1)}, ${this.literal()}]`],
      [cx.arrs.length ? 2 : 0, () => this.pick(cx.arrs)],
      [3, () => `${this.pick([...this.gens, ...(cx.lgens || [])])}(${this.chance(0.5) ? this.int(4) : this.smallInt(cx, 1) + ' + 2'})`],
      [cx.async ? 1 : 0, () => `await Promise.resolve([${this.expr(cx, 1)}, ${this.literal()}])`],
    ]);
    if (this.on('destructure') && this.chance(0.15)) {
      const { pat, src, names } = this.destructure(cx, 1, 'decl');
      const body = this.loopBody({ ...cx, ro: [...cx.ro, ...names], consts: [...cx.consts, ...names] }, ind + IND, budget, t);
      return `${ind}${this.labelPrefix(t)}for (const ${pat} of [${src}${this.chance(0.5) ? '' : `, ${src}`}]) {\n${body}\n${ind}}`;
    }
    if (this.chance(0.15)) {
      const y = this.fresh('y');
      const body = this.loopBody({ ...cx, ro: [...cx.ro, x, y], consts: [...cx.consts, x, y] }, ind + IND, budget, t);
      return `${ind}${this.labelPrefix(t)}for (const [${x}, ${y}] of [[${this.expr(cx, 1)}, 1], [2, ${this.expr(cx, 1)}]]) {\n${body}\n${ind}}`;
    }
    const body = this.loopBody({ ...cx, ro: [...cx.ro, x], consts: [...cx.consts, x] }, ind + IND, budget, t);
    if (cx.async && this.on('iters') && this.chance(0.08)) {
      return `${ind}${this.labelPrefix(t)}for await (const ${x} of new ALI(${this.int(4)})) {\n${body}\n${ind}}`;
    }
    if (cx.async && this.on('asyncgen') && this.chance(0.25)) {
      const ag = `${this.pick(['agen0', 'agen1', 'agen2'])}(${this.chance(0.5) ? this.int(4) : this.smallInt(cx, 1) + ' + 2'})`;
      return `${ind}${this.labelPrefix(t)}for await (const ${x} of ${ag}) {\n${body}\n${ind}}`;
    }
    return `${ind}${this.labelPrefix(t)}for (const ${x} of ${iterable}) {\n${body}\n${ind}}`;
  }

  /** In a generated async generator: `yield v;`, `x = yield v;` or a log of the resumed value. */
  yieldStmt(cx, ind) {
    const v = this.expr(cx, 1);
    return this.weighted([
      [3, () => `${ind}yield ${v};`],
      [cx.vars.length ? 2 : 0, () => `${ind}${this.pick(cx.vars)} = yield ${v};`],
      [1, () => `${ind}console.log('${this.fresh('Y')}', yield ${v});`],
    ]);
  }

  /**
   * Drives a generated async generator: a `for await` (which may break), or its requests one by
   * one (next, next(v), throw inside a try, return(v), next after the end), each result logged.
   */
  driveAgen(cx, ind) {
    const g = this.pick(this.agens);
    const i2 = ind + IND;
    if (this.chance(0.5)) {
      const x = this.fresh('w');
      const brk = this.chance(0.4) ? ` if (${x} === ${this.literal()}) break;` : '';
      return `${ind}for await (const ${x} of ${g}(${this.expr(cx, 1)})) {\n${i2}console.log('${this.fresh('W')}', ${x});${brk}\n${ind}}`;
    }
    const it = this.fresh('it');
    const e = this.fresh('e');
    return [
      `${ind}{`,
      `${i2}const ${it} = ${g}(${this.expr(cx, 1)});`,
      `${i2}console.log('${this.fresh('N')}', await ${it}.next(), await ${it}.next(${this.expr(cx, 1)}));`,
      `${i2}try {`,
      `${i2}${IND}console.log('${this.fresh('N')}', await ${it}.throw(new Error('into ${it}')));`,
      `${i2}} catch (${e}) {`,
      `${i2}${IND}console.log('${this.fresh('N')}', String(${e}));`,
      `${i2}}`,
      `${i2}console.log('${this.fresh('N')}', await ${it}.return(${this.expr(cx, 1)}), await ${it}.next());`,
      `${ind}}`,
    ].join('\n');
  }

  /**
   * A resource for `using` (RS, disposed synchronously) or `await using` (ARS, or RS: await using
   * takes sync disposables too); its disposal logs and, rarely, throws. The flag may be awaited.
   */
  resource(cx, isAwait) {
    const cls = isAwait && this.chance(0.7) ? 'ARS' : 'RS';
    const fail = this.weighted([
      [8, '0'],
      [1, '1'],
      [cx.async ? 2 : 0, () => this.awaitOf(cx, this.chance(0.2) ? '1' : '0')],
    ]);
    return `new ${cls}('${this.fresh('R')}', ${fail})`;
  }

  /** `{ using u = R; ... }` / `{ await using u = R; ... }`: disposed when the block is left, however. */
  usingBlock(cx, ind, budget) {
    const u = this.fresh('u');
    const isAwait = cx.async && this.chance(0.4);
    const first = `${ind}${IND}${isAwait ? 'await using' : 'using'} ${u} = ${this.chance(0.1) ? 'null' : this.resource(cx, isAwait)};`;
    const body = this.block({ ...cx, ro: [...cx.ro, u] }, ind + IND, budget - 1);
    return `${ind}{\n${first}\n${body}\n${ind}}`;
  }

  /**
   * `for (using x of [R, ...])`, `for (await using x of ...)`, `for await (using x of ...)`: each
   * iteration's resource is disposed when the iteration ends (also by break/continue/return/throw).
   * `outer` is the context of the head (the body's may not await).
   */
  forUsingStmt(outer, cx, ind, budget) {
    const x = this.fresh('x');
    const t = this.maybeLabel('loop');
    const isAwait = outer.async && this.chance(0.3);
    const forAwait = outer.async && this.chance(0.25);
    const items = Array.from({ length: 1 + this.int(3) }, () => (this.chance(0.15) ? 'null' : this.resource(outer, isAwait)));
    const body = this.loopBody({ ...cx, ro: [...cx.ro, x] }, ind + IND, budget, t);
    return `${ind}${this.labelPrefix(t)}for ${forAwait ? 'await ' : ''}(${isAwait ? 'await using' : 'using'} ${x} of [${items.join(', ')}]) {\n${body}\n${ind}}`;
  }

  forInStmt(cx, ind, budget) {
    const k = this.fresh('k');
    const t = this.maybeLabel('loop');
    const obj = cx.objs.length && this.chance(0.7) ? this.pick(cx.objs) : `{ a: ${this.expr(cx, 1)}, b: 1 }`;
    const body = this.loopBody({ ...cx, ro: [...cx.ro, k], consts: [...cx.consts, k] }, ind + IND, budget, t);
    return `${ind}${this.labelPrefix(t)}for (const ${k} in ${obj}) {\n${body}\n${ind}}`;
  }

  switchStmt(cx, ind, budget) {
    const t = this.maybeLabel('switch');
    const inner = { ...cx, loops: [...cx.loops, t] };
    const cases = [];
    const n = 1 + this.int(3);
    const used = new Set();
    for (let c = 0; c < n; c++) {
      let v = this.int(4) - 1;
      while (used.has(v)) v += 1;
      used.add(v);
      const label = cx.async && this.chance(0.2) ? this.awaitOf(cx, String(v)) : String(v);
      const body = this.chance(0.2) ? '' : `\n${this.block(inner, ind + IND + IND, budget - 1, false)}`;
      const brk = this.chance(0.6) ? `\n${ind}${IND}${IND}break;` : '';
      cases.push(`${ind}${IND}case ${label}:${body}${brk}`);
    }
    if (this.chance(0.6)) {
      const pos = this.int(cases.length + 1);
      cases.splice(pos, 0, `${ind}${IND}default:\n${this.block(inner, ind + IND + IND, budget - 1, false)}`);
    }
    return `${ind}${this.labelPrefix(t)}switch (${this.smallInt(cx)}) {\n${cases.join('\n')}\n${ind}}`;
  }

  labelledBlock(cx, ind, budget) {
    const t = { label: this.fresh('B'), kind: 'block' };
    return `${ind}${t.label}: {\n${this.loopBody(cx, ind + IND, budget, t)}\n${ind}}`;
  }

  tryStmt(cx, ind, budget) {
    const hasCatch = this.chance(0.75);
    const hasFinally = !hasCatch || this.chance(0.45);
    // A finally may return or jump, which drops a pending `return Promise.reject(...)` of the try or
    // the catch: natively an unhandled rejection (the process dies), so none is generated there.
    const held = hasFinally ? { ...cx, noRejectReturn: true } : cx;
    const body = this.block({ ...held, inTry: true }, ind + IND, budget - 1);
    let s = `${ind}try {\n${body}\n${ind}}`;
    if (hasCatch) {
      if (this.chance(0.15)) {
        s += ` catch {\n${this.block(held, ind + IND, budget - 1)}\n${ind}}`;
      } else {
        const e = this.fresh('e');
        const first = `${ind}${IND}console.log('${this.fresh('C')}', String(${e}));`;
        // The caught value is only ever printed through String(): util.format of an Error prints its
        // stack, which names the emitted file's lines.
        const rest = this.chance(0.6) ? `\n${this.block(held, ind + IND, budget - 1)}` : '';
        const rethrow = this.chance(0.15) ? `\n${ind}${IND}throw ${e};` : '';
        s += ` catch (${e}) {\n${first}${rest}${rethrow}\n${ind}}`;
      }
    }
    if (hasFinally) {
      let tail = '';
      if (this.on('finally-jumps') && this.chance(0.3)) {
        // An await, then a jump or a return that overrides the pending completion.
        const exits = [[2, () => this.returnStmt(cx)], [cx.loops.length ? 3 : 0, () => this.jump(cx)]];
        const wait = cx.async ? `\n${ind}${IND}await Promise.resolve(${this.atom(cx, 2)});` : '';
        tail = `${wait}\n${ind}${IND}if (${this.cond(cx)}) ${this.weighted(exits)}`;
      }
      s += ` finally {\n${ind}${IND}console.log('${this.fresh('F')}');\n${this.block(cx, ind + IND, budget - 1)}${tail}\n${ind}}`;
    }
    return s;
  }

  // --- functions --------------------------------------------------------------------------------

  /**
   * Top-level locals of a function, then its closures (which may capture only these locals), then
   * the body. Returns the lines of the body.
   */
  functionBody(base, ind, budget, { closures, keep }) {
    const cx = { ...base, vars: [...base.vars], ro: [...base.ro], consts: [], early: [], objs: [], arrs: [], fns: [], afns: [], loops: [], depth: 0, awaitLoop: false, keep: null, lgens: [] };
    const constWrites = this.on('const-writes');
    const lines = [];
    const nv = 1 + this.int(3);
    for (let i = 0; i < nv; i++) {
      const v = this.fresh('v');
      lines.push(`${ind}let ${v} = ${this.expr(cx, 1)};`);
      cx.vars.push(v);
    }
    if (constWrites && this.chance(0.5)) {
      // Consts of the function: written (inside a try) by the body and by the closures below.
      const k = this.fresh('k');
      lines.push(`${ind}const ${k} = ${this.expr(cx, 1)};`);
      cx.ro.push(k);
      cx.consts.push(k);
    }
    if (this.chance(0.6)) {
      const o = this.fresh('o');
      lines.push(`${ind}let ${o} = { p: ${this.expr(cx, 2)}, q: ${this.literal()}, r: ${this.literal()}, m(y) { return this.p + y; }, __proto__: AM };`);
      cx.objs.push(o);
    }
    if (this.chance(0.6)) {
      const a = this.fresh('a');
      lines.push(`${ind}const ${a} = [${this.expr(cx, 2)}, ${this.literal()}, ${this.literal()}];`);
      cx.arrs.push(a);
      if (constWrites) cx.consts.push(a);
    }
    if (closures) {
      const nc = this.int(3);
      for (let i = 0; i < nc; i++) {
        if (this.chance(0.5)) {
          const f = this.fresh('c');
          const body = { ...cx, async: false, returns: true, callable: [], afns: [], fns: [...cx.fns], inTry: false, ro: [...cx.ro, 'z'], loops: [], depth: 2, awaitLoop: false };
          if (this.chance(0.5)) lines.push(`${ind}const ${f} = (z) => (${this.expr(body, 1)});`);
          else lines.push(`${ind}const ${f} = (z) => {\n${this.block(body, ind + IND, 2)}\n${ind}${IND}return ${this.expr(body, 1)};\n${ind}};`);
          cx.fns.push(f);
          if (constWrites && this.chance(0.3)) cx.consts.push(f);
        } else if (cx.async) {
          const f = this.fresh('g');
          const body = { ...cx, gen: false, returns: true, afns: [...cx.afns], inTry: false, ro: [...cx.ro, 'z'], loops: [], depth: 2, awaitLoop: false };
          lines.push(`${ind}const ${f} = async (z) => {\n${this.block(body, ind + IND, 3)}\n${ind}${IND}return ${this.expr(body, 1)};\n${ind}};`);
          cx.afns.push(f);
          if (constWrites && this.chance(0.3)) cx.consts.push(f);
        }
      }
    }
    // Early closures: made before a `let`/`const`/`class` declared among the top-level statements
    // further down, and called inside try/catch before the declaration ran and after it.
    let late = null;
    if (closures && this.on('tdz') && this.chance(0.45)) {
      late = { name: this.fresh('lt'), kind: this.pick(['let', 'let', 'const', 'const', 'class']) };
      const n = 1 + this.int(3);
      for (let i = 0; i < n; i++) {
        const c = this.earlyClosure(cx, ind, late);
        lines.push(c.text);
        cx.early.push({ name: c.name, async: c.async });
        if (constWrites && c.isConst && this.chance(0.2)) cx.consts.push(c.name);
      }
      if (this.chance(0.7)) lines.push(this.earlyCall(cx, ind));
    }
    const trailer = [];
    if (this.chance(0.3)) {
      // Hoisted: called anywhere in the body, declared after it.
      const h = this.fresh('h');
      // A function declaration has its own `this` (undefined) and `arguments`.
      const body = { ...cx, async: false, returns: true, callable: [], afns: [], ro: [...cx.ro, 'z'], loops: [], depth: 2, thisProps: [] };
      if (constWrites && cx.consts.length && this.chance(0.3)) {
        trailer.push(`${ind}function ${h}(z) {\n${this.constWrite(body, ind + IND, this.pick(cx.consts))}\n${ind}${IND}return ${this.expr(body, 1)};\n${ind}}`);
      } else {
        trailer.push(`${ind}function ${h}(z) { return ${this.expr(body, 1)}; }`);
      }
      cx.fns.push(h);
    }
    if (this.chance(0.3)) {
      const g = this.fresh('lg');
      trailer.push(`${ind}function* ${g}(n) { for (let i = 0; i < n; i++) yield [${this.readable(cx)}, i]; }`);
      cx.lgens = [g];
    }
    if (keep) {
      lines.push(`${ind}const ${keep} = [];`);
      cx.keep = keep;
    }
    if (late) {
      // The body in two parts around the declaration (both top-level statements of the function).
      lines.push(this.block(cx, ind, Math.max(1, budget - 1)));
      lines.push(this.lateDecl(cx, ind, late));
      if (this.chance(0.8)) lines.push(this.earlyCall(cx, ind));
      lines.push(this.block(cx, ind, Math.max(1, budget - 1)));
    } else {
      lines.push(this.block(cx, ind, budget));
    }
    lines.push(...trailer);
    return { lines, cx };
  }

  helper(index) {
    const name = `f${index}`;
    const arity = 1 + this.int(2);
    const params = Array.from({ length: arity }, (_, i) => `p${i}`);
    // fi may await f0..fi (itself too: `fuel` bounds the recursion).
    const base = { async: true, returns: true, vars: [...params], ro: [], callable: [...this.helpers, { name, arity }], inTry: false, args: this.on('arguments') };
    const { lines, cx } = this.functionBody(base, IND, 2 + this.int(3), { closures: this.chance(0.5) });
    const head = [
      `async function ${name}(${params.map((p, i) => (i > 0 && this.chance(0.3) ? `${p} = ${params[0]} + ${i}` : p)).join(', ')}) {`,
      `${IND}if (--fuel < 0) return 'nofuel';`,
      // Arguments are cut short: recursion through `fuel` could otherwise double a string 40 times.
      ...params.map((p) => `${IND}if (String(${p}).length > 60) ${p} = String(${p}).slice(0, 60);`),
      `${IND}console.log('${name}', ${params.join(', ')});`,
      `${IND}if (((${params[0]} | 0) % ${5 + this.int(5)}) === ${1 + this.int(2)}) throw new Error('${name} threw ' + ${params[0]});`,
    ];
    const tail = [`${IND}return ${this.expr(cx, 1)};`, '}'];
    this.helpers.push({ name, arity });
    return [...head, ...lines, ...tail].join('\n');
  }

  /** Async generator agK: a random body with yields in any statement position (the 'asyncgen' feature). */
  agenHelper(index) {
    const name = `ag${index}`;
    const base = { async: true, gen: true, returns: true, vars: ['p0'], ro: [], callable: this.helpers.slice(), inTry: false, args: this.on('arguments') };
    const { lines, cx } = this.functionBody(base, IND, 2 + this.int(3), { closures: this.chance(0.5) });
    const head = [
      `async function* ${name}(p0) {`,
      `${IND}if (--fuel < 0) return 'nofuel';`,
      `${IND}if (String(p0).length > 60) p0 = String(p0).slice(0, 60);`,
      `${IND}console.log('${name}', p0);`,
    ];
    this.agens.push(name);
    return [...head, ...lines, `${IND}return ${this.expr(cx, 1)};`, '}'].join('\n');
  }

  /**
   * Class Kc: parameter properties, an async instance method and an async static method whose bodies
   * (and async arrows in them) read and write `this.n`/`this.count`. Its methods join the callables of
   * `main` as `kc.am` (one instance for the program), `new Kc(n).am` and `Kc.sm`.
   */
  klass() {
    const method = (head, thisProps) => {
      const base = { async: true, returns: true, vars: ['x'], ro: [], callable: this.helpers.slice(), inTry: false, thisProps, args: this.on('arguments') };
      const { lines, cx } = this.functionBody(base, IND + IND, 1 + this.int(3), { closures: true });
      return [
        `${IND}${head} {`,
        `${IND}${IND}if (--fuel < 0) return 'nofuel';`,
        `${IND}${IND}if (String(x).length > 60) x = String(x).slice(0, 60);`,
        `${IND}${IND}console.log('${head}', x);`,
        ...lines,
        `${IND}${IND}return ${this.expr(cx, 1)};`,
        `${IND}}`,
      ].join('\n');
    };
    const text = [
      'class Kc {',
      `${IND}static count = 0;`,
      // Parameter properties: TypeScript-only syntax (test/fuzz/compile.js transpiles such programs).
      `${IND}constructor(public n, public tag = 'c') {}`,
      method('async am(x)', ['this.n', 'this.tag']),
      method('static async sm(x)', ['this.count']),
      '}',
      'const kc = new Kc(1);',
    ].join('\n');
    this.helpers.push({ name: 'kc.am', arity: 1 }, { name: `new Kc(${this.int(3)}).am`, arity: 1 }, { name: 'Kc.sm', arity: 1 });
    return text;
  }

  main() {
    const base = { async: true, returns: false, vars: [], ro: [], callable: this.helpers.slice(), inTry: false, args: this.on('arguments'), main: true };
    const { lines, cx } = this.functionBody(base, IND, 4 + this.int(4), { closures: true, keep: 'keep' });
    const all = [...cx.vars, ...cx.objs, ...cx.arrs];
    lines.push(`${IND}console.log('kept', keep.map((f) => f()));`);
    return [
      'async function main() {',
      ...lines,
      `${IND}console.log('main done', ${all.join(', ')});`,
      '}',
    ].join('\n');
  }

  program() {
    const parts = [
      '// @ts-nocheck',
      'export {};',
      'let fuel = 40;',
      'class Box { v; constructor(v) { this.v = v; } get() { return this.v; } }',
      'class K { constructor(n) { this.n = n; } async am(x) { this.n += await x; return this.n; } }',
      // Async methods live on prototypes: printing an object must not show them (an async function
      // prints as [AsyncFunction], the compiled one as [Function]).
      'const AM = { async am(y) { return this.q + await y; } };',
      // A getter and a setter that log: reads and writes of GS.g show their order.
      "const GS = { _v: 1, get g() { console.log('get g'); return this._v; }, set g(x) { console.log('set g', typeof x); this._v = typeof x === 'string' ? x.slice(0, 40) : x; } };",
      // Tags: raw strings and values; `this` of a method tag; the identity of a site's strings array.
      "function tg(s, ...v) { return s.raw.join('|') + ':' + v.map(String).join(','); }",
      "const TG = { n: 'TG', t(s, ...v) { return this.n + s.join('_') + v.length; } };",
      "const TS = new Set();",
      // Converts to a string with an effect (the 'convert' feature): as a computed key or a template
      // substitution it shows when the conversion runs.
      "const KS = { n: 0, toString() { console.log('KS', this.n); return 'k' + (this.n++ % 3); } };",
      "function tgs(s, ...v) { TS.add(s); return TS.size + ':' + Object.isFrozen(s) + v.length; }",
      // Resources for `using` (the 'using' feature): classes, so that printing one shows no method.
      "class RS { constructor(n, f) { this.n = n; this.f = f; } [Symbol.dispose]() { console.log('dispose', this.n); if (this.f) throw new Error('dispose ' + this.n); } }",
      "class ARS { constructor(n, f) { this.n = n; this.f = f; } async [Symbol.asyncDispose]() { await null; console.log('adispose', this.n); if (this.f) throw new Error('adispose ' + this.n); } }",
      // Iterators by hand (the 'iters' feature): each read of next/return logs, so a lowered loop or
      // pattern must read them as often as the engine (next once per loop, return once per close);
      // li(3)'s return() gives a non-object (a TypeError at a normal close, ignored after a throw).
      "class LI { constructor(n) { this.n = n; this.i = 0; } [Symbol.iterator]() { return this; } get next() { console.log('LI next?', this.n); return () => (this.i < this.n ? { value: this.i++ * 7, done: false } : { value: undefined, done: true }); } get return() { console.log('LI return?', this.n); return () => (this.n === 3 ? 0 : {}); } }",
      "function li(n) { return new LI(n); }",
      "class ALI { constructor(n) { this.n = n; this.i = 0; } [Symbol.asyncIterator]() { return this; } get next() { console.log('ALI next?', this.n); return async () => (this.i < this.n ? { value: this.i++ * 5, done: false } : { done: true }); } get return() { console.log('ALI return?', this.n); return async () => (this.n === 3 ? 1 : {}); } }",
      'function* gen0(n) {\n  try {\n    for (let i = 0; i < n; i++) { console.log(\'gen0 yield\', i); yield i * 10; }\n  } finally {\n    console.log(\'gen0 closed\');\n  }\n}',
      'function* gen1(n) {\n  yield \'s\';\n  if (n > 2) throw new Error(\'gen1 threw\');\n  yield n;\n}',
      // Async generators (the 'asyncgen' feature): awaits and yields, a finally that awaits, a throw.
      'async function* agen0(n) {\n  try {\n    for (let i = 0; i < n; i++) {\n      console.log(\'agen0 yield\', i);\n      const r = yield await Promise.resolve(i * 10);\n      if (r !== undefined) console.log(\'agen0 got\', typeof r);\n    }\n  } finally {\n    console.log(\'agen0 closed\');\n    await null;\n  }\n}',
      'async function* agen1(n) {\n  yield \'s\';\n  await null;\n  if (n > 2) throw new Error(\'agen1 threw\');\n  yield Promise.resolve(n);\n}',
      'async function* agen2(n) {\n  const r = yield* agen0(n);\n  console.log(\'agen2 delegated\', r);\n  yield* [n, Promise.resolve(\'d\')];\n}',
    ];
    const nh = 1 + this.int(3);
    for (let i = 0; i < nh; i++) parts.push(this.helper(i));
    if (this.on('asyncgen') && this.chance(0.5)) {
      const na = 1 + this.int(2);
      for (let i = 0; i < na; i++) parts.push(this.agenHelper(i));
    }
    if (this.on('classes') && this.chance(0.5)) parts.push(this.klass());
    parts.push(this.main());
    // On one line: run.js takes a last line that is neither `end` nor `uncaught ...` for a program that
    // did not finish (a thrown TG.t`x\n` string has a line break).
    parts.push("main().then(() => console.log('end'), (e) => console.log('uncaught', String(e).split('\\n').join(' ')));");
    return parts.join('\n') + '\n';
  }
}

/**
 * The program for `seed` (deterministic). `avoid` names features to leave out while a bug they hit is
 * being fixed: 'fn-names' (printing `.name` of closures declared in an async function), 'optchain',
 * 'tagged', 'destructure', 'computed' (computed keys in object literals and class expressions),
 * 'spread', 'unary' (delete/typeof/void), 'getset' (GS.g, side-effecting indexes), 'classes' (Kc),
 * 'arguments', 'finally-jumps' (an await then a jump or return at the end of a finally), 'convert'
 * (KS, whose toString logs, as a computed key of an object literal, a class member or an element, and
 * in a template), 'const-writes' (writes to `const` locals, inside try/catch), 'tdz' (early closures
 * over a later `let`/`const`/`class`, called in its dead zone and after). Two narrower ones leave out
 * only the forms of early closures that met dead-zone bugs, making the same random choices otherwise
 * (so that a failing program regenerated without them shows whether they caused the failure):
 * 'tdz-await-value' (`x = v` whose v awaits, in the dead zone: v goes through a temporary) and
 * 'tdz-default-target' (`[x = d] = [v]`, `({ p: x = d } = { p: v })` in the dead zone: v is left out).
 * 'callee-checks' (calls, `new`, tagged templates and for-of whose callee or iterable is not a function,
 * not a constructor, not iterable, split at an await; and their valid counterparts), 'paren-this' (only
 * the valid `(o.m)(await v)` / `(o?.m)(await v)`, whose `this` must be o), 'head-tdz' (closures over a
 * for-of/for-in binding in its own head), 'loop-tdz' (a loop body's `let`/`const`/`class` captured by
 * closures and used before its declaration), 'using' (`using` / `await using` blocks and for-of /
 * for-await heads over resources whose disposal logs and sometimes throws), 'asyncgen' (`for await` over
 * the async generators agen0/agen1/agen2, and a single next()/return() request to one), 'iters'
 * (LI/ALI, iterators whose next and return getters log, in for-of, for-await, patterns and spreads).
 */
function generate(seed, { avoid = [] } = {}) {
  return new Gen(seed >>> 0, new Set(avoid)).program();
}

module.exports = { generate, programSeed, mulberry32, Random };

if (require.main === module) {
  const seed = Number(process.argv[2] ?? 1);
  process.stdout.write(generate(seed));
}
