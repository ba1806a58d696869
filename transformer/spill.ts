// Spill: expressions that contain `await`. Takes an original expression; emits, into the current
// case of the machine, the statements that evaluate it in JavaScript's order, with every await as a
// suspension point; produces the expression that yields its value afterwards.
// Values computed before a later sibling's await are kept in frame temporaries ($t0, $t1, ...), the
// only storage that survives a suspension; siblings after the last await are not spilled. (A temp
// that no suspension separates from its reads, as in `a && await b`'s result, ends up a `var` of the
// step: live.ts.)
//
//   source                          output (inside a case)
//   x = f(a, await b)               this.$t0 = f; this.$t1 = this.a;
//                                   this.$s = 1; if (($v = aw(this, this.b)) === S) return S;
//                                 case 1:
//                                   this.x = (0, this.$t0)(this.$t1, $v);
//   o.m(await x)                    this.$t0 = this.o; this.$t1 = this.$t0.m;  <await>  this.$t1.call(this.$t0, $v)
//   x += await y                    this.$t0 = this.x;  <await>  this.x = this.$t0 + $v
//   a && await b                    this.$t0 = this.a; if (!this.$t0) goto L; <await>; this.$t0 = $v; L:
import type * as TS from 'typescript';
import { Analysis } from './analyze';
import { assignedName, isAnonymousDefinition, isWrapper, messageText, skipWrappers } from './messages';
import { refuse, Reporter } from './diagnostics';

export interface Block {
  label: number;
  stmts: TS.Statement[];
}

/** Generated names the step function uses (unique in the file). */
export interface StepNames {
  m: string; // resume mode parameter
  v: string; // resume value parameter / last await's value
  e: string; // caught exception in the dispatcher
  rt: string; // the protocol module binding
  /**
   * The file-level const that holds protocol member `m` (`const $aw = $tscoro.aw, ...`), created on
   * first use. A load from the module object on every await costs more than the rest of a
   * synchronous await (V8 cannot treat an exports property as constant), a const binding nothing.
   */
  member(m: string): string;
  loop: string; // label of the dispatch loop
}

/** Whether `e` can stand as a JSX tag: `Name`, `this`, or a property chain of them (`this.$t0`). */
function isTagName(ts: typeof TS, e: TS.Expression): boolean {
  if (ts.isIdentifier(e) || e.kind === ts.SyntaxKind.ThisKeyword) return true;
  return ts.isPropertyAccessExpression(e) && !e.questionDotToken && ts.isIdentifier(e.name) && isTagName(ts, e.expression);
}

export abstract class ExpressionLowerer {
  readonly f: TS.NodeFactory;
  readonly blocks: Block[] = [];
  protected cur: TS.Statement[] = [];
  private labelCount = 0;
  /**
   * Placeholder literals standing for labels; assemble() writes their state numbers in place.
   * Invariant: each is a fresh literal made by labelRef, and nothing reads its text before then.
   */
  readonly labelRefs = new Map<TS.NumericLiteral, number>();
  /**
   * The resume-state literal of each suspension point (`this.$s = K` before it suspends), with the
   * source node it stands for (an await, a `for await` head, ...). Invariant: jump threading never
   * redirects these literals, so each suspension resumes at a state of its own and the frame's
   * position table (positionTable) can say, from `$s` alone, where a suspended frame waits.
   */
  readonly suspensions = new Map<TS.NumericLiteral, TS.Node>();
  private readonly tempPool: string[] = [];
  private readonly tempsInUse: string[] = [];
  readonly allTemps: string[] = [];

  constructor(
    readonly ts: typeof TS,
    readonly an: Analysis,
    readonly reporter: Reporter,
    readonly names: StepNames,
    readonly freshName: (base: string) => string,
  ) {
    this.f = ts.factory;
    this.blocks.push({ label: this.newLabel(), stmts: this.cur });
  }

  // ---- builder --------------------------------------------------------------------------------

  newLabel(): number {
    return this.labelCount++;
  }
  /** Starts the case for `label`; the previous case falls through into it. */
  mark(label: number): void {
    this.cur = [];
    this.blocks.push({ label, stmts: this.cur });
  }
  emit(s: TS.Statement): void {
    this.cur.push(s);
  }
  labelRef(label: number): TS.Expression {
    const lit = this.f.createNumericLiteral(label);
    this.labelRefs.set(lit, label);
    return lit;
  }
  /** A numeric literal; negative numbers need a prefix minus in the factory. */
  num(n: number): TS.Expression {
    return n < 0 ? this.f.createPrefixMinus(this.f.createNumericLiteral(-n)) : this.f.createNumericLiteral(n);
  }
  /**
   * The frame inside the step: `this`, or, for an arrow step (see emit.ts), the wrapper's local
   * that holds the frame, so `this`, `super` and `#private` keep the user's meaning.
   */
  self(): TS.Expression {
    return this.arrowStepFrame !== undefined ? this.f.createIdentifier(this.arrowStepFrame) : this.f.createThis();
  }
  /** Set for an arrow-step function: the name of the frame variable. */
  arrowStepFrame: string | undefined = undefined;
  /** Set for a flat frame class: awaits call the class's own `$a` method (see emit.ts). */
  awaitMethod = false;
  /** Set once an await used `$a`, so the class gets the method. */
  usedAwaitMethod = false;
  field(name: string): TS.Expression {
    return this.f.createPropertyAccessExpression(this.self(), name);
  }
  assign(target: TS.Expression, value: TS.Expression): TS.Statement {
    return this.f.createExpressionStatement(this.f.createAssignment(target, value));
  }
  /** `this.$s = L; continue $loop;` as statements. */
  gotoStmts(label: number): TS.Statement[] {
    return [this.assign(this.field('$s'), this.labelRef(label)), this.f.createContinueStatement(this.names.loop)];
  }
  jump(label: number): void {
    for (const s of this.gotoStmts(label)) this.emit(s);
  }
  /** `if (cond) goto label` */
  jumpIf(cond: TS.Expression, label: number): void {
    this.emit(this.f.createIfStatement(cond, this.f.createBlock(this.gotoStmts(label))));
  }
  rt(member: string): TS.Expression {
    return this.f.createIdentifier(this.names.member(member));
  }

  /**
   * Suspension point for `await value`:
   *   this.$s = K; if (($v = this.$a(value)) === $S) return $S;       (flat frame class)
   *   this.$s = K; if (($v = $aw(this, value)) === $S) return $S;     (closure and arrow steps)
   * case K:
   * Returns `$v`, valid until the next suspension.
   */
  suspend(value: TS.Expression, at: TS.Node): TS.Expression {
    const f = this.f;
    const k = this.newLabel();
    const resume = this.labelRef(k) as TS.NumericLiteral;
    this.suspensions.set(resume, at);
    this.emit(this.assign(this.field('$s'), resume));
    const v = f.createIdentifier(this.names.v);
    if (this.awaitMethod) this.usedAwaitMethod = true;
    const call = this.awaitMethod
      ? f.createCallExpression(f.createPropertyAccessExpression(f.createThis(), '$a'), undefined, [value])
      : f.createCallExpression(this.rt('aw'), undefined, [this.self(), value]);
    // A synchronous stack through this step (an inline await whose callee threw) names the await's
    // line: the call gets the await's source-map range (not its text range, which would make the
    // printer emit the await's comments a second time).
    if (at.pos >= 0) this.ts.setSourceMapRange(call, at);
    this.emit(
      f.createIfStatement(
        f.createStrictEquality(f.createParenthesizedExpression(f.createAssignment(v, call)), this.rt('S')),
        f.createReturnStatement(this.rt('S')),
      ),
    );
    this.mark(k);
    return f.createIdentifier(this.names.v);
  }

