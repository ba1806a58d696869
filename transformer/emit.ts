// Emit: assembles each lowered async function into its runtime shape and places it in the file.
// Takes a source file; produces the file with every async function replaced by a wrapper that
// returns a new frame, the frame classes at the top of the file, and the protocol import.
//
//   [source]                                  [output]
//   async function greet(person) {            class greet$ {
//     await sleep(1);                           constructor(person) { this.$s = 0; this.$p = undefined; this.person = person; }
//     console.log(`Sup ${person}`);             $step($m, $v) { if ($m) throw $v; $loop: for (;;) switch (this.$s) {
//   }                                             case 0: this.$s = 1; if (($v = $aw(this, sleep(1))) === $S) return $S;
//                                                 case 1: console.log(`Sup ${this.person}`); return; } }
//                                             }
//                                             $def(greet$, "greet");   ($aw, $S, $def: consts bound once to tscoro/protocol)
//                                             function greet(person) { return new greet$(person); }
//
// In a flat class, locals and temporaries whose value must survive a suspension are fields; the
// others are `var`s of `$step` (live.ts decides, from the lowered cases).
//
// An `async function*` is lowered the same way; its frame class is made an AsyncGen (`defg`, or the
// closure-step `Cg`), so the frame is the generator object (runtime/asyncgen.ts).
//
// Two frame shapes: a flat class at the file's top (one per function, shared by every call) when
// the function uses no local of an enclosing function; otherwise a closure-step frame ($rt.Cf)
// whose step function is created where the function is defined (once per definition, not per call;
// async methods that capture outer locals are the exception: once per call).
import * as path from 'path';
import type * as TS from 'typescript';
import { Analysis, droppedCoroutines, isAsyncFunction, typesChecked } from './analyze';
import { Reporter, refuseSloppy, warnDropped } from './diagnostics';
import { NameGen, collectIdentifiers, layoutFrame, parameterNames } from './hoist';
import { localize } from './live';
import { FunctionLowerer } from './lower';
import { StepNames, literalKey } from './spill';

export interface EmitOptions {
  protocolModule: string;
  /**
   * Whether frames carry the source positions of their awaits, for stack lines (`at async f
   * (src/a.ts:8:13)`, Task.printStack): false, or the file named relative to `cwd` (the
   * directory the compiler runs in; absolute when the file is outside it), or absolutely.
   */
  positions: false | 'relative' | 'absolute';
  /** Whether coroutines made and dropped are reported (warning TS95005, analyze.ts droppedCoroutines). */
  warnDropped: boolean;
}

// Names a frame's own fields must not take: the protocol's, and what a frame inherits from
// Coroutine.prototype (an async generator's frame: AsyncGen.prototype) and Object.prototype. A
// local `then` stored as `this.then` would hide the coroutine's `then` (native code could no longer
// await it), `toString` its repr, `next` a generator's method, and `__proto__` would replace the
// frame's prototype; such locals get a field `then$1` and so on.
const FRAME_FIELDS = [
  ...['$s', '$p', '$h', '$this', '$args', '$nt', '$name', '$fn', '$step', '$a', '$y', '$gs', '$at'],
  ...['next', 'throw', 'return'],
  ...['then', 'catch', 'finally', 'toString', 'constructor'],
  ...Object.getOwnPropertyNames(Object.prototype),
];