  /**
   * Where each suspension point is in the source, for the runtime's stack lines (runtime `Where`):
   * `state:line:column` (1-based, the suspension's first token), comma-separated. Valid once the
   * machine is assembled (the resume literals hold their state numbers).
   *   [source]  const y = await inner(x);          (line 8, column 13)
   *   [output]  "1:8:13"
   */
  positionTable(sf: TS.SourceFile): string {
    const out: string[] = [];
    for (const [lit, at] of this.suspensions) {
      if (at.pos < 0 || !/^[0-9]+$/.test(lit.text)) continue;
      const { line, character } = sf.getLineAndCharacterOfPosition(at.getStart(sf));
      out.push(`${lit.text}:${line + 1}:${character + 1}`);
    }
    return out.join(',');
  }

  // ---- temporaries ----------------------------------------------------------------------------

  /** A frame field for a value that must survive a suspension; released at the statement's end. */
  temp(): string {
    const name = this.tempPool.pop() ?? this.newTempName();
    this.tempsInUse.push(name);
    return name;
  }
  private newTempName(): string {
    const n = this.freshName(`$t${this.allTemps.length}`);
    this.allTemps.push(n);
    return n;
  }
  releaseTemps(): void {
    // Released temps are reused by later statements; clearing them is not needed for correctness
    // (the next writer overwrites) but releases what they reference for the GC.
    while (this.tempsInUse.length > 0) {
      const t = this.tempsInUse.pop()!;
      this.emit(this.assign(this.field(t), this.f.createVoidZero()));
      this.tempPool.push(t);
    }
  }
  /** Stores `e` in a new temp and returns the temp's read expression. */
  save(e: TS.Expression): TS.Expression {
    if (isStable(this.ts, e)) return e;
    const t = this.temp();
    this.emit(this.assign(this.field(t), e));
    return this.field(t);
  }

  /**
   * `value`, the lowered `init`, keeping the name an anonymous function or class takes natively
   * from where it is written (NamedEvaluation: `c = () => {}` names it "c", so does a property
   * key), where the lowering moves it to `this.c` or a temp, which would not: it goes through an
   * object literal property with the same key. `key`: an identifier or literal key, or the
   * `this.$tN` temp holding a computed key.
   *   [source]  c = () => {};                   { [k()]: () => {}, a: await v }
   *   [output]  this.c = { c: () => {} }.c;     this.$t0 = $pk(k()); this.$t1 = { [this.$t0]: () => {} }[this.$t0];
   */
  named(key: TS.Expression | TS.PropertyName, init: TS.Expression, value: TS.Expression): TS.Expression {
    const ts = this.ts;
    const f = this.f;
    if (!isAnonymousDefinition(ts, skipWrappers(ts, init)) || ts.isIdentifier(value)) return value;
    if (ts.isIdentifier(key)) return f.createPropertyAccessExpression(f.createObjectLiteralExpression([f.createPropertyAssignment(literalKey(f, key.text), value)]), key.text);
    let make: () => TS.Expression;
    if (ts.isStringLiteral(key) || ts.isNoSubstitutionTemplateLiteral(key)) make = () => f.createStringLiteral(key.text);
    else if (ts.isNumericLiteral(key)) make = () => f.createNumericLiteral(key.text);
    else if (ts.isPropertyAccessExpression(key) && ts.isIdentifier(key.name) && key.name.text.startsWith('$t')) make = () => this.field(key.name.text);
    else return value;
    return f.createElementAccessExpression(f.createObjectLiteralExpression([f.createPropertyAssignment(f.createComputedPropertyName(make()), value)]), make());
  }

  /**
   * What an assignment of `right` (lowered: `value`) to `left` stores, now that it writes `target`:
   * named after the local, as natively, where the lowering moved the local to a field or box.
   *   [source]  g = () => {};       [output]  this.g = { g: () => {} }.g;
   */
  assignedValue(left: TS.Expression, target: TS.Expression, right: TS.Expression, value: TS.Expression): TS.Expression {
    const name = assignedName(this.ts, left);
    return name !== undefined && !this.ts.isIdentifier(skipWrappers(this.ts, target)) ? this.named(name, right, value) : value;
  }

  // ---- hooks the statement lowerer provides --------------------------------------------------

  /** Rewrites await-free code (locals -> fields, this/arguments, jumps, nested functions). */
  abstract rewrite<T extends TS.Node>(node: T): T;

  /**
   * True when `e` reads a local that nothing can change while `later` runs (so its read may be
   * deferred past their awaits instead of spilled): a local of this function that no closure
   * captures and that `later` does not mention.
   */
  abstract unchangedAcross(e: TS.Expression, later: readonly TS.Node[]): boolean;

  /** A class's members rewritten as the class's own code (their `this` is not the frame's). */
  abstract rewriteMembers(e: TS.ClassLikeDeclaration): TS.ClassElement[];

  /** The compiler's `jsx` setting (TS.JsxEmit), which decides when a JSX `key` is evaluated. */
  abstract jsxEmit(): TS.JsxEmit | undefined;

  /**
   * An object literal built by `build`, inside a closure that receives the current iteration's
   * boxes when its methods or accessors use per-iteration bindings (`build()` itself otherwise).
   */
  abstract bindLiteralBoxes(e: TS.ObjectLiteralExpression, build: () => TS.Expression): TS.Expression;
  /** `x = value` through the dead-zone check when x may still be in it (lower.ts), else undefined. */
  abstract checkedLocalAssign(e: TS.BinaryExpression, value: TS.Expression): TS.Expression | undefined;
  /** A class whose members use per-iteration boxes: built where they are parameters (lower.ts). */
  abstract bindClassBoxes(e: TS.ClassLikeDeclaration, build: () => TS.ClassExpression): TS.Expression;

  /**
   * The local that the update or compound assignment `n` reads first, when that read may be in the
   * local's dead zone (the read must then check it), or undefined.
   */
  abstract readFirstTarget(n: TS.Node): TS.Identifier | undefined;

  /** `$tdz(value, name)`: `value`, or the ReferenceError of a read in `name`'s dead zone. */
  deadZoneRead(value: TS.Expression, name: string): TS.Expression {
    return this.f.createCallExpression(this.rt('tdz'), undefined, [value, this.f.createStringLiteral(name)]);
  }

  /** `target` as read first by `n`: through `$tdz` when readFirstTarget says the read may be early. */
  private firstRead(n: TS.BinaryExpression, target: TS.Expression): TS.Expression {
    const early = this.readFirstTarget(n);
    return early === undefined ? target : this.deadZoneRead(target, early.text);
  }

  /** Destructures `value` into a pattern that awaits (statement lowering implements it). */
  abstract destructure(pattern: TS.BindingName | TS.Expression, value: TS.Expression, iterText?: string, objectText?: string): void;
  /** `value ?? <V8's TypeError for destructuring it with object pattern `pattern`>` (lower.ts). */
  abstract nonNullish(pattern: TS.Node, value: TS.Expression, text: string): TS.Expression;

  /** A `yield` of an async generator (statement lowering implements it); returns the resumed value. */
  abstract explodeYield(e: TS.YieldExpression): TS.Expression;

  // ---- expressions ----------------------------------------------------------------------------

  /** Lowers `e`; returns an expression for its value, valid until the next suspension. */
  explode(e: TS.Expression): TS.Expression {
    const ts = this.ts;
    const f = this.f;
    if (!this.an.containsAwait(e)) return this.rewrite(e);
    if (ts.isAwaitExpression(e)) return this.suspend(this.explode(e.expression), e);
    if (ts.isYieldExpression(e)) return this.explodeYield(e);
    if (ts.isParenthesizedExpression(e)) return this.explode(e.expression);
    if (ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isTypeAssertionExpression(e) || ts.isSatisfiesExpression(e))
      return this.explode(e.expression);
    if (ts.isBinaryExpression(e)) return this.explodeBinary(e);
    if (ts.isConditionalExpression(e)) {
      const t = this.temp();
      const elseL = this.newLabel();
      const end = this.newLabel();
      const cond = this.explode(e.condition);
      this.jumpIf(f.createLogicalNot(paren(f, cond)), elseL);
      this.emit(this.assign(this.field(t), this.explode(e.whenTrue)));
      this.jump(end);
      this.mark(elseL);
      this.emit(this.assign(this.field(t), this.explode(e.whenFalse)));
      this.mark(end);
      return this.field(t);
    }
    if (ts.isCallExpression(e)) return this.explodeCall(e);
    if (ts.isNewExpression(e)) {
      // `new X(await a)`: X is kept in a temp, so the engine's message would name the temp; the
      // lowered `new` checks it instead (protocol ctor), after the arguments, as the engine does.
      //   [source]  new X(await a, g())
      //   [output]  this.$t0 = this.X; <await a> new ($ctor(this.$t0, "X"))($v, g())
      const vals = this.explodeList([e.expression, ...(e.arguments ?? [])]);
      if (this.namesItself(e.expression, vals[0])) return f.createNewExpression(vals[0], undefined, vals.slice(1));
      return f.createNewExpression(paren(f, this.checked('ctor', vals[0], e.expression)), undefined, vals.slice(1));
    }
    if (ts.isPropertyAccessExpression(e)) {
      if (ts.isOptionalChain(e)) return this.explodeOptionalChain(e);
      return f.createPropertyAccessExpression(this.explode(e.expression), this.rewrite(e.name));
    }
    if (ts.isElementAccessExpression(e)) {
      if (ts.isOptionalChain(e)) return this.explodeOptionalChain(e);
      const [o, k] = this.explodeList([e.expression, e.argumentExpression]);
      return f.createElementAccessExpression(o, k);
    }
    if (ts.isPrefixUnaryExpression(e)) {
      if (e.operator === ts.SyntaxKind.PlusPlusToken || e.operator === ts.SyntaxKind.MinusMinusToken)
        return f.createPrefixUnaryExpression(e.operator, this.explodeTarget(e.operand));
      return f.createPrefixUnaryExpression(e.operator, paren(f, this.explode(e.operand)));
    }
    if (ts.isPostfixUnaryExpression(e)) return f.createPostfixUnaryExpression(this.explodeTarget(e.operand), e.operator);
    if (ts.isTypeOfExpression(e)) return f.createTypeOfExpression(paren(f, this.explode(e.expression)));
    if (ts.isVoidExpression(e)) return f.createVoidExpression(paren(f, this.explode(e.expression)));
    if (ts.isDeleteExpression(e)) return f.createDeleteExpression(this.explodeTarget(e.expression));
    if (ts.isSpreadElement(e)) return f.createSpreadElement(this.explode(e.expression));
    if (ts.isArrayLiteralExpression(e)) return f.createArrayLiteralExpression(this.explodeList([...e.elements]));
    if (ts.isObjectLiteralExpression(e)) return this.explodeObject(e);
    if (ts.isTemplateExpression(e)) {
      const vals = this.explodeTemplateSpans(e.templateSpans.map((s) => s.expression));
      return f.createTemplateExpression(
        f.createTemplateHead(e.head.text, e.head.rawText),
        e.templateSpans.map((s, i) =>
          f.createTemplateSpan(
            vals[i],
            ts.isTemplateMiddle(s.literal)
              ? f.createTemplateMiddle(s.literal.text, s.literal.rawText)
              : f.createTemplateTail(s.literal.text, s.literal.rawText),
          ),
        ),
      );
    }
    if (ts.isTaggedTemplateExpression(e)) return this.explodeTaggedTemplate(e);
    if (ts.isClassExpression(e)) return this.explodeClass(e);
    if (ts.isJsxElement(e) || ts.isJsxSelfClosingElement(e) || ts.isJsxFragment(e)) return this.explodeJsx(e);
    return this.refuseExpr(e, `await inside ${ts.SyntaxKind[e.kind]}`);
  }