export function transformSourceFile(
  ts: typeof TS,
  program: TS.Program,
  sf: TS.SourceFile,
  context: TS.TransformationContext,
  reporter: Reporter,
  options: EmitOptions,
): TS.SourceFile {
  if (options.warnDropped) for (const d of droppedCoroutines(ts, program, sf)) warnDropped(reporter, d);
  if (!sf.text.includes('async')) return sf;
  const f = ts.factory;
  const an = new Analysis(ts, program.getTypeChecker(), typesChecked(program, sf));
  const gen = new NameGen(collectIdentifiers(ts, sf));
  // Protocol members the file uses, each bound once to a file-level const (see StepNames.member).
  const members = new Map<string, string>();
  const member = (m: string): string => {
    let name = members.get(m);
    if (name === undefined) members.set(m, (name = gen.fresh(`$${m}`)));
    return name;
  };
  const names: StepNames = { m: gen.fresh('$m'), v: gen.fresh('$v'), e: gen.fresh('$e'), rt: gen.fresh('$tscoro'), loop: gen.fresh('$loop'), member };
  const topClasses: TS.Statement[] = [];
  let changed = false;

  const rt = (m: string): TS.Expression => f.createIdentifier(member(m));
  // The file name this file's stack lines show (runtime Where), bound once to a file-level const.
  let fileConst: [string, string] | undefined;
  const fileRef = (): TS.Expression => f.createIdentifier((fileConst ??= [gen.fresh('$file'), shownFileName(program, sf, options)])[0]);

  const sloppyFile = !isStrictFile(ts, program, sf);
  const lowerAsync = (fn: TS.FunctionLikeDeclaration, parent: FunctionLowerer | null): TS.Node | TS.Node[] => {
    changed = true;
    if (sloppyFile && !isStrictFunction(ts, fn)) refuseSloppy(reporter, fn);
    const fnName = functionName(ts, fn);
    const shownName = qualifiedName(ts, fn, fnName);
    const layout = layoutFrame(ts, an, fn, new Set(FRAME_FIELDS));
    // A body with no await never suspends: its locals stay native `var`/`let` in the step (faster,
    // and closures capture them natively); only the parameters travel in frame fields.
    //   [output]  $step($m, $v) { if ($m) throw $v; var i = this.i; <body as written> }
    // An async generator is always lowered: its frame is the generator object (asyncgen.ts).
    const isGen = fn.asteriskToken !== undefined;
    const awaitFree = !isGen && !an.containsAwait(fn.body!);
    const paramIds = parameterNames(ts, fn);
    for (const n of layout.order) gen.reserve(n);
    const { usesThis, usesArguments, usesNewTarget } = an.usesThisAndArguments(fn);
    const captureThis = usesThis;
    const captureArgs = usesArguments;
    const closureForm = parent !== null ? an.capturesOuterLocals(fn) || parentUsed(fn, parent) : an.capturesOuterLocals(fn);
    const frameVar = gen.fresh('$f');
    // `async function tick() { ... tick() ... }` as an expression: its name is bound only inside it,
    // but the step runs outside it, so the wrapper (which carries the same name) passes itself in.
    //   [output]  function tick(n) { return new tick$(tick, n); }   ... (0, this.$self)(n - 1) ...
    let selfField: string | undefined;
    if (ts.isFunctionExpression(fn) && fn.name) {
      const selfSym = an.checker.getSymbolAtLocation(fn.name);
      if (selfSym !== undefined && referencesSymbol(ts, an, fn.body!, selfSym)) {
        selfField = gen.fresh('$self');
        layout.fields.set(selfSym, selfField);
      }
    }
    const lowerer: FunctionLowerer = new FunctionLowerer(
      ts,
      an,
      reporter,
      names,
      (b) => gen.fresh(b),
      context,
      fn,
      (sym) => {
        const field = awaitFree ? undefined : layout.fields.get(sym);
        if (field !== undefined) return { field, owner: lowerer };
        return parent?.fieldOf(sym);
      },
      frameVar,
      (inner, outer) => lowerAsync(inner, outer),
    );
    // A body that uses `super` or `#private` names must stay lexically inside its class: its step is
    // an arrow made in the wrapper (once per call), which also keeps `this` and `arguments`.
    const arrowStep = usesSuperOrPrivateNames(ts, an, fn);
    if (arrowStep) lowerer.arrowStepFrame = frameVar;
    lowerer.awaitMethod = !arrowStep && !closureForm;
    const lowered = lowerer.lowerBody();
    // A flat class keeps a local in a field only if its value must survive a suspension; the
    // others are `var`s of the step (live.ts). Closure and arrow steps keep every field.
    //   [output]  $step($m, $v) { var x; ... x = this.$r.value; ... }
    let natives = new Set<string>();
    if (!awaitFree && !closureForm && !arrowStep) {
      const paramSyms = new Set(paramIds.map((id) => an.checker.getSymbolAtLocation(id)));
      const locals = new Map<TS.Symbol, string>();
      for (const [sym, name] of layout.fields) if (!paramSyms.has(sym) && name !== selfField) locals.set(sym, name);
      const found = lowerer.nativeFields(locals, lowered.body);
      natives = found.natives;
      lowered.body = localize(ts, context, lowered.body, found);
    }
    const stepBody: TS.Statement[] = [];
    if (lowerer.usesFrameVar && !arrowStep)
      stepBody.push(f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(frameVar, undefined, undefined, f.createThis())], ts.NodeFlags.Const)));
    if (awaitFree) {
      const [guard, ...body] = lowered.body;
      const prologue = paramIds.map((id) =>
        f.createVariableStatement(undefined, [f.createVariableDeclaration(id.text, undefined, undefined, f.createPropertyAccessExpression(f.createThis(), layout.fields.get(an.checker.getSymbolAtLocation(id)!)!))]),
      );
      stepBody.push(guard, ...prologue, ...body);
    } else stepBody.push(...lowered.body);
    const stepParams = [f.createParameterDeclaration(undefined, undefined, names.m), f.createParameterDeclaration(undefined, undefined, names.v)];
    // Where the suspension points are, by resume state (runtime Where), for stack lines.
    //   [output]  $def(middle$, "middle", $file, "1:8:13");   const $w = [$file, "2:5:7"];
    const table = options.positions === false ? '' : lowerer.positionTable(sf);
    let whereRef: TS.Expression | undefined;
    const closureWhere = (): TS.Expression[] => {
      if (table === '') return [];
      if (whereRef === undefined) {
        const w = gen.fresh('$w');
        topClasses.push(f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(w, undefined, undefined, f.createArrayLiteralExpression([fileRef(), f.createStringLiteral(table)]))], ts.NodeFlags.Const)));
        whereRef = f.createIdentifier(w);
      }
      return [whereRef];
    };

    // Values the wrapper hands to the frame: this, arguments, then the parameters' bound names.
    const initial: [string, TS.Expression][] = [];
    if (captureThis && !arrowStep) initial.push(['$this', parent && ts.isArrowFunction(fn) ? parent.rewrite(f.createThis()) : f.createThis()]);
    // An async arrow's `arguments` are its enclosing function's, as its `this` is.
    if (captureArgs && !arrowStep) initial.push(['$args', parent && ts.isArrowFunction(fn) ? parent.argumentsRef() : f.createIdentifier('arguments')]);
    // new.target in an async arrow is its enclosing function's (an async function of its own is
    // never constructed, so there it is undefined and needs nothing).
    if (usesNewTarget && !arrowStep && ts.isArrowFunction(fn)) {
      const nt = f.createMetaProperty(ts.SyntaxKind.NewKeyword, f.createIdentifier('target'));
      initial.push(['$nt', parent ? parent.rewrite(nt) : nt]);
    }
    if (selfField !== undefined) initial.push([selfField, f.createIdentifier((fn.name as TS.Identifier).text)]);
    const paramFields = new Set<string>();
    for (const id of paramIds) {
      const field = layout.fields.get(an.checker.getSymbolAtLocation(id)!)!;
      paramFields.add(field);
      initial.push([field, f.createIdentifier(id.text)]);
    }
    const rest = [...(awaitFree ? [] : layout.order.filter((n) => !paramFields.has(n))), ...lowered.extraFields].filter((n) => !natives.has(n));
    // What a field starts as before the code that writes it runs: undefined, -1 for the handler
    // register, 0 for a number local whose start nobody can see (lowerer.startsAtZero).
    const symOfField = new Map<string, TS.Symbol>();
    for (const [sym, name] of layout.fields) symOfField.set(name, sym);
    const startOf = (field: string): TS.Expression => {
      if (field === '$h') return f.createPrefixMinus(f.createNumericLiteral(1));
      const sym = symOfField.get(field);
      return sym !== undefined && lowerer.startsAtZero(sym) ? f.createNumericLiteral(0) : f.createVoidZero();
    };
    const params = fn.parameters.map((p) => (parent ? parent.rewrite(p) : (ts.visitEachChild(p, visitor, context) as TS.ParameterDeclaration)));

    let wrapperBody: TS.Block;
    let extraStatements: TS.Statement[] = [];
    let expressionPrefix: ((wrapper: TS.Expression) => TS.Expression) | null = null;
    const frameLiteral = (stepRef: TS.Expression, frameName: string): TS.Block => {
      const c = f.createIdentifier(frameName);
      return f.createBlock(
        [
          f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(frameName, undefined, undefined, f.createNewExpression((isGen ? rt('Cg') : rt('Cf')), undefined, [stepRef, f.createStringLiteral(shownName), ...closureWhere()]))], ts.NodeFlags.Const)),
          ...initial.map(([field, e]) => f.createExpressionStatement(f.createAssignment(f.createPropertyAccessExpression(c, field), e))),
          ...rest.map((field) => f.createExpressionStatement(f.createAssignment(f.createPropertyAccessExpression(c, field), startOf(field)))),
          f.createReturnStatement(c),
        ],
        true,
      );
    };
    if (arrowStep) {
      //   [output]  async m() { return super.m() + this.#x; }  ->
      //             m() { const $f = new $tscoro.Cf(($m, $v) => { ... super.m() ... this.#x ... }, "m"); return $f; }
      wrapperBody = frameLiteral(f.createArrowFunction(undefined, undefined, stepParams, undefined, undefined, f.createBlock(stepBody, true)), frameVar);
    } else if (!closureForm) {
      const clsName = gen.fresh(`${fnName}$`);
      const ctorParams = initial.map(([field]) => f.createParameterDeclaration(undefined, undefined, field));
      const ctorBody = [
        assignThis(f, '$s', f.createNumericLiteral(0)),
        assignThis(f, '$p', f.createVoidZero()),
        // A generator's pending yield value and its state (asyncgen.ts), before any local.
        ...(isGen ? [assignThis(f, '$y', f.createVoidZero()), assignThis(f, '$gs', f.createVoidZero())] : []),
        ...initial.map(([field]) => assignThis(f, field, f.createIdentifier(field))),
        ...rest.map((field) => assignThis(f, field, startOf(field))),
      ];
      topClasses.push(
        f.createClassDeclaration(undefined, clsName, undefined, undefined, [
          f.createConstructorDeclaration(undefined, ctorParams, f.createBlock(ctorBody, true)),
          f.createMethodDeclaration(undefined, undefined, '$step', undefined, undefined, stepParams, undefined, f.createBlock(stepBody, true)),
          // A synchronous stack line through `$a` names the function it belongs to.
          ...(lowerer.usedAwaitMethod ? [ts.setSourceMapRange(awaitMethod(), fn)] : []),
        ]),
        f.createExpressionStatement(
          f.createCallExpression(isGen ? rt('defg') : rt('def'), undefined, [f.createIdentifier(clsName), f.createStringLiteral(shownName), ...(table === '' ? [] : [fileRef(), f.createStringLiteral(table)])]),
        ),
      );
      wrapperBody = f.createBlock([f.createReturnStatement(f.createNewExpression(f.createIdentifier(clsName), undefined, initial.map(([, e]) => e)))], true);
    } else {
      const stepName = gen.fresh(`${fnName}$step`);
      const cName = gen.fresh('$c');
      const stepFn = f.createFunctionExpression(undefined, undefined, stepName, undefined, stepParams, undefined, f.createBlock(stepBody, true));
      let stepRef: TS.Expression;
      const inLoweredBlock = ts.isFunctionDeclaration(fn) && parent !== null && fn.name && parent.fieldOf(an.checker.getSymbolAtLocation(fn.name)!) !== undefined;
      if (ts.isFunctionDeclaration(fn) && !inLoweredBlock) {
        extraStatements = [f.createFunctionDeclaration(undefined, undefined, stepName, undefined, stepParams, undefined, f.createBlock(stepBody, true))];
        stepRef = f.createIdentifier(stepName);
      } else if (ts.isMethodDeclaration(fn)) {
        stepRef = stepFn;
      } else {
        const st = gen.fresh('$st');
        stepRef = f.createIdentifier(st);
        // Inside the IIFE the wrapper is no longer an initializer, so the name `const g = async
        // () => {}` gives natively is given through an object literal property.
        const inferred = !(ts.isFunctionExpression(fn) && fn.name) && fnName !== 'anonymous' && !ts.isMethodDeclaration(fn);
        expressionPrefix = (wrapper) =>
          f.createCallExpression(
            f.createParenthesizedExpression(
              f.createArrowFunction(
                undefined,
                undefined,
                [f.createParameterDeclaration(undefined, undefined, st)],
                undefined,
                undefined,
                inferred ? f.createPropertyAccessExpression(f.createParenthesizedExpression(f.createObjectLiteralExpression([f.createPropertyAssignment(literalKey(f, fnName), wrapper)])), fnName) : wrapper,
              ),
            ),
            undefined,
            [stepFn],
          );
      }
      wrapperBody = frameLiteral(stepRef, cName);
    }

    // Defaults and destructuring in the parameter list run when the function is called, but an
    // error there (as natively, where the promise rejects) surfaces only when the coroutine is
    // awaited: the binding runs in an inner arrow, and a throw becomes a coroutine that throws.
    //   [output]  function f(a) { try { return ((a, { b } = d()) => new f$(a, b)).apply(this, arguments); }
    //                             catch ($err) { return $tscoro.fail($err, "f"); } }
    let wrapperParams = params;
    // Plain names (rest included) cannot throw while binding.
    const simple = fn.parameters.every((p) => ts.isIdentifier(p.name) && !p.initializer);
    if (!simple) {
      const err = gen.fresh('$err');
      const innerParams = params.filter((p) => !(ts.isIdentifier(p.name) && p.name.text === 'this'));
      const inner = f.createParenthesizedExpression(f.createArrowFunction(undefined, undefined, innerParams, undefined, undefined, wrapperBody));
      let call: TS.Expression;
      if (ts.isArrowFunction(fn)) {
        const rest = gen.fresh('$args');
        wrapperParams = [f.createParameterDeclaration(undefined, f.createToken(ts.SyntaxKind.DotDotDotToken), rest)];
        call = f.createCallExpression(inner, undefined, [f.createSpreadElement(f.createIdentifier(rest))]);
      } else {
        // Keep `length`: the leading parameters that have no default, pattern or rest.
        const lead: TS.ParameterDeclaration[] = [];
        for (const p of fn.parameters) {
          if (p.initializer || p.dotDotDotToken) break;
          if (ts.isIdentifier(p.name) && p.name.text === 'this') continue;
          lead.push(f.createParameterDeclaration(undefined, undefined, ts.isIdentifier(p.name) ? p.name.text : gen.fresh('$p')));
        }
        wrapperParams = lead;
        call = f.createCallExpression(f.createPropertyAccessExpression(inner, 'apply'), undefined, [f.createThis(), f.createIdentifier('arguments')]);
      }
      // An async generator binds its parameters when called, and an error there throws at the call.
      wrapperBody = isGen ? f.createBlock([f.createReturnStatement(call)], true) : f.createBlock(
        [
          f.createTryStatement(
            f.createBlock([f.createReturnStatement(call)], true),
            f.createCatchClause(err, f.createBlock([f.createReturnStatement(f.createCallExpression(rt('fail'), undefined, [f.createIdentifier(err), f.createStringLiteral(shownName)]))], true)),
            undefined,
          ),
        ],
        true,
      );
    }
    const mods = fn.modifiers?.filter((m) => m.kind !== ts.SyntaxKind.AsyncKeyword) as TS.ModifierLike[] | undefined;
    let wrapper: TS.Node;
    if (ts.isFunctionDeclaration(fn)) {
      const inLowered = parent !== null && fn.name && parent.fieldOf(an.checker.getSymbolAtLocation(fn.name)!) !== undefined;
      if (inLowered) {
        const expr = f.createFunctionExpression(undefined, undefined, fn.name, fn.typeParameters, wrapperParams, fn.type, wrapperBody);
        return expressionPrefix ? expressionPrefix(expr) : expr;
      }
      wrapper = f.createFunctionDeclaration(mods, undefined, fn.name, fn.typeParameters, wrapperParams, fn.type, wrapperBody);
    } else if (ts.isFunctionExpression(fn)) {
      wrapper = f.createFunctionExpression(mods as TS.Modifier[] | undefined, undefined, fn.name, fn.typeParameters, wrapperParams, fn.type, wrapperBody);
    } else if (ts.isArrowFunction(fn)) {
      wrapper = f.createArrowFunction(mods as TS.Modifier[] | undefined, fn.typeParameters, wrapperParams, fn.type, fn.equalsGreaterThanToken, wrapperBody);
    } else {
      const m = fn as TS.MethodDeclaration;
      // A computed name is evaluated by the code around the method (its `this` and `arguments`).
      const name = parent && ts.isComputedPropertyName(m.name) ? parent.rewriteMemberKey(m.name) : (ts.visitNode(m.name, visitor) as TS.PropertyName);
      wrapper = f.createMethodDeclaration(mods, undefined, name, m.questionToken, m.typeParameters, wrapperParams, m.type, wrapperBody);
    }
    ts.setOriginalNode(wrapper, fn);
    ts.setTextRange(wrapper, fn);
    if (expressionPrefix) return expressionPrefix(wrapper as TS.Expression);
    return extraStatements.length > 0 ? [wrapper, ...extraStatements] : wrapper;
  };

  /**
   * A frame class's own copy of the await protocol's first case (awaitValue in the runtime). V8
   * keeps call feedback per function, not per inlined copy: in the shared awaitValue the
   * `x.$step(...)` call sees every frame class in the program and goes megamorphic (no inlining,
   * and the callee's frame is always allocated); here it sees only what this class awaits.
   * Measured on 1,000,000 awaits of a trivial coroutine: 50 ns each through awaitValue once other
   * classes have used it, 8-13 ns through `$a`.
   * The coroutine test is the brand read through optional chaining, `x?.[$B] === true` (two strict
   * null checks in V8's code), not `instanceof`: V8's escape analysis gives up on instanceof, typeof
   * and `!= null`, so the frame of a callee that returns without suspending would be allocated on
   * every call (measured: 10 ns per await with instanceof, 3 ns with the brand, whose frame V8
   * removes). Not `x !== null && x !== void 0 && ...`: minifiers (esbuild) rewrite that into
   * `x != null`, which took W1 from 2.4 to 4.0 ms; they keep `?.` (for targets below ES2020
   * TypeScript lowers it to the strict checks).
   * The room (how many more inline awaits may nest natively) is read once into `r`, a scratch
   * parameter, and restored from it by `$rv` rather than decremented and incremented: the two
   * read-modify-writes of one field put two store-to-load forwardings on the critical path of a
   * loop of awaits (W1: 3.5 -> 3.0 ms, see coroutine.ts inlineResult).
   *   [output]  $a(x, r) { return x?.[$B] === true && x.$p === void 0 && (r = $d.room) > 0
   *                          ? (x.$p = this, $d.room = r - 1, $rv(this, x.$step(0, void 0), r)) : $aw(this, x); }
   */
  function awaitMethod(): TS.MethodDeclaration {
    const x = () => f.createIdentifier('x');
    const r = () => f.createIdentifier('r');
    const xp = () => f.createPropertyAccessExpression(x(), '$p');
    const room = () => f.createPropertyAccessExpression(rt('d'), 'room');
    const conj = (...es: TS.Expression[]): TS.Expression => es.reduce((a, b) => f.createLogicalAnd(a, b));
    const test = conj(
      f.createStrictEquality(f.createElementAccessChain(x(), f.createToken(ts.SyntaxKind.QuestionDotToken), rt('B')), f.createTrue()),
      f.createStrictEquality(xp(), f.createVoidZero()),
      f.createGreaterThan(f.createParenthesizedExpression(f.createAssignment(r(), room())), f.createNumericLiteral(0)),
    );
    const inline = f.createCommaListExpression([
      f.createAssignment(xp(), f.createThis()),
      f.createAssignment(room(), f.createSubtract(r(), f.createNumericLiteral(1))),
      f.createCallExpression(rt('rv'), undefined, [
        f.createThis(),
        f.createCallExpression(f.createPropertyAccessExpression(x(), '$step'), undefined, [f.createNumericLiteral(0), f.createVoidZero()]),
        r(),
      ]),
    ]);
    const body = f.createConditionalExpression(test, undefined, f.createParenthesizedExpression(inline), undefined, f.createCallExpression(rt('aw'), undefined, [f.createThis(), x()]));
    return f.createMethodDeclaration(undefined, undefined, '$a', undefined, undefined, [f.createParameterDeclaration(undefined, undefined, 'x'), f.createParameterDeclaration(undefined, undefined, 'r')], undefined, f.createBlock([f.createReturnStatement(body)], true));
  }

  const visitor = (n: TS.Node): TS.VisitResult<TS.Node> => {
    if (isAsyncFunction(ts, n)) return lowerAsync(n, null);
    return ts.visitEachChild(n, visitor, context);
  };

  // Statement lists must splice [wrapper, step] pairs; visitEachChild does so for arrays.
  const out = ts.visitEachChild(sf, visitor, context);
  if (!changed) return sf;
  return f.updateSourceFile(out, insertTop(ts, program, sf, out.statements, names.rt, members, options.protocolModule, topClasses, fileConst));

  function parentUsed(fn: TS.FunctionLikeDeclaration, parent: FunctionLowerer): boolean {
    // A function nested in a lowered async function uses its frame when it names one of its locals.
    let used = false;
    const visit = (n: TS.Node): void => {
      if (used) return;
      if (ts.isIdentifier(n)) {
        const sym = an.symbolOf(n);
        if (sym && parent.fieldOf(sym)) used = true;
      }
      ts.forEachChild(n, visit);
    };
    visit(fn);
    return used;
  }
}