  /**
   * A JSX element or fragment with an await inside. Its parts are evaluated in the order the JSX
   * transform's call evaluates them: the tag (unless intrinsic), then the attributes and children
   * as written, a nested element as one value. Under the automatic runtime (`jsx: react-jsx`) a
   * `key` comes last, after the children, unless a spread attribute precedes it, as TypeScript
   * passes it (`_jsx(tag, props, key)`). A part evaluated before a later await is kept in a temp
   * (a spread attribute as a copy, `{ ...obj }`, a spread child as an array); the element is
   * rebuilt from the values, so the JSX transform (or `jsx: preserve`) sees JSX.
   *   [source]  <List title={title()} key={k}>{await load()}</List>
   *   [output]  this.$t0 = title(); <await load()>  <List title={this.$t0} key={this.k}>{$v}</List>
   * With `jsx: preserve` or `react-native` the tool after TypeScript decides when `key` is
   * evaluated, so an element that awaits with a computed key is refused.
   */
  private explodeJsx(e: TS.JsxElement | TS.JsxSelfClosingElement | TS.JsxFragment): TS.Expression {
    const ts = this.ts;
    const f = this.f;
    const opening = ts.isJsxElement(e) ? e.openingElement : ts.isJsxSelfClosingElement(e) ? e : undefined;
    type Part = { expr: TS.Expression; kind: 'value' | 'spreadAttr' | 'spreadChild' | 'tag'; node: TS.Node };
    const parts: Part[] = [];
    const intrinsic = (t: TS.JsxTagNameExpression): boolean =>
      ts.isJsxNamespacedName(t) || (ts.isIdentifier(t) && (/^[a-z]/.test(t.text) || t.text.includes('-')));
    if (opening !== undefined && !intrinsic(opening.tagName)) parts.push({ expr: opening.tagName as TS.Expression, kind: 'tag', node: opening });
    const mode = this.jsxEmit();
    const automatic = mode === ts.JsxEmit.ReactJSX || mode === ts.JsxEmit.ReactJSXDev;
    let key: Part | undefined;
    let spreadSeen = false;
    for (const a of opening?.attributes.properties ?? []) {
      if (ts.isJsxSpreadAttribute(a)) {
        spreadSeen = true;
        parts.push({ expr: a.expression, kind: 'spreadAttr', node: a });
        continue;
      }
      const init = a.initializer;
      const expr = init === undefined || ts.isStringLiteral(init) ? undefined : ts.isJsxExpression(init) ? init.expression : init;
      if (expr === undefined) continue;
      const part: Part = { expr, kind: 'value', node: a };
      if (mode !== ts.JsxEmit.React && ts.isIdentifier(a.name) && a.name.text === 'key' && !spreadSeen) key = part;
      else parts.push(part);
    }
    if (key !== undefined && !automatic) {
      return this.refuseExpr(e, 'await inside a JSX element with a computed `key` under `jsx: preserve` or `react-native` (the tool after TypeScript decides when the key is evaluated)');
    }
    const children = ts.isJsxSelfClosingElement(e) ? [] : e.children;
    for (const c of children) {
      if (ts.isJsxText(c)) continue;
      if (ts.isJsxExpression(c)) {
        if (c.expression !== undefined) parts.push({ expr: c.expression, kind: c.dotDotDotToken ? 'spreadChild' : 'value', node: c });
      } else parts.push({ expr: c, kind: 'value', node: c });
    }
    if (key !== undefined && automatic) parts.push(key);

    const vals = new Map<TS.Node, TS.Expression>();
    const last = this.lastAwaiting(parts.map((p) => p.expr));
    parts.forEach((p, i) => {
      let v = this.explode(p.expr);
      const kept = i < last && !this.unchangedAcross(p.expr, parts.slice(i + 1).map((q) => q.expr));
      if (p.kind === 'spreadAttr' && kept) v = this.save(f.createObjectLiteralExpression([f.createSpreadAssignment(v)]));
      else if (p.kind === 'spreadChild' && kept) v = this.save(f.createArrayLiteralExpression([f.createSpreadElement(v)]));
      else if (kept || (p.kind === 'tag' && !isTagName(ts, v))) v = this.save(v);
      vals.set(p.node, v);
    });

    const asJsxValue = (v: TS.Expression): TS.JsxAttributeValue | TS.JsxChild =>
      ts.isJsxElement(v) || ts.isJsxSelfClosingElement(v) || ts.isJsxFragment(v) ? v : f.createJsxExpression(undefined, v);
    const tag = opening === undefined ? undefined : ((vals.get(opening) as TS.JsxTagNameExpression | undefined) ?? opening.tagName);
    const attributes =
      opening === undefined
        ? undefined
        : f.updateJsxAttributes(
            opening.attributes,
            opening.attributes.properties.map((a) => {
              const v = vals.get(a);
              if (v === undefined) return a;
              return ts.isJsxSpreadAttribute(a) ? f.updateJsxSpreadAttribute(a, v) : f.updateJsxAttribute(a, a.name, asJsxValue(v) as TS.JsxAttributeValue);
            }),
          );
    const newChildren = children.map((c) => {
      const v = vals.get(c);
      if (v === undefined) return c;
      return ts.isJsxExpression(c) ? f.updateJsxExpression(c, v) : (asJsxValue(v) as TS.JsxChild);
    });
    if (ts.isJsxSelfClosingElement(e)) return f.updateJsxSelfClosingElement(e, tag!, e.typeArguments, attributes!);
    if (ts.isJsxFragment(e)) return f.updateJsxFragment(e, e.openingFragment, newChildren, e.closingFragment);
    return f.updateJsxElement(
      e,
      f.updateJsxOpeningElement(e.openingElement, tag!, e.openingElement.typeArguments, attributes!),
      newChildren,
      f.updateJsxClosingElement(e.closingElement, tag!),
    );
  }

  protected refuseExpr(e: TS.Node, what: string): TS.Expression {
    refuse(this.reporter, e, what, 'move the await into its own statement (const v = await x;) and use v.');
    return this.f.createVoidZero();
  }

  /**
   * Lowers operands left to right; an operand is kept in a temp when a later operand awaits
   * (JavaScript has already evaluated it by then).
   */
  explodeList(parts: readonly TS.Expression[]): TS.Expression[] {
    const last = this.lastAwaiting(parts);
    return parts.map((p, i) => {
      const v = this.explode(p);
      if (i >= last || this.unchangedAcross(p, parts.slice(i + 1))) return v;
      // f(...a, await b): the spread iterates before the await, so keep a copy of its items.
      if (this.ts.isSpreadElement(v)) return this.f.createSpreadElement(this.save(this.f.createArrayLiteralExpression([v])));
      return this.save(v);
    });
  }

  /**
   * The substitutions of a template with an await: the engine turns each into a string as soon as
   * it is evaluated, so one evaluated before a later await is kept as its string (`${v}` does that
   * conversion): an object changed meanwhile, or a toString with effects, then acts in order.
   *   [source]  `<${arr}|${await f()}>`
   *   [output]  this.$t0 = `${this.arr}`; <await f()>  `<${this.$t0}|${$v}>`
   */
  private explodeTemplateSpans(parts: readonly TS.Expression[]): TS.Expression[] {
    const f = this.f;
    const last = this.lastAwaiting(parts);
    return parts.map((p, i) => {
      const v = this.explode(p);
      if (i >= last || isStable(this.ts, v)) return v;
      return this.save(f.createTemplateExpression(f.createTemplateHead(''), [f.createTemplateSpan(v, f.createTemplateTail(''))]));
    });
  }

  /** The index of the last of `parts` that awaits (-1 if none does). */
  private lastAwaiting(parts: readonly TS.Expression[]): number {
    for (let i = parts.length - 1; i >= 0; i--) if (this.an.containsAwait(parts[i])) return i;
    return -1;
  }

  /**
   * An object literal with an await in a key or value: keys and values that come before a later
   * await are evaluated into temps, in order, and the literal is built from them.
   *   [source]  { [k()]: await v, [key()]() {}, a: await w }
   *   [output]  this.$t0 = k(); <await v> this.$t1 = $v; this.$t2 = key(); <await w>
   *             { [this.$t0]: this.$t1, [this.$t2]() {}, a: $v }
   */
  private explodeObject(e: TS.ObjectLiteralExpression): TS.Expression {
    const ts = this.ts;
    const f = this.f;
    // Evaluate keys and values in order into temps, then build the literal from them. A method's or
    // accessor's computed key is evaluated with the others (its body is a function of its own, but
    // its key belongs to the literal): left in place, it would run after every later await.
    const isMember = (p: TS.ObjectLiteralElementLike): p is TS.MethodDeclaration | TS.AccessorDeclaration =>
      ts.isMethodDeclaration(p) || ts.isGetAccessorDeclaration(p) || ts.isSetAccessorDeclaration(p);
    const memberKey = (p: TS.ObjectLiteralElementLike): TS.Expression | undefined =>
      isMember(p) && ts.isComputedPropertyName(p.name) ? p.name.expression : undefined;
    let last = -1;
    e.properties.forEach((p, i) => {
      const key = memberKey(p);
      if (key ? this.an.containsAwait(key) : this.an.containsAwait(p)) last = i;
    });
    // Keys and values first; members (their bodies may use the iteration's boxes) are rewritten
    // where the literal is built.
    const props: (TS.ObjectLiteralElementLike | (() => TS.ObjectLiteralElementLike))[] = [];
    e.properties.forEach((p, i) => {
      const keep = (x: TS.Expression): TS.Expression => (i < last ? this.save(x) : x);
      if (ts.isPropertyAssignment(p)) {
        let name: TS.PropertyName = this.rewrite(p.name);
        if (ts.isComputedPropertyName(p.name)) {
          // The key is read after its own value is evaluated: `{ [await k]: await v }` must not see
          // `$v` overwritten by the value's await.
          const key = this.explode(p.name.expression);
          name = f.createComputedPropertyName(i < last || this.an.containsAwait(p.initializer) ? this.saveKey(key) : key);
        }
        // A value kept in a temp is named by its key, as it would be in the literal.
        const value = this.explode(p.initializer);
        const keyOf = ts.isComputedPropertyName(name) ? name.expression : name;
        props.push(f.createPropertyAssignment(name, i < last ? this.save(this.named(keyOf, p.initializer, value)) : value));
      } else if (ts.isShorthandPropertyAssignment(p)) {
        props.push(f.createPropertyAssignment(literalKey(f, p.name.text), keep(this.rewrite(p.name))));
      } else if (ts.isSpreadAssignment(p)) {
        // A spread copies properties now; a later await must not see later writes: keep a copy.
        const src = this.explode(p.expression);
        props.push(f.createSpreadAssignment(i < last ? this.save(f.createObjectLiteralExpression([f.createSpreadAssignment(src)])) : src));
      } else if (isMember(p) && memberKey(p) !== undefined) {
        const key = this.explode(memberKey(p)!);
        const name = f.createComputedPropertyName(i < last ? this.saveKey(key) : key);
        props.push(() => {
          const m = this.rewrite(p);
          if (ts.isMethodDeclaration(m)) return f.updateMethodDeclaration(m, m.modifiers, m.asteriskToken, name, m.questionToken, m.typeParameters, m.parameters, m.type, m.body);
          if (ts.isGetAccessorDeclaration(m)) return f.updateGetAccessorDeclaration(m, m.modifiers, name, m.parameters, m.type, m.body);
          return f.updateSetAccessorDeclaration(m as TS.SetAccessorDeclaration, m.modifiers, name, m.parameters, m.body);
        });
      } else {
        props.push(() => this.rewrite(p));
      }
    });
    return this.bindLiteralBoxes(e, () => f.createObjectLiteralExpression(props.map((p) => (typeof p === 'function' ? p() : p)), true));
  }

  /**
   * A reference whose parts (object, key) are evaluated now and reused for read and write. Callers
   * use it when an await follows (or sits inside) the target, so both parts go to temps: JavaScript
   * fixes the base object and the key before the right side runs, and `$v` is overwritten by the
   * next await.
   *   [source]  o[await k] = await v         target.p = (target = other, await v)
   *   [output]  $t0 = o; <await k> $t1 = $v; $t0 = target; target = other; <await v>
   *             <await v> $t0[$t1] = $v;     $t0.p = $v;
   */
  explodeTarget(target: TS.Expression): TS.Expression {
    const ts = this.ts;
    const f = this.f;
    if (isWrapper(ts, target)) return this.explodeTarget(target.expression);
    if (ts.isPropertyAccessExpression(target) && target.expression.kind !== ts.SyntaxKind.SuperKeyword)
      return f.createPropertyAccessExpression(this.save(this.explode(target.expression)), this.rewrite(target.name));
    if (ts.isElementAccessExpression(target) && target.expression.kind !== ts.SyntaxKind.SuperKeyword) {
      const o = this.save(this.explode(target.expression));
      return f.createElementAccessExpression(o, this.save(this.explode(target.argumentExpression)));
    }
    if (this.an.containsAwait(target)) return this.refuseExpr(target, 'await inside an assignment target');
    return this.rewrite(target);
  }

  private explodeBinary(e: TS.BinaryExpression): TS.Expression {
    const ts = this.ts;
    const f = this.f;
    const op = e.operatorToken.kind;
    const K = ts.SyntaxKind;
    if (op === K.AmpersandAmpersandToken || op === K.BarBarToken || op === K.QuestionQuestionToken) {
      const t = this.temp();
      const end = this.newLabel();
      this.emit(this.assign(this.field(t), this.explode(e.left)));
      this.jumpIf(this.shortCircuits(op, this.field(t)), end);
      this.emit(this.assign(this.field(t), this.explode(e.right)));
      this.mark(end);
      return this.field(t);
    }
    if (op === K.CommaToken) {
      const l = this.explode(e.left);
      if (!isStable(ts, l)) this.emit(f.createExpressionStatement(l));
      return this.explode(e.right);
    }
    if (op === K.EqualsToken) {
      if (ts.isObjectLiteralExpression(e.left) || ts.isArrayLiteralExpression(e.left)) {
        const v = this.save(this.explode(e.right));
        // The value is in a temp, which V8 would name in its TypeError for null: the source's text.
        const text = ts.isObjectLiteralExpression(e.left) && !ts.isObjectLiteralExpression(skipWrappers(ts, e.right)) ? messageText(ts, e.right) : undefined;
        if (this.an.containsAwait(e.left)) {
          this.destructure(e.left, v, undefined, text);
          return v;
        }
        this.emit(f.createExpressionStatement(f.createAssignment(this.rewrite(e.left), text !== undefined ? this.nonNullish(e.left, v, text) : v)));
        return v;
      }
      const target = this.explodeTarget(e.left);
      const value = this.explode(e.right);
      const kept = this.assignedValue(e.left, target, e.right, value);
      return this.checkedLocalAssign(e, kept) ?? f.createAssignment(target, kept);
    }
    if (op === K.AmpersandAmpersandEqualsToken || op === K.BarBarEqualsToken || op === K.QuestionQuestionEqualsToken) {
      // x ??= await v: reads x once, evaluates the right side only when x is nullish.
      const target = this.explodeTarget(e.left);
      const t = this.temp();
      const end = this.newLabel();
      const binOp = op === K.AmpersandAmpersandEqualsToken ? K.AmpersandAmpersandToken : op === K.BarBarEqualsToken ? K.BarBarToken : K.QuestionQuestionToken;
      this.emit(this.assign(this.field(t), this.firstRead(e, target)));
      this.jumpIf(this.shortCircuits(binOp, this.field(t)), end);
      this.emit(this.assign(this.field(t), f.createAssignment(target, this.assignedValue(e.left, target, e.right, this.explode(e.right)))));
      this.mark(end);
      return this.field(t);
    }
    if (op >= K.FirstCompoundAssignment && op <= K.LastCompoundAssignment) {
      // x += await y reads x before the await (regenerator #206), and throws there if x is still in
      // its dead zone (a closure made before x's declaration).
      const target = this.explodeTarget(e.left);
      const read = this.firstRead(e, target);
      const old = read === target && this.unchangedAcross(e.left, [e.right]) ? target : this.save(read);
      const rhs = this.explode(e.right);
      const binOp = compoundToBinary(ts, op);
      return f.createAssignment(target, f.createBinaryExpression(old, binOp, paren(f, rhs)));
    }
    const [l, r] = this.explodeList([e.left, e.right]);
    // `#x in o`: a private name cannot be parenthesized.
    return f.createBinaryExpression(this.ts.isPrivateIdentifier(l) ? l : paren(f, l), e.operatorToken.kind as TS.BinaryOperator, paren(f, r));
  }