function referencesSymbol(ts: typeof TS, an: Analysis, root: TS.Node, sym: TS.Symbol): boolean {
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found) return;
    if (ts.isIdentifier(n) && an.symbolOf(n) === sym) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(root);
  return found;
}

/** Does the body use `super` or a `#private` name (which only work lexically inside the class)? */
function usesSuperOrPrivateNames(ts: typeof TS, an: Analysis, fn: TS.FunctionLikeDeclaration): boolean {
  let found = false;
  const visit = (n: TS.Node): void => {
    if (found) return;
    if (ts.isPrivateIdentifier(n)) found = true;
    else ts.forEachChild(n, visit);
  };
  // `super` in nested non-arrow functions and classes is theirs; private names are lexical anywhere.
  an.forEachOwnNode(fn.body!, (n) => {
    if (n.kind === ts.SyntaxKind.SuperKeyword) found = true;
  }, true);
  if (!found) visit(fn.body!);
  return found;
}

function assignThis(f: TS.NodeFactory, field: string, value: TS.Expression): TS.Statement {
  return f.createExpressionStatement(f.createAssignment(f.createPropertyAccessExpression(f.createThis(), field), value));
}

function functionName(ts: typeof TS, fn: TS.FunctionLikeDeclaration): string {
  if (fn.name && (ts.isIdentifier(fn.name) || ts.isPrivateIdentifier(fn.name))) return fn.name.text.replace('#', '');
  if (fn.name && ts.isStringLiteral(fn.name)) return sanitize(fn.name.text);
  const p = fn.parent;
  if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (p && ts.isPropertyAssignment(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (p && ts.isPropertyDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (p && ts.isBinaryExpression(p) && ts.isIdentifier(p.left)) return p.left.text;
  return 'anonymous';
}

/**
 * Whether the file's code is strict: an ES module, or `alwaysStrict` on (TypeScript 6's default:
 * setting it off is deprecated), or a "use strict" prologue.
 */
function isStrictFile(ts: typeof TS, program: TS.Program, sf: TS.SourceFile): boolean {
  return ts.isExternalModule(sf) || program.getCompilerOptions().alwaysStrict !== false || hasUseStrict(ts, sf.statements);
}

/** Whether `fn` is strict code in a sloppy file: in a class body, or under a "use strict" prologue. */
function isStrictFunction(ts: typeof TS, fn: TS.Node): boolean {
  for (let n: TS.Node | undefined = fn; n !== undefined; n = n.parent) {
    if (ts.isClassLike(n)) return true;
    const body = ts.isFunctionLike(n) ? (n as TS.FunctionLikeDeclaration).body : undefined;
    if (body !== undefined && ts.isBlock(body) && hasUseStrict(ts, body.statements)) return true;
  }
  return false;
}

function hasUseStrict(ts: typeof TS, statements: readonly TS.Statement[]): boolean {
  for (const st of statements) {
    if (!ts.isExpressionStatement(st) || !ts.isStringLiteral(st.expression)) return false;
    if (st.expression.getText().slice(1, -1) === 'use strict') return true;
  }
  return false;
}

/**
 * The name the runtime shows for a coroutine (its repr, warnings, `at async` stack lines): a class
 * member is `Class.m`, as Python's __qualname__ and V8's stack frames name it; anything else is
 * its function name.
 *   [source]  class Svc { async load() {} static async #make() {} }
 *   [output]  $def(load$, "Svc.load") ... "Svc.#make"
 */
function qualifiedName(ts: typeof TS, fn: TS.FunctionLikeDeclaration, fnName: string): string {
  const cls = fn.parent;
  if (!cls || !ts.isClassLike(cls) || !cls.name || !(ts.isMethodDeclaration(fn) || ts.isAccessor(fn))) return fnName;
  const n = fn.name;
  const member = ts.isIdentifier(n) || ts.isPrivateIdentifier(n) || ts.isStringLiteral(n) || ts.isNumericLiteral(n) ? n.text : fnName;
  return `${cls.name.text}.${member}`;
}

/**
 * The file name stack lines show for `sf` (EmitOptions.positions): relative to the directory the
 * compiler runs in, with `/` separators, as a project's own paths read; absolute for a file
 * outside it, or when asked for.
 *   [output]  const $file = "src/shop.ts";
 */
function shownFileName(program: TS.Program, sf: TS.SourceFile, options: EmitOptions): string {
  const file = sf.fileName;
  if (options.positions !== 'relative') return file;
  const rel = path.relative(program.getCurrentDirectory(), file).split(path.sep).join('/');
  return rel === '' || rel.startsWith('../') || rel === '..' || path.isAbsolute(rel) ? file : rel;
}

function sanitize(s: string): string {
  const t = s.replace(/[^A-Za-z0-9_$]/g, '_');
  return /^[0-9]/.test(t) ? `_${t}` : t || 'anonymous';
}

/**
 * Adds the protocol import (ESM or CommonJS, as the file is emitted), one const binding per protocol
 * member used, and the frame classes.
 *   [output]  const $tscoro = require("tscoro/protocol");   (ESM: import * as $tscoro from "tscoro/protocol";)
 *             const $aw = $tscoro.aw, $S = $tscoro.S, $def = $tscoro.def;
 */
function insertTop(
  ts: typeof TS,
  program: TS.Program,
  sf: TS.SourceFile,
  statements: readonly TS.Statement[],
  rtName: string,
  members: ReadonlyMap<string, string>,
  moduleName: string,
  classes: TS.Statement[],
  fileConst: [string, string] | undefined,
): TS.Statement[] {
  const f = ts.factory;
  const format = (program as any).getEmitModuleFormatOfFile?.(sf) ?? program.getCompilerOptions().module;
  const isCjs = format === ts.ModuleKind.CommonJS || format === undefined || format === ts.ModuleKind.None;
  const imp: TS.Statement = isCjs
    ? f.createVariableStatement(
        undefined,
        f.createVariableDeclarationList(
          [f.createVariableDeclaration(rtName, undefined, undefined, f.createCallExpression(f.createIdentifier('require'), undefined, [f.createStringLiteral(moduleName)]))],
          ts.NodeFlags.Const,
        ),
      )
    : f.createImportDeclaration(undefined, f.createImportClause(false, undefined, f.createNamespaceImport(f.createIdentifier(rtName))), f.createStringLiteral(moduleName));
  let i = 0;
  while (i < statements.length && ts.isExpressionStatement(statements[i]) && ts.isStringLiteral((statements[i] as TS.ExpressionStatement).expression)) i++;
  while (i < statements.length && (ts.isImportDeclaration(statements[i]) || ts.isImportEqualsDeclaration(statements[i]))) i++;
  const bindings = [...members].map(([m, name]) =>
    f.createVariableDeclaration(name, undefined, undefined, f.createPropertyAccessExpression(f.createIdentifier(rtName), m)),
  );
  if (fileConst !== undefined) bindings.push(f.createVariableDeclaration(fileConst[0], undefined, undefined, f.createStringLiteral(fileConst[1])));
  const consts = f.createVariableStatement(undefined, f.createVariableDeclarationList(bindings, ts.NodeFlags.Const));
  return [...statements.slice(0, i), imp, ...(bindings.length > 0 ? [consts] : []), ...classes, ...statements.slice(i)];
}