  /**
   * An optional chain with an await in it: each link is evaluated into a temp; a `?.` on a nullish
   * value skips the rest of the chain (awaits included) and yields undefined.
   *   [source]  a?.b.m(await x)
   *   [output]  this.$t0 = this.a; if (this.$t0 == null) { this.$t3 = void 0; goto END }
   *             this.$t1 = this.$t0.b; this.$t2 = this.$t1.m; <await x>
   *             this.$t3 = this.$t2.call(this.$t1, $v);  END:
   */
  private explodeOptionalChain(e: TS.Expression, out?: { thisVal?: TS.Expression }): TS.Expression {
    const ts = this.ts;
    const f = this.f;
    const links: (TS.PropertyAccessExpression | TS.ElementAccessExpression | TS.CallExpression | TS.NonNullExpression)[] = [];
    let root: TS.Expression = e;
    while (
      (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root) || ts.isCallExpression(root) || ts.isNonNullExpression(root)) &&
      (root.flags & ts.NodeFlags.OptionalChain) !== 0
    ) {
      links.unshift(root);
      root = root.expression;
    }
    const result = this.temp();
    const end = this.newLabel();
    const nullish = (v: TS.Expression): TS.Expression =>
      f.createLogicalOr(f.createStrictEquality(v, f.createNull()), f.createStrictEquality(v, f.createVoidZero()));
    let cur: TS.Expression;
    let thisVal: TS.Expression | undefined;
    if (ts.isCallExpression(links[0]) && (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root))) {
      // o.m?.(x): the chain starts at the call, and the method is called on o.
      //   [source]  o.m?.(await x)
      //   [output]  this.$t0 = this.o; this.$t1 = this.$t0.m; if (this.$t1 == null) ...; <await x> $fn(this.$t1, "o.m").call(this.$t0, $v)
      const [o, key] = this.explodeList(ts.isPropertyAccessExpression(root) ? [root.expression] : [root.expression, root.argumentExpression]);
      const obj = this.save(o);
      thisVal = obj.kind === ts.SyntaxKind.SuperKeyword ? this.rewrite(f.createThis()) : obj;
      cur = this.saveAlways(ts.isPropertyAccessExpression(root) ? f.createPropertyAccessExpression(obj, this.rewrite(root.name)) : f.createElementAccessExpression(obj, key));
    } else cur = this.save(this.explode(root));
    for (const link of links) {
      if (!ts.isNonNullExpression(link) && link.questionDotToken) {
        this.emit(
          f.createIfStatement(nullish(cur), f.createBlock([this.assign(this.field(result), f.createVoidZero()), ...this.gotoStmts(end)])),
        );
      }
      if (ts.isNonNullExpression(link)) continue;
      if (ts.isPropertyAccessExpression(link)) {
        thisVal = cur;
        cur = this.saveAlways(f.createPropertyAccessExpression(cur, this.rewrite(link.name)));
      } else if (ts.isElementAccessExpression(link)) {
        const key = this.save(this.explode(link.argumentExpression));
        thisVal = cur;
        cur = this.saveAlways(f.createElementAccessExpression(cur, key));
      } else {
        const args = this.explodeList([...link.arguments]);
        const call =
          thisVal !== undefined
            ? f.createCallExpression(f.createPropertyAccessExpression(this.checkedCallee(cur, link.expression, true), 'call'), undefined, [thisVal, ...args])
            : f.createCallExpression(this.checkedCallee(cur, link.expression, true), undefined, args);
        thisVal = undefined;
        cur = this.saveAlways(call);
      }
    }
    // The object of the last link, for a caller that calls the chain's value on it (`(o?.m)(x)`).
    if (out !== undefined) out.thisVal = thisVal;
    this.emit(this.assign(this.field(result), cur));
    this.mark(end);
    return this.field(result);
  }

  /**
   * A class whose `extends` clause or computed member names await: those run in the enclosing
   * function, in order (heritage first, then keys), so each is evaluated into a temp and the class
   * is built from the temps; member bodies and initializers are the class's own code.
   *   [source]  class { [await k()]() {} }
   *   [output]  <await k()> this.$t0 = $v;  class { [this.$t0]() {} }
   */
  explodeClass(e: TS.ClassLikeDeclaration): TS.Expression {
    const ts = this.ts;
    const f = this.f;
    const heritage = e.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
    const computed = e.members.filter((m) => m.name && ts.isComputedPropertyName(m.name)).map((m) => (m.name as TS.ComputedPropertyName).expression);
    const parts = heritage ? [heritage.expression, ...computed] : computed;
    const values = parts.map((p, i) => (heritage && i === 0 ? this.saveAlways(this.explode(p)) : this.saveKey(this.explode(p))));
    const keyOf = new Map<TS.Node, TS.Expression>();
    computed.forEach((c, i) => keyOf.set(c, values[heritage ? i + 1 : i]));
    return this.bindClassBoxes(e, () => this.assembleClass(e, heritage, values, keyOf));
  }

  /** The class expression of explodeClass, from the heritage and computed keys already in temps. */
  private assembleClass(e: TS.ClassLikeDeclaration, heritage: TS.ExpressionWithTypeArguments | undefined, values: TS.Expression[], keyOf: Map<TS.Node, TS.Expression>): TS.ClassExpression {
    const ts = this.ts;
    const f = this.f;
    const members = this.rewriteMembers(e).map((m, i) => {
      const orig = e.members[i];
      if (!orig.name || !ts.isComputedPropertyName(orig.name)) return m;
      const key = f.createComputedPropertyName(keyOf.get(orig.name.expression)!);
      if (ts.isMethodDeclaration(m)) return f.updateMethodDeclaration(m, m.modifiers, m.asteriskToken, key, m.questionToken, m.typeParameters, m.parameters, m.type, m.body);
      if (ts.isPropertyDeclaration(m)) return f.updatePropertyDeclaration(m, m.modifiers, key, m.questionToken ?? m.exclamationToken, m.type, m.initializer);
      if (ts.isGetAccessorDeclaration(m)) return f.updateGetAccessorDeclaration(m, m.modifiers, key, m.parameters, m.type, m.body);
      if (ts.isSetAccessorDeclaration(m)) return f.updateSetAccessorDeclaration(m, m.modifiers, key, m.parameters, m.body);
      return m;
    });
    const heritageClauses = heritage
      ? [f.createHeritageClause(ts.SyntaxKind.ExtendsKeyword, [f.createExpressionWithTypeArguments(values[0], undefined)])]
      : e.heritageClauses?.map((h) => this.rewrite(h));
    const decorators = e.modifiers?.filter((m) => ts.isDecorator(m)).map((d) => this.rewrite(d));
    return f.createClassExpression(decorators, e.name, undefined, heritageClauses, members);
  }

  /** `$tscoro.fn(f, "o.m")`: the callee, or the TypeError the engine gives for `o.m(...)`. */
  checkedCallee(fn: TS.Expression, source: TS.Expression, inChain = false): TS.Expression {
    return this.checked('fn', fn, source, inChain);
  }

  /**
   * A protocol check (`fn`, `ctor`) of `value`, whose message quotes `source` as V8 prints it. It
   * stands in callee position, but throws only when the call is made (after the arguments, as the
   * engine checks): a callee that fails is replaced by a function that throws.
   */
  private checked(check: 'fn' | 'ctor', value: TS.Expression, source: TS.Expression, inChain = false): TS.Expression {
    const text = messageText(this.ts, source, inChain ? 'chain' : 'call');
    return this.f.createCallExpression(check === 'fn' ? this.rt('fn') : this.rt('ctor'), undefined, [value, this.f.createStringLiteral(text)]);
  }

  /** The lowered callee `value` is the name `source` as written (no field or temp): V8's message names it. */
  private namesItself(source: TS.Expression, value: TS.Expression): boolean {
    const ts = this.ts;
    const bare = skipWrappers(ts, source);
    return ts.isIdentifier(bare) && ts.isIdentifier(value) && value.text === bare.text;
  }

  /**
   * A computed key kept in a temp as the engine holds it: converted to a property key at once
   * (protocol `pk`), so a toString with effects runs before the parts after it.
   *   [source]  { [k]: v(), b: await w }
   *   [output]  this.$t0 = $pk(this.k); this.$t1 = v(); <await w> { [this.$t0]: this.$t1, b: $v }
   */
  private saveKey(key: TS.Expression): TS.Expression {
    return isStable(this.ts, key) ? key : this.saveAlways(this.f.createCallExpression(this.rt('pk'), undefined, [key]));
  }

  /** Like save, but also for stable expressions (a chain link must be evaluated exactly once, now). */
  private saveAlways(e: TS.Expression): TS.Expression {
    const t = this.temp();
    this.emit(this.assign(this.field(t), e));
    return this.field(t);
  }

  /**
   * A tagged template with an await in a substitution: the tag (and its `this`) first, then the
   * substitutions, then the call, with the site's template object taken from `$tscoro.tpl` at a
   * template of the same strings (engines cache one frozen strings array per site).
   *   [source]  o.tag`a${await x}b`
   *   [output]  this.$t0 = this.o; this.$t1 = this.$t0.tag; <await x>
   *             this.$t1.call(this.$t0, $tscoro.tpl`a${0}b`, $v)
   */
  private explodeTaggedTemplate(e: TS.TaggedTemplateExpression): TS.Expression {
    const ts = this.ts;
    const f = this.f;
    // A member tag in parentheses or type wrappers is called on its object too: `(o.t)\`...\``.
    const tag = skipWrappers(ts, e.tag);
    let fn: TS.Expression;
    let thisVal: TS.Expression | undefined;
    if ((ts.isPropertyAccessExpression(tag) || ts.isElementAccessExpression(tag)) && ts.isOptionalChain(tag)) {
      const link: { thisVal?: TS.Expression } = {};
      fn = this.explodeOptionalChain(tag, link);
      thisVal = link.thisVal ?? f.createVoidZero();
    } else if (ts.isPropertyAccessExpression(tag)) {
      thisVal = this.save(this.explode(tag.expression));
      fn = this.saveAlways(f.createPropertyAccessExpression(thisVal, this.rewrite(tag.name)));
    } else if (ts.isElementAccessExpression(tag)) {
      thisVal = this.save(this.explode(tag.expression));
      fn = this.saveAlways(f.createElementAccessExpression(thisVal, this.save(this.explode(tag.argumentExpression))));
    } else fn = this.saveAlways(this.explode(e.tag));
    const tpl = e.template;
    const spans = ts.isTemplateExpression(tpl) ? tpl.templateSpans : [];
    const subs = this.explodeList(spans.map((sp) => sp.expression));
    const strings = ts.isTemplateExpression(tpl)
      ? f.createTemplateExpression(
          f.createTemplateHead(tpl.head.text, tpl.head.rawText),
          tpl.templateSpans.map((sp) =>
            f.createTemplateSpan(
              f.createNumericLiteral(0),
              ts.isTemplateMiddle(sp.literal) ? f.createTemplateMiddle(sp.literal.text, sp.literal.rawText) : f.createTemplateTail(sp.literal.text, sp.literal.rawText),
            ),
          ),
        )
      : f.createNoSubstitutionTemplateLiteral(tpl.text, tpl.rawText);
    const tplObj = f.createTaggedTemplateExpression(this.rt('tpl'), undefined, strings);
    // The tag is checked once the substitutions are evaluated, as the engine checks it.
    // super.m`...` calls the method on `this`.
    if (thisVal !== undefined && thisVal.kind === ts.SyntaxKind.SuperKeyword) thisVal = this.rewrite(f.createThis());
    if (thisVal !== undefined) return f.createCallExpression(f.createPropertyAccessExpression(this.checkedCallee(fn, e.tag), 'call'), undefined, [thisVal, tplObj, ...subs]);
    return f.createCallExpression(this.checkedCallee(fn, e.tag), undefined, [tplObj, ...subs]);
  }

  private shortCircuits(op: TS.SyntaxKind, v: TS.Expression): TS.Expression {
    const ts = this.ts;
    const f = this.f;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken) return f.createLogicalNot(v);
    if (op === ts.SyntaxKind.BarBarToken) return v;
    return f.createLogicalAnd(
      f.createStrictInequality(v, f.createNull()),
      f.createStrictInequality(v, f.createVoidZero()),
    );
  }

  private explodeCall(e: TS.CallExpression): TS.Expression {
    const ts = this.ts;
    const f = this.f;
    if (ts.isOptionalChain(e)) return this.explodeOptionalChain(e);
    // `(o.m)(x)` and `(o.m as F)(x)` call the method on o as `o.m(x)` does: parentheses and type
    // wrappers are looked through (`callee` stays as written, for messages).
    const written = e.expression;
    const callee = skipWrappers(ts, written);
    if (callee.kind === ts.SyntaxKind.SuperKeyword) return this.refuseExpr(e, 'super(...) with await in its arguments');
    if ((ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) && ts.isOptionalChain(callee)) {
      // (o?.m)(await x): the chain's value, called on the object of its last link.
      //   [output]  <chain: this.$t0 = this.o; if (nullish) ...; this.$t1 = this.$t0.m> <await x> $fn(this.$t2, "(intermediate value)").call(this.$t0, $v)
      const link: { thisVal?: TS.Expression } = {};
      const fn = this.explodeOptionalChain(callee, link);
      const args = this.explodeList([...e.arguments]);
      return f.createCallExpression(f.createPropertyAccessExpression(this.checkedCallee(fn, written), 'call'), undefined, [link.thisVal ?? f.createVoidZero(), ...args]);
    }
    if ((ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) && callee.expression.kind === ts.SyntaxKind.SuperKeyword) {
      // super.m(await x): the method is read (through the home object, `this` as receiver) before
      // the arguments, then called on `this`. The step of a method that uses `super` is an arrow
      // inside the method, so `super` and `this` there are the method's.
      //   [source]  super.m(await x)
      //   [output]  this.$t0 = super.m; <await x> $fn(this.$t0, "(intermediate value).m").call(this, $v)
      const method = ts.isPropertyAccessExpression(callee)
        ? f.createPropertyAccessExpression(callee.expression, this.rewrite(callee.name))
        : f.createElementAccessExpression(callee.expression, this.save(this.explode(callee.argumentExpression)));
      const fn = this.saveAlways(method);
      const args = this.explodeList([...e.arguments]);
      return f.createCallExpression(f.createPropertyAccessExpression(this.checkedCallee(fn, written), 'call'), undefined, [this.rewrite(f.createThis()), ...args]);
    }
    if (callee.kind === ts.SyntaxKind.ImportKeyword) {
      return f.createCallExpression(callee as TS.Expression, undefined, this.explodeList([...e.arguments]));
    }
    if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) {
      // obj.m(await x), (await o).m(x): obj and obj.m are evaluated before the arguments (and any
      // suspension in them); the call then goes through the callee check (protocol fn), so a
      // non-function fails as `o.m is not a function` after the arguments, like the unsplit call.
      //   [source]  (await g()).k(x)                                   o.m(await a)
      //   [output]  $fn($v.k, "(intermediate value).k").call($v, this.x)   ...; $fn(this.$t1, "o.m").call(this.$t0, $v)
      const objParts = ts.isPropertyAccessExpression(callee) ? [callee.expression] : [callee.expression, callee.argumentExpression];
      const argsAwait = e.arguments.some((a) => this.an.containsAwait(a));
      const [o, key] = this.explodeList(objParts);
      // The object is read twice (the method, `this`): a temp, unless a name no await can change.
      const obj = !argsAwait && ts.isIdentifier(o) ? o : this.save(o);
      const method = ts.isPropertyAccessExpression(callee) ? f.createPropertyAccessExpression(obj, this.rewrite(callee.name)) : f.createElementAccessExpression(obj, key);
      // The method is read before the arguments run (and suspend).
      const fn = argsAwait ? this.saveAlways(method) : method;
      const args = this.explodeList([...e.arguments]);
      return f.createCallExpression(f.createPropertyAccessExpression(this.checkedCallee(fn, written), 'call'), undefined, [obj, ...args]);
    }
    const vals = this.explodeList([written, ...e.arguments]);
    const fnExpr = vals[0];
    if (this.namesItself(written, fnExpr)) return f.createCallExpression(fnExpr, undefined, vals.slice(1));
    // A frame field, temp or awaited value as callee: checked, so the message names the source
    // (and the frame is not passed as `this`).
    return f.createCallExpression(this.checkedCallee(fnExpr, written), undefined, vals.slice(1));
  }
}

/** Expressions that read the same value whenever evaluated (no need to spill). */
export function isStable(ts: typeof TS, e: TS.Expression): boolean {
  return (
    // `super` as the base of a member access and `#x` in `#x in o`: they cannot be kept in a
    // temp, and need not be.
    e.kind === ts.SyntaxKind.SuperKeyword ||
    ts.isPrivateIdentifier(e) ||
    ts.isNumericLiteral(e) ||
    ts.isStringLiteral(e) ||
    ts.isBigIntLiteral(e) ||
    ts.isNoSubstitutionTemplateLiteral(e) ||
    e.kind === ts.SyntaxKind.TrueKeyword ||
    e.kind === ts.SyntaxKind.FalseKeyword ||
    e.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isVoidExpression(e) && ts.isNumericLiteral(e.expression))
  );
}

/**
 * A user's name as the key of an object literal the transformer builds (`{ z: this.z }` for
 * `{ z }`, `{ f: ... }.f` for a function's name): computed for `__proto__`, which as a plain key
 * would set the literal's prototype instead of making a property.
 */
export function literalKey(f: TS.NodeFactory, name: string): string | TS.PropertyName {
  return name === '__proto__' ? f.createComputedPropertyName(f.createStringLiteral(name)) : name;
}

export function paren(f: TS.NodeFactory, e: TS.Expression): TS.Expression {
  return f.createParenthesizedExpression(e);
}

function compoundToBinary(ts: typeof TS, op: TS.SyntaxKind): TS.BinaryOperator {
  const K = ts.SyntaxKind;
  const map: Partial<Record<TS.SyntaxKind, TS.BinaryOperator>> = {
    [K.PlusEqualsToken]: K.PlusToken,
    [K.MinusEqualsToken]: K.MinusToken,
    [K.AsteriskEqualsToken]: K.AsteriskToken,
    [K.AsteriskAsteriskEqualsToken]: K.AsteriskAsteriskToken,
    [K.SlashEqualsToken]: K.SlashToken,
    [K.PercentEqualsToken]: K.PercentToken,
    [K.LessThanLessThanEqualsToken]: K.LessThanLessThanToken,
    [K.GreaterThanGreaterThanEqualsToken]: K.GreaterThanGreaterThanToken,
    [K.GreaterThanGreaterThanGreaterThanEqualsToken]: K.GreaterThanGreaterThanGreaterThanToken,
    [K.AmpersandEqualsToken]: K.AmpersandToken,
    [K.BarEqualsToken]: K.BarToken,
    [K.CaretEqualsToken]: K.CaretToken,
  };
  return map[op]!;
}
