// Lower: the statements of one async function body. Takes the original body (checked AST) and the
// frame layout; produces the cases of the state machine, the exception dispatcher and the list of
// frame fields the cases use. Await-free statements are kept as written (locals rewritten to frame
// fields); statements that contain an await are broken into cases.
//
// Control flow is explicit: `goto L` is `this.$s = L; continue $loop;`. Protected regions:
//   this.$h        the innermost handler region in force (-1: none); set on entering/leaving a try
//   $cN / $vN      completion of try N with a finally: 0 normal, 1 return ($vN value), 2 throw
//                  ($vN error), 3 jump ($vN state); the end of the finally replays it.
// A break/continue/return that leaves finally blocks or for-of loops runs an exit chain: it closes
// iterators inline and enters each finally in turn through small trampoline cases (TypeScript
// #50332: labelled break across awaits; swc #6370: a finally must run once).
//
//   [source]                         [output]
//   try { await a(); }               this.$h = 0;  <await a()>
//   catch (e) { log(e); }            this.$h = -1; goto END;
//                                  case C: log(this.e);      // the dispatcher stored e, set $h
//                                  case END:
import type * as TS from 'typescript';
import { Analysis, isAsyncFunction } from './analyze';
import { refuse, Code, Reporter } from './diagnostics';
import { boundNames, parameterNames } from './hoist';
import { NativeFields, nativeFields, plainCallees } from './live';
import { ExpressionLowerer, StepNames, isStable, literalKey, paren } from './spill';
import { assignedName, isWrapper, messageText, skipWrappers } from './messages';

interface TryCtx {
  tryRegion: number;
  catchRegion: number; // -1 when there is no finally (the catch block runs under parentH)
  catchLabel: number;
  hasCatch: boolean;
  hasFinally: boolean;
  finLabel: number;
  cField: string;
  vField: string;
  phase: 'try' | 'catch' | 'finally';
  parentH: number;
  catchBinding?: TS.BindingName;
}

type ExitItem = { kind: 'finally'; ctx: TryCtx } | { kind: 'iter'; field: string; spare: string };

interface JumpTarget {
  kind: 'loop' | 'switch' | 'label';
  labels: string[];
  breakLabel: number;
  continueLabel: number; // -1: not a loop
  breakDepth: number; // exits.length outside the statement
  continueDepth: number; // exits.length inside the loop
  h: number;
}

export interface LoweredBody {
  /** Statements of the step function's body. */
  body: TS.Statement[];
  /** Frame fields the machine itself adds ($h, temporaries, completions, iterators). */
  extraFields: string[];
  usesHandlers: boolean;
}

export type NestedLowering = (node: TS.FunctionLikeDeclaration, lowerer: FunctionLowerer) => TS.Node | TS.Node[];

/** What the visitor tracks about where it is: function depth, direct, and the jump targets it is inside. */
type VisitState = [fnDepth: number, direct: boolean, vLoops: number, vSwitches: number, vLabels: string[]];

/** The calls withBoxes makes, `(($x) => <value>)(this.x)`: named() names the value inside. */
const boxCalls = new WeakSet<TS.Node>();

export class FunctionLowerer extends ExpressionLowerer {
  private readonly trys: TryCtx[] = [];
  /** Handler regions of for-of bodies (they close the iterator on a throw); depth = trys.length. */
  private readonly iterRegions: { region: number; depth: number }[] = [];
  private regionCount = 0;
  private readonly exits: ExitItem[] = [];
  private readonly targets: JumpTarget[] = [];
  private readonly deferred: { label: number; stmts: TS.Statement[] }[] = [];
  private readonly hoisted: TS.Statement[] = [];
  private readonly extra: string[] = [];
  private readonly dispatch: TS.CaseClause[] = [];
  // Per-iteration bindings (TypeScript PR #15282): a `let`/`const` declared in a loop that awaits
  // and captured by a closure lives in a box `{ v }` made anew for each iteration; a closure binds
  // the box current at its creation through an IIFE parameter, so each sees its own iteration.
  //   [source]  for (let i = 0; i < 3; i++) { fs.push(() => i); await tick(); }
  //   [output]  this.i = { v: void 0 }; this.i.v = 0; ...  this.fs.push((($i) => () => $i.v)(this.i));
  //             ... case cont: this.i = { v: this.i.v }; this.i.v++;
  /** Field locals referenced from a nested function (closures) anywhere in the body. */
  private captured: Set<TS.Symbol> | null = null;
  /** Invariant: a boxed symbol's field always holds its current box once its declaration ran. */
  readonly boxed = new Set<TS.Symbol>();
  /** IIFE parameters binding boxes inside the nested function being rewritten. */
  readonly captureParams = new Map<TS.Symbol, string>();
  /** The nestings (function, class) the visitor is in, innermost last, with its state outside each. */
  private outerStates: { node: TS.Node; state: VisitState }[] = [];
  private loopDepth = 0;
  // Rewrite state: nesting inside await-free code.
  private fnDepth = 0; // nested functions entered (jumps/returns inside them are theirs)
  private direct = true; // no non-arrow function crossed: `this` is the frame
  private vLoops = 0;
  private vSwitches = 0;
  private vLabels: string[] = [];
  /** Set when a nested non-arrow function needs `const $f = this` to reach the frame. */
  usesFrameVar = false;
  /** Set by `for await` and `using`, whose functions keep every local a field (see nativeFields). */
  private asyncRegions = false;

  constructor(
    ts: typeof TS,
    an: Analysis,
    reporter: Reporter,
    names: StepNames,
    freshName: (base: string) => string,
    readonly context: TS.TransformationContext,
    readonly fn: TS.FunctionLikeDeclaration,
    /** symbol -> field, for this function and every enclosing lowered function. */
    readonly fieldOf: (sym: TS.Symbol) => { field: string; owner: FunctionLowerer } | undefined,
    readonly frameVar: string,
    readonly nested: NestedLowering,
  ) {
    super(ts, an, reporter, names, freshName);
    this.isGen = fn.asteriskToken !== undefined;
  }

  /** An `async function*`: yields suspend too, `return x` awaits x, $step(2, v) returns at a yield. */
  private readonly isGen: boolean;

  private currentH(): number {
    const ir = this.iterRegions[this.iterRegions.length - 1];
    if (ir !== undefined && ir.depth === this.trys.length) return ir.region;
    const t = this.trys[this.trys.length - 1];
    if (t === undefined) return -1;
    if (t.phase === 'try') return t.tryRegion;
    if (t.phase === 'catch') return t.hasFinally ? t.catchRegion : t.parentH;
    return t.parentH;
  }

  // ---- entry ----------------------------------------------------------------------------------

  lowerBody(): LoweredBody {
    const ts = this.ts;
    const body = this.fn.body!;
    this.refuseSharedParameterCaptures();
    this.refuseDirectEval();
    if (ts.isBlock(body)) this.lowerStatements(body.statements, false);
    else {
      // Concise arrow body: `async (x) => expr` returns expr.
      for (const s of this.returnStmts(this.explode(body), [])) this.emit(s);
      this.releaseTemps();
    }
    // Falling off the end returns undefined (skipped after a statement that never completes).
    const last = this.cur[this.cur.length - 1];
    if (!last || !(this.ts.isReturnStatement(last) || this.ts.isThrowStatement(last) || this.ts.isContinueStatement(last)))
      this.emit(this.f.createReturnStatement(undefined));
    for (const d of this.deferred) {
      this.mark(d.label);
      for (const s of d.stmts) this.emit(s);
    }
    this.blocks[0].stmts.unshift(...this.hoisted);
    return { body: this.assemble(), extraFields: [...(this.regionCount > 0 ? ['$h'] : []), ...this.extra, ...this.allTemps], usesHandlers: this.regionCount > 0 };
  }

  /**
   * After lowerBody: the fields among `locals` (this function's own, by symbol; parameters left out
   * by the caller), the temporaries and the machine's fields (not `$h`) that can be native `var`s of
   * the step (live.ts). A local qualifies when no nested function or class names it, it is no
   * per-iteration box and no read checks its dead zone, and it is live across no suspension.
   * Functions with `for await` or `using`, and arrow steps, keep every field.
   *   [source]  for (const x of xs) total += await load(x);
   *   [output]  natives: Set { "x" }   (total is read after the await; $it after it, via the loop head)
   */
  nativeFields(locals: ReadonlyMap<TS.Symbol, string>, stepBody: readonly TS.Statement[]): NativeFields {
    if (this.asyncRegions || this.isGen || this.arrowStepFrame !== undefined) return { natives: new Set(), untouched: new Set() };
    const captured = this.captured ?? (this.captured = this.collectCaptured());
    const tdz = this.tdzInfo().syms;
    const candidates = new Set<string>();
    for (const [sym, name] of locals) if (!captured.has(sym) && !this.boxed.has(sym) && !tdz.has(sym)) candidates.add(name);
    // The machine's own fields too (iterators, switch discriminants, completions): the dispatcher
    // writes some of them, which keeps those fields (live.ts never makes a name it writes a var).
    for (const t of [...this.extra, ...this.allTemps]) candidates.add(t);
    this.threadJumps();
    const stateOf = new Map<number, number>();
    this.blocks.forEach((b, i) => stateOf.set(b.label, i));
    const machine = { blocks: this.blocks, dispatch: this.dispatch, labelRefs: this.labelRefs, stateOf, loop: this.names.loop, frameVar: this.frameVar };
    return nativeFields(this.ts, machine, candidates, stepBody);
  }

  /** Builds `$loop: for (;;) [try {] if ($m) throw $v; switch (this.$s) {...} [} catch ($e) {...}]`. */
  /**
   * Jump threading: a case that only jumps on (`this.$s = L; continue $loop;`, as the join after an
   * if/else or a catch in a loop often is) is skipped by every reference to it, which then names L:
   * one dispatch less each time. Such a case that nothing names any more and that the case before
   * cannot fall into is dropped.
   *   [before]  case 6: this.$s = 7; continue $loop;  ...  case 7: this.$s = 1; continue $loop;
   *   [after]   (the jumps to 6 and 7 go to 1; the two cases are gone)
   */
  private threadJumps(): void {
    const ts = this.ts;
    const blocks = this.blocks;
    const pureGoto = (stmts: TS.Statement[]): number | undefined => {
      if (stmts.length !== 2 || !ts.isContinueStatement(stmts[1]) || !ts.isExpressionStatement(stmts[0])) return undefined;
      const e = stmts[0].expression;
      if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
      if (!ts.isPropertyAccessExpression(e.left) || e.left.name.text !== '$s') return undefined;
      return ts.isNumericLiteral(e.right) ? this.labelRefs.get(e.right) : undefined;
    };
    // Each label jumps on to: the first case with statements at or after it (empty cases fall through).
    const onward = new Map<number, number>();
    for (let i = 0; i < blocks.length; i++) {
      let j = i;
      while (j < blocks.length && blocks[j].stmts.length === 0) j++;
      const to = j < blocks.length ? pureGoto(blocks[j].stmts) : undefined;
      if (to !== undefined) onward.set(blocks[i].label, to);
    }
    if (onward.size === 0) return;
    const resolve = (l: number): number => {
      const seen = new Set<number>();
      while (onward.has(l) && !seen.has(l)) {
        seen.add(l);
        l = onward.get(l)!;
      }
      return l;
    };
    const named = new Set<number>();
    for (const [lit, l] of this.labelRefs) {
      // A resume state stays the suspension's own (see `suspensions`): one dispatch more on resume.
      const to = this.suspensions.has(lit) ? l : resolve(l);
      this.labelRefs.set(lit, to);
      named.add(to);
    }
    // Drop the cases nothing reaches: not named, and after a case that ends in a jump, return or throw.
    const ends = (stmts: TS.Statement[]): boolean => {
      const last = stmts[stmts.length - 1];
      return last !== undefined && (ts.isContinueStatement(last) || ts.isReturnStatement(last) || ts.isThrowStatement(last));
    };
    const kept = [blocks[0]];
    for (let i = 1; i < blocks.length; i++) {
      const b = blocks[i];
      if (!named.has(b.label) && ends(kept[kept.length - 1].stmts) && (b.stmts.length === 0 || pureGoto(b.stmts) !== undefined)) continue;
      kept.push(b);
    }
    blocks.length = 0;
    blocks.push(...kept);
  }

  private assemble(): TS.Statement[] {
    const f = this.f;
    const ts = this.ts;
    // Label placeholders become state numbers in case order (only marked labels are reachable).
    // They are set in place rather than by rebuilding the cases with visitEachChild: that walk
    // went through all the emitted code, user expressions included, for a handful of literals
    // (7% of the transformer's time on bench W7).
    this.threadJumps();
    const stateOf = new Map<number, number>();
    this.blocks.forEach((b, i) => stateOf.set(b.label, i));
    for (const [lit, l] of this.labelRefs) (lit as { text: string }).text = String(stateOf.get(l));
    const clauses = this.blocks.map((b, i) => f.createCaseClause(f.createNumericLiteral(i), b.stmts));
    const m = f.createIdentifier(this.names.m);
    const v = f.createIdentifier(this.names.v);
    // A generator's step is also resumed with $m === 2 (a return at a yield, handled there).
    // Inside a `yield*` a throw(e) goes to the inner iterator (explodeYieldStar), not here.
    let thrown: TS.Expression = this.isGen ? f.createStrictEquality(m, f.createNumericLiteral(1)) : m;
    if (this.yieldStarFlag !== undefined) thrown = f.createLogicalAnd(thrown, f.createLogicalNot(this.field(this.yieldStarFlag)));
    const sw = f.createSwitchStatement(this.field('$s'), f.createCaseBlock(clauses));
    if (this.regionCount === 0 && this.blocks.length === 1 && this.labelRefs.size === 0) {
      // No suspension point and no jump: the body runs straight through, no dispatch loop.
      return [f.createIfStatement(thrown, f.createThrowStatement(v)), ...clauses[0].statements];
    }
    if (this.regionCount === 0) {
      return [
        f.createIfStatement(thrown, f.createThrowStatement(v)),
        f.createLabeledStatement(this.names.loop, f.createForStatement(undefined, undefined, undefined, sw)),
      ];
    }
    const rethrow = f.createThrowStatement(f.createIdentifier(this.names.e));
    const dispatcher = f.createSwitchStatement(
      this.field('$h'),
      f.createCaseBlock([...this.dispatch, f.createDefaultClause([rethrow])]),
    );
    const tryStmt = f.createTryStatement(
      f.createBlock(
        [
          f.createIfStatement(
            thrown,
            f.createBlock([
              f.createExpressionStatement(f.createAssignment(m, f.createNumericLiteral(0))),
              f.createThrowStatement(v),
            ]),
          ),
          sw,
        ],
        true,
      ),
      f.createCatchClause(this.names.e, f.createBlock([dispatcher], true)),
      undefined,
    );
    return [f.createLabeledStatement(this.names.loop, f.createForStatement(undefined, undefined, undefined, f.createBlock([tryStmt], true)))];
  }

  // ---- statements -----------------------------------------------------------------------------

  /**
   * A statement list; a `using` declaration turns the rest of the list into its try block. `entry`:
   * the list is a nested block being entered (not the function body, whose functions are hoisted to
   * the step's start, nor the rest of a list after `using`).
   */
  private lowerStatements(stmts: readonly TS.Statement[], entry = true): void {
    const ts = this.ts;
    if (entry) this.enterBlockBoxes(stmts);
    this.armDeadZones(stmts);
    if (entry) this.enterBlockFunctions(stmts);
    for (let i = 0; i < stmts.length; i++) {
      const s = stmts[i];
      if (ts.isVariableStatement(s) && (s.declarationList.flags & ts.NodeFlags.Using) !== 0) {
        this.lowerUsing(s.declarationList, stmts.slice(i + 1));
        return;
      }
      this.lowerStatement(s);
    }
  }

  /** Declarations whose per-iteration boxes enterBlockBoxes made. */
  private readonly enteredBoxes = new Set<TS.VariableDeclaration>();

  /**
   * In a loop, the boxes of a block's `let`/`const`/`class` bindings that closures capture, made when the
   * block is entered (where the engine creates the bindings), not at the declaration: a closure or
   * function created earlier in the block holds the box of this iteration, and the declaration
   * stores into it. (Made at the declaration, such a closure read the field, and so the box.)
   *   [source]  for (...) { await 0; const f = () => k; let k = i; fs.push(f); }
   *   [output]  this.k = { v: void 0 }; ... this.f = (($k) => () => $k.v)(this.k); this.k.v = this.i;
   */
  private enterBlockBoxes(stmts: readonly TS.Statement[]): void {
    const ts = this.ts;
    if (this.loopDepth === 0) return;
    for (const s of stmts) {
      if (ts.isClassDeclaration(s) && s.name) {
        // A class binding is per iteration too.
        for (const b of this.freshBoxes(s.name)) this.emit(this.f.createExpressionStatement(b));
        continue;
      }
      if (!ts.isVariableStatement(s)) continue;
      const flags = s.declarationList.flags;
      if ((flags & ts.NodeFlags.BlockScoped) === 0 || (flags & ts.NodeFlags.Using) !== 0) continue;
      for (const d of s.declarationList.declarations) {
        this.enteredBoxes.add(d);
        for (const b of this.freshBoxes(d.name)) this.emit(this.f.createExpressionStatement(b));
      }
    }
  }

  /** Where a class declaration stores its class: its field, or the `.v` of its box. */
  private declaredTarget(name: TS.Identifier, fld: { field: string; owner: FunctionLowerer }): TS.Expression {
    const sym = this.an.checker.getSymbolAtLocation(name);
    const access = this.frameAccess(fld.owner, fld.field);
    return sym && fld.owner.boxed.has(sym) ? this.f.createPropertyAccessExpression(access, 'v') : access;
  }

  /**
   * A block kept as written (no await in it) whose function declarations use per-iteration boxes:
   * each becomes a binding made at the block's start from a closure that receives the boxes (a
   * declaration cannot take them), where the engine would create the function.
   *   [source]  for (let k ...) { await 0; if (c) { fs.push(g); function g() { return k; } } }
   *   [output]  if (this.c) { let g = (($k) => function g() { return $k.v; })(this.k); this.fs.push(g); }
   */
  private blockWithBoxedFunctions(n: TS.Block): TS.Block | undefined {
    const ts = this.ts;
    const f = this.f;
    const fns = n.statements.filter((s): s is TS.FunctionDeclaration => ts.isFunctionDeclaration(s) && s.name !== undefined && s.body !== undefined && this.boxesUsed(s).length > 0);
    const classes = n.statements.filter((s): s is TS.ClassDeclaration => ts.isClassDeclaration(s) && s.name !== undefined && this.classBoxes(s).length > 0);
    if (fns.length === 0 && classes.length === 0) return undefined;
    const head = fns.map((d): TS.Statement => {
      const value = this.withBoxes(this.boxesUsed(d), () => this.functionValue(d)) as TS.Expression;
      const sym = this.an.checker.getSymbolAtLocation(d.name!);
      const fld = sym && this.fieldOf(sym);
      if (fld) return this.assign(this.frameAccess(fld.owner, fld.field), value);
      return this.letStatement(d.name!.text, value);
    });
    const rest = n.statements
      .filter((s) => !fns.includes(s as TS.FunctionDeclaration))
      .flatMap((s): TS.Statement[] => {
        if (!classes.includes(s as TS.ClassDeclaration)) {
          const out = this.visit(s) as TS.Node | TS.Node[];
          return (Array.isArray(out) ? out : [out]) as TS.Statement[];
        }
        // A class declaration (not hoisted) stays where it is, as a `let` of the class.
        const c = s as TS.ClassDeclaration;
        const value = this.bindClassBoxes(c, () => this.classValue(c));
        const sym = this.an.checker.getSymbolAtLocation(c.name!);
        const fld = sym && this.fieldOf(sym);
        if (fld) return [this.assign(this.declaredTarget(c.name!, fld), value)];
        return [this.letStatement(c.name!.text, value)];
      });
    return f.updateBlock(n, [...head, ...rest]);
  }

  /** A class declaration as a named class expression, its members rewritten. */
  private classValue(c: TS.ClassDeclaration): TS.ClassExpression {
    const ts = this.ts;
    const cls = this.inNested(c, () => ts.visitEachChild(c, this.visit, this.context)) as TS.ClassDeclaration;
    // The original name, not cls.name: the visitor may have rewritten that to a frame access.
    return this.f.createClassExpression(cls.modifiers?.filter((m) => ts.isDecorator(m)), c.name, cls.typeParameters, cls.heritageClauses, cls.members);
  }

  /** `let name = value;` */
  private letStatement(name: string, value: TS.Expression): TS.Statement {
    const f = this.f;
    return f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(name, undefined, undefined, value)], this.ts.NodeFlags.Let));
  }

  /** The per-iteration boxes a class declaration uses, its own name left out (isOwnClassName). */
  private classBoxes(c: TS.ClassLikeDeclaration): TS.Symbol[] {
    const own = c.name && this.an.checker.getSymbolAtLocation(c.name);
    return this.boxesUsed(c).filter((b) => b !== own);
  }

  /** Function declarations already created by enterBlockFunctions. */
  private readonly blockFunctions = new Set<TS.FunctionDeclaration>();

  /**
   * The function declarations of a nested block (or switch case block), created each time the block
   * is entered, before its first statement, as the engine instantiates them: a loop body's function
   * is a new object per iteration. The function body's own are hoisted to the step's start instead.
   *   [source]  for (const x of xs) { await f(x); function h() {} hs.push(h); }
   *   [output]  case 1: ... this.h = function h() { }; this.$s = 2; <await f(x)> case 2: hs.push(this.h);
   */
  private enterBlockFunctions(stmts: readonly TS.Statement[]): void {
    const ts = this.ts;
    for (const s of stmts) {
      if (!ts.isFunctionDeclaration(s) || !s.name || this.blockFunctions.has(s)) continue;
      const sym = this.an.checker.getSymbolAtLocation(s.name);
      const fld = sym && this.fieldOf(sym);
      if (!fld) continue; // not a frame local: stays with the body's hoisted declarations
      this.blockFunctions.add(s);
      if (this.loopDepth > 0 && this.capturesUnboxedYet(s, stmts)) continue;
      // Per-iteration bindings declared before the block (loop heads, outer blocks) have their
      // box already: the function keeps the current one, as a closure would.
      this.emit(this.assign(this.field(fld.field), this.withBoxes(this.boxesUsed(s), () => this.functionValue(s)) as TS.Expression));
    }
  }

  /**
   * In a loop, a function declaration that uses a `let`/`const` of its own block (outside the
   * function) that has no box yet when the block is entered (enterBlockBoxes boxes those of the
   * block's own statements; this is what is left, e.g. a binding of a switch's case clauses).
   * Refused: the function would read the field, and so a later box, as the value.
   */
  private capturesUnboxedYet(fn: TS.FunctionDeclaration, stmts: readonly TS.Statement[]): boolean {
    const ts = this.ts;
    const start = stmts[0].pos;
    const end = stmts[stmts.length - 1].end;
    let found: TS.Identifier | undefined;
    const visit = (n: TS.Node): void => {
      if (found) return;
      if (ts.isIdentifier(n)) {
        const sym = this.an.symbolOf(n);
        const d = sym?.valueDeclaration;
        if (sym && d && this.fieldOf(sym)?.owner === this && !this.boxed.has(sym) && d.pos >= start && d.end <= end && !(d.pos >= fn.pos && d.end <= fn.end)) {
          const decl = this.variableDeclarationOf(sym);
          if (decl !== undefined && (ts.getCombinedNodeFlags(decl) & ts.NodeFlags.BlockScoped) !== 0) found = n;
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(fn);
    if (found) refuse(this.reporter, found, 'a `let`/`const` declared in a loop that awaits, captured by a function declaration of its block', 'use a function expression or arrow function after the declaration instead.', Code.PerIterationCapture);
    return found !== undefined;
  }

  /**
   * `using` / `await using` (explicit resource management, lowered as TypeScript does for targets
   * below ESNext): the declarations and the rest of the block run in a try region; its finally
   * disposes the resources in reverse order (awaiting for `await using`), wrapping a disposal error
   * and the pending one in a SuppressedError.
   *   [source]  { await using r = open(); body }
   *   [output]  this.$env = $tscoro.denv(); this.$h = R; this.r = open(); $tscoro.duse(this.$env, this.r, true);
   *             body; this.$h = parent; this.$c = 0;
   *           case FIN: <await $tscoro.ddispose(this.$env, this.$c === 2, this.$v, true)>  <replay completion>
   */
  private lowerUsing(list: TS.VariableDeclarationList, rest: readonly TS.Statement[]): void {
    const f = this.f;
    this.usingRegion(
      list,
      (env, isAwait) => {
        for (const d of list.declarations) {
          const target = this.bindingTarget(d.name);
          this.emit(this.assign(target, d.initializer ? this.explode(d.initializer) : f.createVoidZero()));
          this.emit(this.disposable(env, target, isAwait));
          this.releaseTemps();
        }
      },
      () => this.lowerStatements(rest, false),
    );
  }

  /** `$tscoro.duse(env, value, isAwait)`: registers a resource (TypeError if it cannot be disposed). */
  private disposable(env: string, value: TS.Expression, isAwait: boolean): TS.Statement {
    const f = this.f;
    return f.createExpressionStatement(f.createCallExpression(this.rt('duse'), undefined, [this.field(env), value, isAwait ? f.createTrue() : f.createFalse()]));
  }

  /**
   * The region of a `using` declaration (lowerUsing) or of one iteration of a `for (using r of xs)`
   * (lowerForOf, lowerForAwait): a fresh resource stack, then `bind` (which registers the
   * resources) and `body` in a try region whose finally disposes them. Break, continue and return
   * out of the body pass through it, so an iteration's resource is disposed before the loop goes
   * on or its iterator is closed, as the engine disposes an iteration's environment first.
   */
  private usingRegion(list: TS.VariableDeclarationList, bind: (env: string, isAwait: boolean) => void, body: () => void): void {
    const f = this.f;
    const isAwait = (list.flags & this.ts.NodeFlags.AwaitUsing) === this.ts.NodeFlags.AwaitUsing;
    this.asyncRegions = true;
    const env = this.freshName('$env');
    this.extra.push(env);
    this.emit(this.assign(this.field(env), f.createCallExpression(this.rt('denv'), undefined, [])));
    const ctx = this.finallyRegion();
    this.trys.push(ctx);
    this.exits.push({ kind: 'finally', ctx });
    this.emit(this.assign(this.field('$h'), this.num(ctx.tryRegion)));
    bind(env, isAwait);
    body();
    this.enterFinally(ctx);
    const dispose = f.createCallExpression(this.rt('ddispose'), undefined, [
      this.field(env),
      f.createStrictEquality(this.field(ctx.cField), f.createNumericLiteral(2)),
      this.field(ctx.vField),
      isAwait ? f.createTrue() : f.createFalse(),
    ]);
    if (isAwait) this.suspend(dispose, list);
    else this.emit(f.createExpressionStatement(dispose));
    this.emit(this.assign(this.field(env), f.createVoidZero()));
    this.replayCompletion(ctx);
    this.trys.pop();
  }

  /** The head's declaration list of `for (using r of xs)` / `for (await using r of xs)`, else undefined. */
  private usingHead(s: TS.ForOfStatement): TS.VariableDeclarationList | undefined {
    const init = s.initializer;
    return this.ts.isVariableDeclarationList(init) && (init.flags & this.ts.NodeFlags.Using) !== 0 ? init : undefined;
  }

  /**
   * One iteration of `for (using r of xs)` (lowerForOf, lowerForAwait): the binding and the body in
   * a usingRegion, so each iteration's value is disposed when the iteration ends, however it ends
   * (break, continue, return, throw), before the iterator is closed.
   *   [source]  for (using r of xs) body
   *   [output]  (as `for (const r of xs) { using $ = r; body }`, the resource being r itself)
   *             HEAD: ... this.$env = denv(); this.$h = R; this.r = $r.value; duse(this.$env, this.r, false);
   *             body; FIN: ddispose(this.$env, ...); <replay completion>; goto HEAD
   */
  private usingIteration(head: TS.VariableDeclarationList, value: TS.Expression, body: TS.Statement): void {
    this.usingRegion(
      head,
      (env, isAwait) => {
        this.bindLoopVariable(head, value);
        this.emit(this.disposable(env, this.bindingTarget(head.declarations[0].name), isAwait));
        this.releaseTemps();
      },
      () => this.lowerStatement(body),
    );
  }

  /**
   * `yield x` in an async generator: x is awaited (as the engine does), kept in $y, and the step
   * returns Y (asyncgen.ts hands the value to the request that resumed the generator). It resumes
   * here with next(v) (the yield's value is v), throw(e) (thrown by the step's prologue) or
   * return(v) ($m === 2: v is awaited, then returned through the enclosing finally blocks).
   *   [source]  const r = yield x;
   *   [output]  <await x>; this.$y = $v; this.$s = K; return $Y;
   *           case K: if ($m !== 2) goto C; $m = 0; <await $v>; <return $v>
   *           case C: r = $v;
   */
  explodeYield(e: TS.YieldExpression): TS.Expression {
    const f = this.f;
    if (e.asteriskToken) return this.explodeYieldStar(e);
    const value = e.expression ? this.suspend(this.explode(e.expression), e) : f.createVoidZero();
    this.emit(this.assign(this.field('$y'), value));
    const k = this.newLabel();
    this.emit(this.assign(this.field('$s'), this.labelRef(k)));
    this.emit(f.createReturnStatement(this.rt('Y')));
    this.mark(k);
    const m = f.createIdentifier(this.names.m);
    const cont = this.newLabel();
    this.jumpIf(f.createStrictInequality(m, f.createNumericLiteral(2)), cont);
    this.emit(f.createExpressionStatement(f.createAssignment(m, f.createNumericLiteral(0))));
    const returned = this.suspend(f.createIdentifier(this.names.v), e);
    for (const st of this.returnStmts(returned, this.exitsInnermostFirst(0))) this.emit(st);
    this.mark(cont);
    return f.createIdentifier(this.names.v);
  }

  /**
   * `yield* inner` in an async generator: a loop that forwards each request to inner's async
   * iterator (protocol `ydel`, one awaited step: next/throw/return by how the generator was
   * resumed) and yields what it produces, until it is done (its value is the `yield*`'s) or ends
   * the generator with a return. While the generator is suspended in it, `$yd` is set so that the
   * step's prologue passes a throw(e) on to the inner iterator instead of throwing it here.
   *   [source]  const r = yield* inner;
   *   [output]  this.$dit = $ai(inner); this.$dm = 0; this.$dv = void 0;
   *           case L: <this.$dr = await $ydel(this, this.$dit, this.$dm, this.$dv)>
   *             if (this.$dr === $DR) <return this.$y>;  if (this.$dr.done) goto D;
   *             this.$y = this.$dr.value; this.$yd = 1; this.$s = K; return $Y;
   *           case K: this.$yd = 0; this.$dm = $m; this.$dv = $v; $m = 0; goto L;
   *           case D: r = this.$dr.value;
   */
  private explodeYieldStar(e: TS.YieldExpression): TS.Expression {
    const f = this.f;
    const it = this.freshName('$dit');
    const mode = this.freshName('$dm');
    const val = this.freshName('$dv');
    const res = this.freshName('$dr');
    this.extra.push(it, mode, val, res);
    if (this.yieldStarFlag === undefined) this.extra.push((this.yieldStarFlag = this.freshName('$yd')));
    const flag = this.yieldStarFlag;
    this.emit(this.assign(this.field(it), f.createCallExpression(this.rt('ai'), undefined, [this.explode(e.expression!)])));
    this.releaseTemps();
    this.emit(this.assign(this.field(mode), f.createNumericLiteral(0)));
    this.emit(this.assign(this.field(val), f.createVoidZero()));
    const loop = this.newLabel();
    const done = this.newLabel();
    const ret = this.newLabel();
    this.mark(loop);
    const step = this.suspend(f.createCallExpression(this.rt('ydel'), undefined, [this.self(), this.field(it), this.field(mode), this.field(val)]), e);
    this.emit(this.assign(this.field(res), step));
    this.jumpIf(f.createStrictEquality(this.field(res), this.rt('DR')), ret);
    this.jumpIf(f.createPropertyAccessExpression(this.field(res), 'done'), done);
    this.emit(this.assign(this.field('$y'), f.createPropertyAccessExpression(this.field(res), 'value')));
    this.emit(this.assign(this.field(flag), f.createNumericLiteral(1)));
    const k = this.newLabel();
    this.emit(this.assign(this.field('$s'), this.labelRef(k)));
    this.emit(f.createReturnStatement(this.rt('Y')));
    this.mark(k);
    const m = f.createIdentifier(this.names.m);
    this.emit(this.assign(this.field(flag), f.createNumericLiteral(0)));
    this.emit(this.assign(this.field(mode), m));
    this.emit(this.assign(this.field(val), f.createIdentifier(this.names.v)));
    this.emit(f.createExpressionStatement(f.createAssignment(m, f.createNumericLiteral(0))));
    this.jump(loop);
    this.mark(ret);
    const t = this.temp();
    this.emit(this.assign(this.field(t), this.field('$y')));
    this.emit(this.assign(this.field('$y'), f.createVoidZero()));
    this.emit(this.assign(this.field(it), f.createVoidZero()));
    for (const st of this.returnStmts(this.field(t), this.exitsInnermostFirst(0))) this.emit(st);
    this.mark(done);
    this.emit(this.assign(this.field(it), f.createVoidZero()));
    this.emit(this.assign(this.field(val), f.createVoidZero()));
    const out = this.temp();
    this.emit(this.assign(this.field(out), f.createPropertyAccessExpression(this.field(res), 'value')));
    this.emit(this.assign(this.field(res), f.createVoidZero()));
    return this.field(out);
  }

  /** The frame field set while the generator is suspended inside a `yield*` (see explodeYieldStar). */
  private yieldStarFlag: string | undefined;

  lowerStatement(s: TS.Statement, labels: string[] = []): void {
    const ts = this.ts;
    const f = this.f;
    if (ts.isFunctionDeclaration(s)) {
      if (this.blockFunctions.has(s)) return; // created on entering its block (enterBlockFunctions)
      // Hoisted: callable from the first line of the body, as JavaScript hoists it.
      if (s.name) {
        const sym = this.an.checker.getSymbolAtLocation(s.name);
        const fld = sym && this.fieldOf(sym);
        const value = this.functionValue(s);
        if (fld) this.hoisted.push(this.assign(this.field(fld.field), value));
        else {
          const out = this.rewrite(s) as TS.Node | TS.Node[];
          this.hoisted.push(...((Array.isArray(out) ? out : [out]) as TS.Statement[]));
        }
      }
      return;
    }
    if (!this.an.containsAwait(s) && labels.length === 0) {
      const out = this.rewrite(s);
      if (!(ts.isEmptyStatement(out) && !ts.isEmptyStatement(s))) this.emit(out);
      return;
    }
    if (ts.isBlock(s)) {
      this.lowerStatements(s.statements);
      return;
    }
    if (ts.isLabeledStatement(s)) {
      const all = [...labels, s.label.text];
      if (ts.isIterationStatement(s.statement, false)) this.lowerStatement(s.statement, all);
      else {
        const end = this.newLabel();
        this.targets.push({ kind: 'label', labels: all, breakLabel: end, continueLabel: -1, breakDepth: this.exits.length, continueDepth: this.exits.length, h: this.currentH() });
        this.lowerStatement(s.statement);
        this.targets.pop();
        this.mark(end);
      }
      return;
    }
    if (ts.isExpressionStatement(s)) {
      const r = this.explode(s.expression);
      if (!isStable(ts, r) && !(ts.isIdentifier(r) && r.text === this.names.v)) this.emit(f.createExpressionStatement(r));
      this.releaseTemps();
      return;
    }
    if (ts.isVariableStatement(s)) {
      this.lowerDeclarations(s.declarationList);
      this.releaseTemps();
      return;
    }
    if (ts.isReturnStatement(s)) {
      // An async generator awaits what it returns, before leaving any try.
      const value = s.expression ? (this.isGen ? this.suspend(this.explode(s.expression), s) : this.explode(s.expression)) : f.createVoidZero();
      for (const st of this.returnStmts(value, this.exitsInnermostFirst(0))) this.emit(st);
      this.releaseTemps();
      return;
    }
    if (ts.isThrowStatement(s)) {
      this.emit(f.createThrowStatement(this.explode(s.expression)));
      this.releaseTemps();
      return;
    }
    if (ts.isIfStatement(s)) return this.lowerIf(s);
    if (ts.isWhileStatement(s) || ts.isDoStatement(s) || ts.isForStatement(s)) return this.lowerLoop(s, labels);
    if (ts.isForOfStatement(s)) {
      if (s.awaitModifier) return this.lowerForAwait(s, labels);
      return this.lowerForOf(s, labels);
    }
    if (ts.isForInStatement(s)) return this.lowerForIn(s, labels);
    if (ts.isSwitchStatement(s)) return this.lowerSwitch(s, labels);
    if (ts.isTryStatement(s)) return this.lowerTry(s);
    if (ts.isBreakStatement(s) || ts.isContinueStatement(s)) {
      for (const st of this.jumpFor(s)) this.emit(st);
      return;
    }
    if (ts.isClassDeclaration(s) && s.name) {
      // `class C extends (await base()) {...}`: a frame field assigned from the lowered class.
      const sym = this.an.checker.getSymbolAtLocation(s.name);
      const fld = sym && this.fieldOf(sym);
      const cls = this.explodeClass(s);
      this.emit(fld ? this.assign(this.declaredTarget(s.name, fld), cls) : f.createExpressionStatement(cls));
      this.releaseTemps();
      return;
    }
    refuse(this.reporter, s, `await inside ${ts.SyntaxKind[s.kind]}`, 'move the await into its own statement.');
  }

  private lowerDeclarations(list: TS.VariableDeclarationList): void {
    const ts = this.ts;
    const f = this.f;
    if ((list.flags & ts.NodeFlags.Using) !== 0) {
      refuse(this.reporter, list, '`using` / `await using`', 'use try/finally to dispose the resource.');
      return;
    }
    const isLet = (list.flags & ts.NodeFlags.BlockScoped) !== 0;
    for (const d of list.declarations) {
      if (this.loopDepth > 0 && isLet && !this.enteredBoxes.has(d)) for (const b of this.freshBoxes(d.name)) this.emit(f.createExpressionStatement(b));
      if (d.initializer === undefined) {
        // `let x;` re-initialises on every execution (each loop iteration starts undefined).
        if (isLet && ts.isIdentifier(d.name)) this.emit(this.assign(this.bindingTarget(d.name), f.createVoidZero()));
        continue;
      }
      const value = this.explode(d.initializer);
      if (ts.isIdentifier(d.name)) this.emit(this.assign(this.bindingTarget(d.name), this.named(d.name, d.initializer, value)));
      else this.bindPattern(d.name, value, d.initializer);
    }
  }

  /**
   * Binds a declaration/loop/catch name to `value`; patterns with awaits are destructured by hand.
   * `source`: a declaration's initializer, which V8 names when it is not iterable.
   */
  private bindPattern(name: TS.BindingName, value: TS.Expression, source?: TS.Expression): void {
    const f = this.f;
    if (!this.ts.isIdentifier(name) && this.an.containsAwait(name)) {
      const bare = source && skipWrappers(this.ts, source);
      // V8 quotes a name or a literal there; anything else gets its message naming the value.
      const quoted = bare !== undefined && (this.ts.isIdentifier(bare) || this.ts.isLiteralExpression(bare) || bare.kind === this.ts.SyntaxKind.NullKeyword);
      this.destructure(name, value, quoted ? messageText(this.ts, source!, 'iter') : undefined, source && messageText(this.ts, source));
    }
    else if (this.ts.isObjectBindingPattern(name) && source !== undefined && this.an.containsAwait(source) && !this.ts.isObjectLiteralExpression(skipWrappers(this.ts, source))) {
      // The value is an await's result or a temp: V8 would name that in its TypeError for null.
      const v = this.rereadable(value) ? value : this.save(value);
      this.emit(f.createExpressionStatement(f.createAssignment(this.bindingTarget(name) as TS.ObjectLiteralExpression, this.nonNullish(name, v, messageText(this.ts, source)))));
    } else this.emit(f.createExpressionStatement(f.createAssignment(this.bindingTarget(name) as TS.ObjectLiteralExpression, value)));
  }

  /**
   * `$v`, a local or a field of the frame: read twice, it gives the same value and runs nothing.
   * (In an arrow step `this` is the user's, whose property may be a getter: not rereadable.)
   */
  private rereadable(e: TS.Expression): boolean {
    const ts = this.ts;
    if (ts.isIdentifier(e)) return true;
    if (!ts.isPropertyAccessExpression(e) || !ts.isIdentifier(e.name)) return false;
    return this.arrowStepFrame !== undefined
      ? ts.isIdentifier(e.expression) && e.expression.text === this.arrowStepFrame
      : e.expression.kind === ts.SyntaxKind.ThisKeyword;
  }

  /**
   * `value` (read twice) checked for null and undefined before object pattern `pattern` takes it
   * apart, with the TypeError V8 throws for the pattern as written (protocol `coercible`, see
   * destructuring.ts); natively V8 prints the source expression, here it would print a temp.
   * `text`: how V8 prints that source.
   *   [source]  const { a } = await f();
   *   [output]  ({ a: this.a } = $v ?? $coercible($v, "(intermediate value)", "a"));
   */
  nonNullish(pattern: TS.Node, value: TS.Expression, text: string): TS.Expression {
    const f = this.f;
    return f.createBinaryExpression(value, this.ts.SyntaxKind.QuestionQuestionToken, this.coercibleCall(pattern, value, text, false));
  }

  /**
   * `$coercible(value, text, key, read)` for object pattern `pattern` (see nonNullish). `nested`: the
   * pattern is the target of another's element, whose null V8 reports as a failed read of its first
   * key; `text` undefined otherwise: the message names the value.
   */
  private coercibleCall(pattern: TS.Node, value: TS.Expression, text: string | undefined, nested: boolean): TS.Expression {
    const ts = this.ts;
    const f = this.f;
    const first = this.patternElements(pattern)?.items[0];
    const k = first !== undefined && !first.rest ? first.key : undefined;
    let key: string | undefined;
    if (k !== undefined && (ts.isIdentifier(k) || ts.isStringLiteral(k) || ts.isNoSubstitutionTemplateLiteral(k))) key = k.text;
    else if (k !== undefined && ts.isNumericLiteral(k)) key = String(Number(k.text));
    // V8's wordings: a first key with a default reads it; one whose target is a pattern with a
    // default names that default instead of the value (V8 prints the wrong node; copied as is).
    let read = key !== undefined && nested;
    if (key !== undefined && text !== undefined && !nested && first!.init !== undefined) {
      if (this.patternElements(first!.target) === undefined) read = true;
      else text = messageText(ts, first!.init);
    }
    const args: TS.Expression[] = [value, text === undefined ? f.createVoidZero() : f.createStringLiteral(text)];
    if (key !== undefined) args.push(f.createStringLiteral(key));
    if (read) args.push(f.createTrue());
    if (text === undefined && !read) args.length = 1;
    return f.createCallExpression(this.rt('coercible'), undefined, args);
  }

  /**
   * Destructuring whose defaults or computed keys await, done step by step in JavaScript's order:
   * each property is read, its default evaluated (and awaited) only when the value is undefined.
   * Works on binding patterns (declarations, catch, loop heads) and on assignment patterns
   * (`({ a = await f() } = o)`), whose member targets are evaluated before the value is read.
   *   [source]  const { a, b = await f() } = o;
   *   [output]  this.$t0 = this.o; <null check> this.a = this.$t0["a"]; this.$t1 = this.$t0["b"];
   *             if (this.$t1 === void 0) { <await f()> this.$t1 = $v; } this.b = this.$t1;
   * Array patterns step the iterator; one left unfinished is closed with return().
   */
  destructure(pattern: TS.BindingName | TS.Expression, value: TS.Expression, iterText?: string, objectText?: string, nested = false): void {
    const ts = this.ts;
    const f = this.f;
    const elems = this.patternElements(pattern);
    if (elems === undefined) {
      // A leaf: a name, or (assignment patterns) any assignment target.
      if (ts.isIdentifier(pattern)) this.emit(this.leafWrite(pattern, value));
      else this.emit(this.assign(this.explodeTarget(pattern as TS.Expression), value));
      return;
    }
    const src = this.temp();
    this.emit(this.assign(this.field(src), value));
    // A default is named after an identifier target (`[a = () => {}]` names it "a"), not the temp.
    const withDefault = (v: TS.Expression, init: TS.Expression | undefined, target: TS.Node): TS.Expression => {
      if (!init) return v;
      const t = this.temp();
      const skip = this.newLabel();
      this.emit(this.assign(this.field(t), v));
      this.jumpIf(f.createStrictInequality(this.field(t), f.createVoidZero()), skip);
      const value = this.explode(init);
      this.emit(this.assign(this.field(t), ts.isIdentifier(target) ? this.named(target, init, value) : value));
      this.mark(skip);
      return this.field(t);
    };
    // A member target (assignment patterns) is evaluated before its value is read.
    const leafFirst = (target: TS.Node): TS.Node => {
      if (ts.isIdentifier(target) || this.patternElements(target) !== undefined) return target;
      const ref = this.explodeTarget(target as TS.Expression);
      return ref;
    };
    // A nested pattern whose value came through a default: V8 names it "(intermediate value)".
    const bind = (target: TS.Node, v: TS.Expression, defaulted = false): void => {
      if (ts.isIdentifier(target) || this.patternElements(target) !== undefined) this.destructure(target as TS.BindingName, v, defaulted ? '(intermediate value)' : undefined, undefined, true);
      else this.emit(this.assign(target as TS.Expression, v));
    };
    if (elems.object) {
      this.emit(f.createExpressionStatement(this.coercibleCall(pattern, this.field(src), objectText, nested)));
      const keys: TS.Expression[] = [];
      for (const el of elems.items) {
        if (el.rest) {
          const t = leafFirst(el.target);
          bind(t, f.createCallExpression(this.rt('orest'), undefined, [this.field(src), f.createArrayLiteralExpression(keys)]));
          continue;
        }
        const prop = el.key!;
        let key: TS.Expression;
        if (ts.isComputedPropertyName(prop)) {
          const k = this.temp();
          this.emit(this.assign(this.field(k), this.explode(prop.expression)));
          key = this.field(k);
        } else if (ts.isIdentifier(prop) || ts.isPrivateIdentifier(prop)) key = f.createStringLiteral(prop.text);
        else key = f.createStringLiteral((prop as TS.StringLiteral | TS.NumericLiteral).text);
        keys.push(key);
        const t = leafFirst(el.target);
        bind(t, withDefault(f.createElementAccessExpression(this.field(src), key), el.init, t));
      }
      return;
    }
    // Array pattern: the iterator protocol, as the engine runs it (SyncIter: `next` read once; a
    // step that throws leaves the iterator done; the end closes it unless it is done). The
    // elements are a handler region, as a for-of body: a throw out of a default or a target closes
    // the iterator quietly and goes on; a generator's return at a yield in a default closes it.
    //   [source]  const [a = await f()] = xs;
    //   [output]  $it = $iter(xs); $h = R; $t = $it.step(); if ($t === void 0) <await f()> ...
    //             a = $t; $h = parent; $it.close();
    //             dispatcher R: $h = parent; $e2 = $e; goto CLOSE
    //             case CLOSE: $it.closeQuiet(); throw $e2;
    const it = this.temp();
    const err = this.temp();
    this.emit(this.assign(this.field(it), f.createCallExpression(this.rt('iter'), undefined, iterText === undefined ? [this.field(src)] : [this.field(src), f.createStringLiteral(iterText)])));
    const parentH = this.currentH();
    const region = this.regionCount++;
    const close = this.newLabel();
    this.iterRegions.push({ region, depth: this.trys.length });
    this.exits.push({ kind: 'iter', field: it, spare: err });
    this.emit(this.assign(this.field('$h'), this.num(region)));
    const step = (): TS.Expression => f.createCallExpression(f.createPropertyAccessExpression(this.field(it), 'step'), undefined, []);
    for (const el of elems.items) {
      if (el.hole) {
        this.emit(f.createExpressionStatement(step()));
        continue;
      }
      const t = leafFirst(el.target);
      if (el.rest) {
        bind(t, f.createCallExpression(f.createPropertyAccessExpression(this.field(it), 'rest'), undefined, []));
        continue;
      }
      const v = this.temp();
      this.emit(this.assign(this.field(v), step()));
      bind(t, withDefault(this.field(v), el.init, t), el.init !== undefined);
    }
    this.exits.pop();
    this.iterRegions.pop();
    this.emit(this.assign(this.field('$h'), this.num(parentH)));
    this.emit(f.createExpressionStatement(f.createCallExpression(f.createPropertyAccessExpression(this.field(it), 'close'), undefined, [])));
    this.dispatch.push(
      f.createCaseClause(this.num(region), [
        this.assign(this.field('$h'), this.num(parentH)),
        this.assign(this.field(err), f.createIdentifier(this.names.e)),
        this.assign(this.field('$s'), this.labelRef(close)),
        f.createBreakStatement(),
      ]),
    );
    this.deferred.push({
      label: close,
      stmts: [
        f.createExpressionStatement(f.createCallExpression(f.createPropertyAccessExpression(this.field(it), 'closeQuiet'), undefined, [])),
        f.createThrowStatement(this.field(err)),
      ],
    });
  }

  /** The elements of a binding or assignment pattern, uniformly; undefined for a leaf target. */
  private patternElements(
    p: TS.Node,
  ): { object: boolean; items: { key?: TS.PropertyName; target: TS.Node; init?: TS.Expression; rest?: boolean; hole?: boolean }[] } | undefined {
    const ts = this.ts;
    if (ts.isObjectBindingPattern(p))
      return {
        object: true,
        items: p.elements.map((el) => ({ key: el.propertyName ?? (el.name as TS.Identifier), target: el.name, init: el.initializer, rest: !!el.dotDotDotToken })),
      };
    if (ts.isArrayBindingPattern(p))
      return {
        object: false,
        items: p.elements.map((el) =>
          ts.isOmittedExpression(el) ? { target: el, hole: true } : { target: el.name, init: el.initializer, rest: !!el.dotDotDotToken },
        ),
      };
    const split = (e: TS.Node): { target: TS.Node; init?: TS.Expression } =>
      ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken ? { target: e.left, init: e.right } : { target: e };
    if (ts.isObjectLiteralExpression(p))
      return {
        object: true,
        items: p.properties.map((prop) => {
          if (ts.isShorthandPropertyAssignment(prop)) return { key: prop.name, target: prop.name, init: prop.objectAssignmentInitializer };
          if (ts.isSpreadAssignment(prop)) return { target: prop.expression, rest: true };
          const pa = prop as TS.PropertyAssignment;
          return { key: pa.name, ...split(pa.initializer) };
        }),
      };
    if (ts.isArrayLiteralExpression(p))
      return {
        object: false,
        items: p.elements.map((el) =>
          ts.isOmittedExpression(el) ? { target: el, hole: true } : ts.isSpreadElement(el) ? { target: el.expression, rest: true } : split(el),
        ),
      };
    return undefined;
  }

  /** Marks a loop's block-scoped binding; returns `this.x = { v: void 0 }` for those that need a box. */
  private freshBoxes(name: TS.BindingName): TS.Expression[] {
    const ts = this.ts;
    const f = this.f;
    if (this.captured === null) this.captured = this.collectCaptured();
    const out: TS.Expression[] = [];
    const visit = (n: TS.BindingName): void => {
      if (ts.isIdentifier(n)) {
        const sym = this.an.checker.getSymbolAtLocation(n);
        const fld = sym && this.fieldOf(sym);
        if (sym && fld && this.captured!.has(sym)) {
          this.boxed.add(sym);
          // Read early somewhere (a closure made before the declaration): the box starts in the dead zone.
          out.push(f.createAssignment(this.frameAccess(this, fld.field), this.box(this.tdzInfo().syms.has(sym) ? this.rt('Z') : f.createVoidZero())));
        }
      } else for (const el of n.elements) if (!ts.isOmittedExpression(el)) visit(el.name);
    };
    visit(name);
    return out;
  }

  private box(value: TS.Expression): TS.Expression {
    return this.f.createObjectLiteralExpression([this.f.createPropertyAssignment('v', value)]);
  }

  jsxEmit(): TS.JsxEmit | undefined {
    return this.context.getCompilerOptions().jsx;
  }

  unchangedAcross(e: TS.Expression, later: readonly TS.Node[]): boolean {
    const ts = this.ts;
    while (ts.isParenthesizedExpression(e)) e = e.expression;
    if (!ts.isIdentifier(e)) return false;
    const sym = this.an.symbolOf(e);
    if (sym === undefined || this.fieldOf(sym)?.owner !== this || this.boxed.has(sym)) return false;
    // A read that may be in the local's dead zone throws: that must happen before later awaits.
    if (this.tdzInfo().reads.has(e)) return false;
    if (this.captured === null) this.captured = this.collectCaptured();
    if (this.captured.has(sym)) return false;
    let mentioned = false;
    const visit = (n: TS.Node): void => {
      if (mentioned) return;
      if (ts.isIdentifier(n) && this.an.symbolOf(n) === sym) mentioned = true;
      else ts.forEachChild(n, visit);
    };
    for (const n of later) visit(n);
    return !mentioned;
  }

  /** Symbols of this function's fields that some nested function refers to. */
  private collectCaptured(): Set<TS.Symbol> {
    const ts = this.ts;
    const out = new Set<TS.Symbol>();
    const visit = (n: TS.Node, depth: number): void => {
      if (depth > 0 && ts.isIdentifier(n)) {
        const sym = this.an.symbolOf(n);
        if (sym && this.fieldOf(sym)?.owner === this) out.add(sym);
      }
      const d = this.an.isFunctionBoundary(n) || ts.isClassLike(n) ? depth + 1 : depth;
      ts.forEachChild(n, (c) => visit(c, d));
    };
    ts.forEachChild(this.fn.body!, (c) => visit(c, 0));
    return out;
  }

  /** `=`, `||=`, `&&=`, `??=`: the assignments that name an anonymous function after their target. */
  private namesItsValue(op: TS.SyntaxKind): boolean {
    const K = this.ts.SyntaxKind;
    return op === K.EqualsToken || op === K.BarBarEqualsToken || op === K.AmpersandAmpersandEqualsToken || op === K.QuestionQuestionEqualsToken;
  }

  /** A binding name as an assignment target: identifiers become frame fields, patterns literals. */
  bindingTarget(name: TS.BindingName): TS.Expression {
    const ts = this.ts;
    const f = this.f;
    if (ts.isIdentifier(name)) return this.refFor(name);
    // A default names an anonymous function after its binding, which a frame field would not.
    const dflt = (el: TS.BindingElement, target: TS.Expression, init: TS.Expression | undefined): TS.Expression => {
      if (!init) return target;
      if (this.an.containsAwait(init)) this.refuseExpr(init, 'await in a destructuring default');
      const value = this.rewrite(init);
      return f.createAssignment(target, ts.isIdentifier(el.name) && !ts.isIdentifier(target) ? this.named(el.name, init, value) : value);
    };
    if (ts.isObjectBindingPattern(name)) {
      return f.createObjectLiteralExpression(
        name.elements.map((el) => {
          if (el.dotDotDotToken) return f.createSpreadAssignment(this.bindingTarget(el.name));
          const key = el.propertyName ?? (el.name as TS.Identifier);
          const keyNode = ts.isComputedPropertyName(key) ? f.createComputedPropertyName(this.rewrite(key.expression)) : ts.isIdentifier(key) ? f.createIdentifier(key.text) : this.rewrite(key);
          return f.createPropertyAssignment(keyNode, dflt(el, this.bindingTarget(el.name), el.initializer));
        }),
      );
    }
    return f.createArrayLiteralExpression(
      name.elements.map((el) => {
        if (ts.isOmittedExpression(el)) return f.createOmittedExpression();
        if (el.dotDotDotToken) return f.createSpreadElement(this.bindingTarget(el.name));
        return dflt(el, this.bindingTarget(el.name), el.initializer);
      }),
    );
  }

  /** A reference to a declared name: its frame field, or the identifier if it stays native. */
  refFor(id: TS.Identifier): TS.Expression {
    const sym = this.an.symbolOf(id);
    const fld = sym && this.fieldOf(sym);
    if (!fld) return this.f.createIdentifier(id.text);
    if (fld.owner.boxed.has(sym!)) return this.rewriteIdentifier(id) as TS.Expression;
    return this.frameAccess(fld.owner, fld.field);
  }

  /**
   * `arguments` as written at the current point of the body, for the wrapper of a nested async
   * arrow (its `arguments` are this function's): the frame's `$args` where the step stands in for
   * the function, the identifier inside nested plain functions and in arrow steps.
   *   [source]  async function f() { const g = async () => { await 0; return arguments[0]; }; }
   *   [output]  g = { g: () => { return new g$(this.$args); } }.g;   (`arguments` there are $step's)
   */
  argumentsRef(): TS.Expression {
    return this.direct && this.arrowStepFrame === undefined ? this.frameAccess(this, '$args') : this.f.createIdentifier('arguments');
  }

  private frameAccess(owner: FunctionLowerer, field: string): TS.Expression {
    if (owner === this && (this.direct || this.arrowStepFrame !== undefined)) return this.field(field);
    if (owner.arrowStepFrame !== undefined) return this.f.createPropertyAccessExpression(this.f.createIdentifier(owner.arrowStepFrame), field);
    owner.usesFrameVar = true;
    return this.f.createPropertyAccessExpression(this.f.createIdentifier(owner.frameVar), field);
  }

  private functionValue(s: TS.FunctionDeclaration): TS.Expression {
    const out = this.rewrite(s);
    if (this.ts.isFunctionDeclaration(out)) {
      return this.f.createFunctionExpression(
        out.modifiers?.filter((m) => m.kind !== this.ts.SyntaxKind.ExportKeyword && m.kind !== this.ts.SyntaxKind.DefaultKeyword) as TS.Modifier[] | undefined,
        out.asteriskToken,
        out.name,
        out.typeParameters,
        out.parameters,
        out.type,
        out.body ?? this.f.createBlock([]),
      );
    }
    return out as unknown as TS.Expression; // a lowered nested async function returns an expression
  }

  private lowerIf(s: TS.IfStatement): void {
    const f = this.f;
    const cond = this.explode(s.expression);
    const branchesAwait = this.an.containsAwait(s.thenStatement) || (s.elseStatement && this.an.containsAwait(s.elseStatement));
    if (!branchesAwait) {
      this.emit(f.createIfStatement(cond, this.rewrite(s.thenStatement), s.elseStatement && this.rewrite(s.elseStatement)));
      this.releaseTemps();
      return;
    }
    const elseL = this.newLabel();
    const end = this.newLabel();
    this.jumpIf(f.createLogicalNot(paren(f, cond)), s.elseStatement ? elseL : end);
    this.releaseTemps();
    this.lowerStatement(s.thenStatement);
    if (s.elseStatement) {
      this.jump(end);
      this.mark(elseL);
      this.lowerStatement(s.elseStatement);
    }
    this.mark(end);
  }

  private loopTarget(labels: string[], brk: number, cont: number, breakDepth: number): JumpTarget {
    return { kind: 'loop', labels, breakLabel: brk, continueLabel: cont, breakDepth, continueDepth: this.exits.length, h: this.currentH() };
  }

  private lowerLoop(s: TS.WhileStatement | TS.DoStatement | TS.ForStatement, labels: string[]): void {
    const ts = this.ts;
    const f = this.f;
    const head = this.newLabel();
    const cont = this.newLabel();
    const end = this.newLabel();
    if (ts.isForStatement(s) && s.initializer) {
      if (ts.isVariableDeclarationList(s.initializer)) {
        // `for (let i = i; ...)` reads i in its dead zone.
        for (const d of s.initializer.declarations) this.armDeadZone(d.name);
        this.loopDepth++;
        this.lowerDeclarations(s.initializer);
        this.loopDepth--;
      } else {
        const r = this.explode(s.initializer);
        if (!isStable(ts, r)) this.emit(f.createExpressionStatement(r));
      }
      this.releaseTemps();
    }
    if (ts.isDoStatement(s)) this.jump(head);
    const test = ts.isDoStatement(s) ? undefined : ts.isForStatement(s) ? s.condition : s.expression;
    if (ts.isDoStatement(s)) {
      this.mark(cont);
      this.jumpIf(f.createLogicalNot(paren(f, this.explode(s.expression))), end);
      this.releaseTemps();
    }
    this.mark(head);
    if (test) {
      this.jumpIf(f.createLogicalNot(paren(f, this.explode(test))), end);
      this.releaseTemps();
    }
    this.targets.push(this.loopTarget(labels, end, cont, this.exits.length));
    this.loopDepth++;
    this.lowerStatement(s.statement);
    this.loopDepth--;
    this.targets.pop();
    if (ts.isDoStatement(s)) this.jump(cont);
    else {
      this.mark(cont);
      // A new binding per iteration, carrying the value over, before the incrementor runs.
      if (ts.isForStatement(s) && s.initializer && ts.isVariableDeclarationList(s.initializer))
        for (const d of s.initializer.declarations)
          for (const id of boundNames(ts, d.name)) {
            const sym = this.an.checker.getSymbolAtLocation(id);
            if (sym && this.boxed.has(sym)) {
              const fld = this.frameAccess(this, this.fieldOf(sym)!.field);
              this.emit(this.assign(fld, this.box(f.createPropertyAccessExpression(this.frameAccess(this, this.fieldOf(sym)!.field), 'v'))));
            }
          }
      if (ts.isForStatement(s) && s.incrementor) {
        const r = this.explode(s.incrementor);
        if (!isStable(ts, r)) this.emit(f.createExpressionStatement(r));
        this.releaseTemps();
      }
      this.jump(head);
    }
    this.mark(end);
  }

  private bindLoopVariable(init: TS.ForInitializer, value: TS.Expression): void {
    const ts = this.ts;
    const f = this.f;
    if (ts.isVariableDeclarationList(init)) {
      const d = init.declarations[0];
      if ((init.flags & ts.NodeFlags.BlockScoped) !== 0) for (const b of this.freshBoxes(d.name)) this.emit(f.createExpressionStatement(b));
      // Each iteration's binding starts in its dead zone: `for (const [a = a] of xs)` throws.
      this.armDeadZone(d.name);
      this.bindPattern(d.name, value);
    } else if ((ts.isArrayLiteralExpression(init) || ts.isObjectLiteralExpression(init)) && this.an.containsAwait(init)) {
      // `for ([a, b = await f()] of xs)`: an assignment pattern that awaits, taken apart step by step.
      this.destructure(init, value);
    } else this.emit(f.createExpressionStatement(f.createAssignment(this.explodeTarget(init) as TS.Identifier, value)));
  }

  /**
   * The body (with the loop variable's binding) is a handler region: a throw out of it closes the
   * iterator, ignoring what return() throws, and rethrows to the enclosing handler, as IteratorClose
   * does natively. next() runs outside the region: an iterator that throws is not closed.
   *   [source]                     [output]
   *   for (const x of xs) {          $it = $iter(xs, "xs");  (a SyncIter: next read once)
   *     await use(x);              case HEAD: $h = parent; $r = $it.next(); if ($r.done) goto END;
   *   }                              $h = R; x = $r.value;  <await use(x)>  goto HEAD;
   *                                case END: $it = void 0;
   *                                dispatcher R: $h = parent; $r = $e; goto CLOSE
   *                                case CLOSE: $i = $it; $it = void 0; if ($i) $i.closeQuiet(); throw $r;
   */
  private lowerForOf(s: TS.ForOfStatement, labels: string[]): void {
    const ts = this.ts;
    const f = this.f;
    const it = this.freshName('$it');
    const res = this.freshName('$r');
    this.extra.push(it, res);
    const parentH = this.currentH();
    const region = this.regionCount++;
    const head = this.newLabel();
    const end = this.newLabel();
    const close = this.newLabel();
    // The iterable is evaluated in the loop variables' dead zone: `for (const x of x)` throws.
    if (ts.isVariableDeclarationList(s.initializer)) this.armDeadZone(s.initializer.declarations[0].name);
    const iterable = this.explode(s.expression);
    this.emit(
      this.assign(
        this.field(it),
        f.createCallExpression(this.rt('iter'), undefined, [iterable, f.createStringLiteral(messageText(ts, s.expression, 'iter'))]),
      ),
    );
    this.releaseTemps();
    this.mark(head);
    this.emit(this.assign(this.field('$h'), this.num(parentH)));
    this.emit(this.assign(this.field(res), f.createCallExpression(f.createPropertyAccessExpression(this.field(it), 'next'), undefined, [])));
    this.jumpIf(f.createPropertyAccessExpression(this.field(res), 'done'), end);
    // break/continue restore parentH: the target is made before the region is entered.
    const breakDepth = this.exits.length;
    const target = this.loopTarget(labels, end, head, breakDepth);
    this.iterRegions.push({ region, depth: this.trys.length });
    this.emit(this.assign(this.field('$h'), this.num(region)));
    const value = f.createPropertyAccessExpression(this.field(res), 'value');
    const usingHead = this.usingHead(s);
    // The binding is inside the loop for returns too: a generator's return at a yield in a head
    // pattern's default closes the iterator, as the engine does when binding ends abruptly.
    this.exits.push({ kind: 'iter', field: it, spare: res });
    if (!usingHead) {
      this.bindLoopVariable(s.initializer, value);
      this.releaseTemps();
    }
    target.continueDepth = this.exits.length;
    this.targets.push(target);
    this.loopDepth++;
    if (usingHead) this.usingIteration(usingHead, value, s.statement);
    else this.lowerStatement(s.statement);
    this.loopDepth--;
    this.targets.pop();
    this.exits.pop();
    this.iterRegions.pop();
    this.jump(head);
    this.mark(end);
    this.emit(this.assign(this.field(it), f.createVoidZero()));

    const e = f.createIdentifier(this.names.e);
    this.dispatch.push(
      f.createCaseClause(this.num(region), [
        this.assign(this.field('$h'), this.num(parentH)),
        this.assign(this.field(res), e),
        this.assign(this.field('$s'), this.labelRef(close)),
        f.createBreakStatement(),
      ]),
    );
    const i = this.freshName('$i');
    this.deferred.push({
      label: close,
      stmts: [
        f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(i, undefined, undefined, this.field(it))], this.ts.NodeFlags.Const)),
        this.assign(this.field(it), f.createVoidZero()),
        f.createIfStatement(f.createIdentifier(i), f.createExpressionStatement(f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(i), 'closeQuiet'), undefined, []))),
        f.createThrowStatement(this.field(res)),
      ],
    });
  }

  private lowerForIn(s: TS.ForInStatement, labels: string[]): void {
    const f = this.f;
    // Keys are snapshotted as the engine does; a key deleted before its turn is skipped.
    const obj = this.freshName('$o');
    const keys = this.freshName('$keys');
    const idx = this.freshName('$i');
    this.extra.push(obj, keys, idx);
    const head = this.newLabel();
    const end = this.newLabel();
    if (this.ts.isVariableDeclarationList(s.initializer)) this.armDeadZone(s.initializer.declarations[0].name);
    this.emit(this.assign(this.field(obj), this.explode(s.expression)));
    this.releaseTemps();
    this.emit(this.assign(this.field(keys), f.createArrayLiteralExpression([])));
    this.emit(
      f.createForInStatement(
        f.createVariableDeclarationList([f.createVariableDeclaration('k')], this.ts.NodeFlags.Const),
        this.field(obj),
        f.createExpressionStatement(f.createCallExpression(f.createPropertyAccessExpression(this.field(keys), 'push'), undefined, [f.createIdentifier('k')])),
      ),
    );
    this.emit(this.assign(this.field(idx), f.createNumericLiteral(0)));
    this.mark(head);
    this.jumpIf(f.createGreaterThanEquals(this.field(idx), f.createPropertyAccessExpression(this.field(keys), 'length')), end);
    // The key is tested before it is bound: the binding may be a pattern (`for (const [a, b] in o)`
    // binds the key's characters), and its defaults must not run for a deleted key.
    const key = f.createElementAccessExpression(this.field(keys), f.createPostfixIncrement(this.field(idx)));
    this.jumpIf(f.createLogicalNot(paren(f, f.createBinaryExpression(key, this.ts.SyntaxKind.InKeyword, this.field(obj)))), head);
    this.bindLoopVariable(s.initializer, f.createElementAccessExpression(this.field(keys), f.createSubtract(this.field(idx), f.createNumericLiteral(1))));
    this.targets.push(this.loopTarget(labels, end, head, this.exits.length));
    this.loopDepth++;
    this.lowerStatement(s.statement);
    this.loopDepth--;
    this.targets.pop();
    this.jump(head);
    this.mark(end);
    this.emit(this.assign(this.field(obj), f.createVoidZero()));
    this.emit(this.assign(this.field(keys), f.createVoidZero()));
  }

  private lowerSwitch(s: TS.SwitchStatement, labels: string[]): void {
    const f = this.f;
    const disc = this.freshName('$sw');
    this.extra.push(disc);
    const end = this.newLabel();
    this.emit(this.assign(this.field(disc), this.explode(s.expression)));
    this.releaseTemps();
    // The case block is entered (its bindings and functions created) after the discriminant,
    // before the tests.
    const caseBlock = s.caseBlock.clauses.flatMap((c) => c.statements);
    this.enterBlockBoxes(caseBlock);
    // Every clause's bindings are in their dead zone from here: a jump to a later clause skips
    // the declarations before it (see caseSkips).
    this.armDeadZones(caseBlock);
    this.enterBlockFunctions(caseBlock);
    const clauseLabels = s.caseBlock.clauses.map(() => this.newLabel());
    let defaultLabel = end;
    s.caseBlock.clauses.forEach((c, i) => {
      if (this.ts.isDefaultClause(c)) {
        defaultLabel = clauseLabels[i];
        return;
      }
      const test = this.explode(c.expression);
      this.jumpIf(f.createStrictEquality(this.field(disc), test), clauseLabels[i]);
      this.releaseTemps();
    });
    this.jump(defaultLabel);
    this.targets.push({ kind: 'switch', labels, breakLabel: end, continueLabel: -1, breakDepth: this.exits.length, continueDepth: this.exits.length, h: this.currentH() });
    s.caseBlock.clauses.forEach((c, i) => {
      this.mark(clauseLabels[i]);
      for (const st of c.statements) this.lowerStatement(st);
    });
    this.targets.pop();
    this.mark(end);
  }

  private lowerTry(s: TS.TryStatement): void {
    const f = this.f;
    const parentH = this.currentH();
    const hasFinally = s.finallyBlock !== undefined;
    const ctx: TryCtx = {
      tryRegion: this.regionCount++,
      catchRegion: hasFinally && s.catchClause ? this.regionCount++ : -1,
      catchLabel: this.newLabel(),
      hasCatch: s.catchClause !== undefined,
      hasFinally,
      finLabel: this.newLabel(),
      cField: hasFinally ? this.freshName('$c') : '',
      vField: hasFinally ? this.freshName('$v') : '',
      phase: 'try',
      parentH,
      catchBinding: s.catchClause?.variableDeclaration?.name,
    };
    if (hasFinally) this.extra.push(ctx.cField, ctx.vField);
    const end = this.newLabel();
    this.trys.push(ctx);
    if (hasFinally) this.exits.push({ kind: 'finally', ctx });
    this.emit(this.assign(this.field('$h'), this.num(ctx.tryRegion)));
    this.lowerStatement(s.tryBlock);
    // Normal completion of the try block.
    this.emit(this.assign(this.field('$h'), this.num(parentH)));
    if (hasFinally) {
      this.emit(this.assign(this.field(ctx.cField), f.createNumericLiteral(0)));
      this.jump(ctx.finLabel);
    } else this.jump(end);
    // The dispatcher's entries for this try.
    const e = f.createIdentifier(this.names.e);
    const toFinally = (): TS.Statement[] => [
      this.assign(this.field('$h'), this.num(parentH)),
      this.assign(this.field(ctx.cField), f.createNumericLiteral(2)),
      this.assign(this.field(ctx.vField), e),
      this.assign(this.field('$s'), this.labelRef(ctx.finLabel)),
      f.createBreakStatement(),
    ];
    if (s.catchClause) {
      const catchTemp = this.freshName('$err');
      this.extra.push(catchTemp);
      this.dispatch.push(
        f.createCaseClause(this.num(ctx.tryRegion), [
          this.assign(this.field('$h'), this.num(hasFinally ? ctx.catchRegion : parentH)),
          this.assign(this.field(catchTemp), e),
          this.assign(this.field('$s'), this.labelRef(ctx.catchLabel)),
          f.createBreakStatement(),
        ]),
      );
      if (hasFinally) this.dispatch.push(f.createCaseClause(this.num(ctx.catchRegion), toFinally()));
      ctx.phase = 'catch';
      this.mark(ctx.catchLabel);
      const binding = s.catchClause.variableDeclaration?.name;
      if (binding) this.bindPattern(binding, this.field(catchTemp));
      this.emit(this.assign(this.field(catchTemp), f.createVoidZero()));
      this.lowerStatement(s.catchClause.block);
      this.emit(this.assign(this.field('$h'), this.num(parentH)));
      if (hasFinally) this.emit(this.assign(this.field(ctx.cField), f.createNumericLiteral(0)));
      else this.jump(end);
    } else {
      this.dispatch.push(f.createCaseClause(this.num(ctx.tryRegion), toFinally()));
    }
    if (hasFinally) {
      ctx.phase = 'finally';
      this.exits.pop();
      this.mark(ctx.finLabel);
      this.lowerStatement(s.finallyBlock!);
      this.replayCompletion(ctx);
    }
    this.trys.pop();
    this.mark(end);
  }

  /**
   * A try region with a finally the lowering writes itself (`for await`, `using`): its context,
   * whose finally entry and completion fields follow lowerTry's. The caller pushes it on trys/exits.
   */
  private finallyRegion(): TryCtx {
    const ctx: TryCtx = {
      tryRegion: this.regionCount++,
      catchRegion: -1,
      catchLabel: this.newLabel(),
      hasCatch: false,
      hasFinally: true,
      finLabel: this.newLabel(),
      cField: this.freshName('$c'),
      vField: this.freshName('$v'),
      phase: 'try',
      parentH: this.currentH(),
    };
    this.extra.push(ctx.cField, ctx.vField);
    return ctx;
  }

  /** The try block ended normally: completion 0, the dispatcher's throw entry, then the finally's case. */
  private enterFinally(ctx: TryCtx): void {
    const f = this.f;
    this.emit(this.assign(this.field('$h'), this.num(ctx.parentH)));
    this.emit(this.assign(this.field(ctx.cField), f.createNumericLiteral(0)));
    this.dispatch.push(
      f.createCaseClause(this.num(ctx.tryRegion), [
        this.assign(this.field('$h'), this.num(ctx.parentH)),
        this.assign(this.field(ctx.cField), f.createNumericLiteral(2)),
        this.assign(this.field(ctx.vField), f.createIdentifier(this.names.e)),
        this.assign(this.field('$s'), this.labelRef(ctx.finLabel)),
        f.createBreakStatement(),
      ]),
    );
    ctx.phase = 'finally';
    this.exits.pop();
    this.mark(ctx.finLabel);
  }

  /** End of a finally: replay the completion that entered it (0 falls through). */
  private replayCompletion(ctx: TryCtx): void {
    const f = this.f;
    const c = this.field(ctx.cField);
    const v = this.field(ctx.vField);
    this.emit(f.createIfStatement(f.createStrictEquality(c, f.createNumericLiteral(1)), f.createBlock(this.returnStmts(v, this.exitsInnermostFirst(0)))));
    this.emit(f.createIfStatement(f.createStrictEquality(c, f.createNumericLiteral(2)), f.createThrowStatement(v)));
    this.emit(
      f.createIfStatement(
        f.createStrictEquality(c, f.createNumericLiteral(3)),
        f.createBlock([this.assign(this.field('$s'), v), f.createContinueStatement(this.names.loop)]),
      ),
    );
    this.emit(this.assign(v, f.createVoidZero()));
  }

  /**
   * `for await`: the loop is a try region whose finally closes the iterator (awaiting `return()`)
   * when the loop is left by break, return or throw; not when it ran out, and not when `next()`
   * itself failed (the result field is cleared while next() is pending). Sync iterables go through
   * $tscoro.ai, which awaits each value as CreateAsyncFromSyncIterator does.
   *   [source]  for await (const x of src) body
   *   [output]  this.$ait = $tscoro.ai(src, "src"); this.$h = R;   (an AsyncIter: next read once)
   *           case HEAD: this.$ar = void 0; <await this.$ait.next()> this.$ar = $ir($v);
   *             if (this.$ar.done) goto DONE; this.x = this.$ar.value; body; goto HEAD
   *           case DONE: this.$h = parent; this.$c = 0;
   *           case FIN: if (this.$c !== 0 && this.$ar !== void 0) <await $tscoro.aclose(this.$ait, this.$c === 2)>
   *             <replay completion>
   */
  private lowerForAwait(s: TS.ForOfStatement, labels: string[]): void {
    const f = this.f;
    this.asyncRegions = true;
    const it = this.freshName('$ait');
    const res = this.freshName('$ar');
    this.extra.push(it, res);
    if (this.ts.isVariableDeclarationList(s.initializer)) this.armDeadZone(s.initializer.declarations[0].name);
    const iterable = this.explode(s.expression);
    this.emit(
      this.assign(
        this.field(it),
        f.createCallExpression(this.rt('ai'), undefined, [iterable, f.createStringLiteral(messageText(this.ts, s.expression, 'iter'))]),
      ),
    );
    this.releaseTemps();
    const ctx = this.finallyRegion();
    const head = this.newLabel();
    const done = this.newLabel();
    const end = this.newLabel();
    const breakDepth = this.exits.length;
    this.trys.push(ctx);
    this.exits.push({ kind: 'finally', ctx });
    this.emit(this.assign(this.field('$h'), this.num(ctx.tryRegion)));
    this.mark(head);
    this.emit(this.assign(this.field(res), f.createVoidZero()));
    // A consumer waiting for the next value is where V8 says it is: at the loop's binding.
    const binding = this.ts.isVariableDeclarationList(s.initializer) ? (s.initializer.declarations[0]?.name ?? s.initializer) : s.initializer;
    const next = this.suspend(f.createCallExpression(f.createPropertyAccessExpression(this.field(it), 'next'), undefined, []), binding);
    this.emit(this.assign(this.field(res), f.createCallExpression(this.rt('ir'), undefined, [next])));
    this.jumpIf(f.createPropertyAccessExpression(this.field(res), 'done'), done);
    const value = f.createPropertyAccessExpression(this.field(res), 'value');
    const usingHead = this.usingHead(s);
    if (!usingHead) {
      this.bindLoopVariable(s.initializer, value);
      this.releaseTemps();
    }
    const target = this.loopTarget(labels, end, head, breakDepth);
    this.targets.push(target);
    this.loopDepth++;
    if (usingHead) this.usingIteration(usingHead, value, s.statement);
    else this.lowerStatement(s.statement);
    this.loopDepth--;
    this.targets.pop();
    this.jump(head);
    this.mark(done);
    this.enterFinally(ctx);
    const skip = this.newLabel();
    const c = this.field(ctx.cField);
    this.jumpIf(
      f.createLogicalOr(f.createStrictEquality(c, f.createNumericLiteral(0)), f.createStrictEquality(this.field(res), f.createVoidZero())),
      skip,
    );
    this.suspend(f.createCallExpression(this.rt('aclose'), undefined, [this.field(it), f.createStrictEquality(this.field(ctx.cField), f.createNumericLiteral(2))]), binding);
    this.mark(skip);
    this.emit(this.assign(this.field(it), f.createVoidZero()));
    this.emit(this.assign(this.field(res), f.createVoidZero()));
    this.replayCompletion(ctx);
    this.trys.pop();
    this.mark(end);
  }

  // ---- exits: return, break, continue ---------------------------------------------------------

  private exitsInnermostFirst(depth: number): ExitItem[] {
    return this.exits.slice(depth).reverse();
  }

  /**
   * Closes the iterator in `field` on a break/return: `$it` is cleared first (through `spare`) so a
   * return() that throws is not called again by the for-of's handler region (SyncIter.close reads
   * return() once and checks its result, as IteratorClose does).
   *   if (this.$it) { this.$r = this.$it; this.$it = void 0; this.$r.close(); }
   */
  private closeIter(field: string, spare: string): TS.Statement {
    const f = this.f;
    return f.createIfStatement(
      this.field(field),
      f.createBlock([
        this.assign(this.field(spare), this.field(field)),
        this.assign(this.field(field), f.createVoidZero()),
        f.createExpressionStatement(f.createCallExpression(f.createPropertyAccessExpression(this.field(spare), 'close'), undefined, [])),
      ]),
    );
  }


  /** `return value` leaving `items` (innermost first): close iterators, or enter the first finally. */
  returnStmts(value: TS.Expression, items: ExitItem[]): TS.Statement[] {
    const f = this.f;
    const out: TS.Statement[] = [];
    if (items.length > 0 && !isStable(this.ts, value)) {
      const t = this.temp();
      out.push(this.assign(this.field(t), value));
      value = this.field(t);
    }
    for (const item of items) {
      if (item.kind === 'iter') out.push(this.closeIter(item.field, item.spare));
      else {
        const c = item.ctx;
        out.push(
          this.assign(this.field(c.cField), f.createNumericLiteral(1)),
          // $tscoro.held: a returned native Promise waits for the finally without counting as unhandled.
          this.assign(this.field(c.vField), f.createCallExpression(this.rt('held'), undefined, [value])),
          this.assign(this.field('$h'), this.num(c.parentH)),
          ...this.gotoStmts(c.finLabel),
        );
        return out;
      }
    }
    out.push(f.createReturnStatement(value));
    return out;
  }

  /** Statements for a break/continue at the current position. */
  jumpFor(s: TS.BreakStatement | TS.ContinueStatement, inVerbatim = false): TS.Statement[] {
    const isBreak = this.ts.isBreakStatement(s);
    const label = s.label?.text;
    for (let i = this.targets.length - 1; i >= 0; i--) {
      const t = this.targets[i];
      if (label !== undefined) {
        if (!t.labels.includes(label)) continue;
      } else if (isBreak ? t.kind === 'label' : t.kind !== 'loop') continue;
      const dest = isBreak ? t.breakLabel : t.continueLabel;
      if (dest < 0) break;
      const items = this.exitsInnermostFirst(isBreak ? t.breakDepth : t.continueDepth);
      if (inVerbatim && items.length > 0) return this.gotoStmts(this.deferredCase(this.chain(dest, t.h, items)));
      return this.chain(dest, t.h, items);
    }
    refuse(this.reporter, s, 'this jump', 'its target was not found.');
    return [];
  }

  /**
   * A case placed after the body, holding `stmts`. A return or jump inside await-free code that
   * must close iterators or enter lowered finallys goes there with `continue $loop`, so that the
   * native finally blocks it is nested in run first, innermost first, as the engine unwinds.
   */
  private rvField: string | undefined;
  /** The frame field that carries a deferred return's value to its exit case. */
  private returnField(): string {
    if (this.rvField === undefined) {
      this.rvField = this.freshName('$rv');
      this.extra.push(this.rvField);
    }
    return this.rvField;
  }

  private deferredCase(stmts: TS.Statement[]): number {
    const label = this.newLabel();
    this.deferred.push({ label, stmts });
    return label;
  }

  /** Jump to `dest` with handler `h`, running exit items on the way (trampolines for finallys). */
  private chain(dest: number, h: number, items: ExitItem[]): TS.Statement[] {
    const f = this.f;
    const out: TS.Statement[] = [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (item.kind === 'iter') {
        out.push(this.closeIter(item.field, item.spare));
        continue;
      }
      const c = item.ctx;
      const rest = items.slice(i + 1);
      const next = this.newLabel();
      this.deferred.push({ label: next, stmts: [] });
      const slot = this.deferred[this.deferred.length - 1];
      out.push(
        this.assign(this.field(c.cField), f.createNumericLiteral(3)),
        this.assign(this.field(c.vField), this.labelRef(next)),
        this.assign(this.field('$h'), this.num(c.parentH)),
        ...this.gotoStmts(c.finLabel),
      );
      slot.stmts.push(...this.chain(dest, h, rest));
      return out;
    }
    if (this.regionCount > 0 || this.trys.length > 0) out.push(this.assign(this.field('$h'), this.num(h)));
    out.push(...this.gotoStmts(dest));
    return out;
  }

  // ---- await-free code ------------------------------------------------------------------------

  rewrite<T extends TS.Node>(node: T): T {
    return this.visit(node) as T;
  }

  private visit = (n: TS.Node): TS.Node => {
    const ts = this.ts;
    const f = this.f;
    if (ts.isIdentifier(n)) return this.rewriteIdentifier(n);
    if (ts.isComputedPropertyName(n) && n.parent && (ts.isClassElement(n.parent) || ts.isMethodDeclaration(n.parent) || ts.isAccessor(n.parent))) return this.rewriteMemberKey(n);
    const early = this.earlyWrite(n);
    if (early !== undefined) {
      const { id, fld, assign } = early;
      // `x = v` where x may still be in its dead zone: v first, then the check, then the write.
      if (assign) return this.checkedWrite(id, fld, ts.visitNode((n as TS.BinaryExpression).right, this.visit) as TS.Expression);
      // `x++`, `x op= v`: the read comes first, so does its check (the target must stay a reference).
      return f.createComma(this.deadZoneRead(this.storage(id, this.an.symbolOf(id)!, fld), id.text), ts.visitEachChild(n, this.visit, this.context) as TS.Expression);
    }
    // An arrow step keeps `this`, `arguments`, `super` and `#names` as written: it is lexically
    // inside the function (and its class), so they mean what the user wrote.
    if (n.kind === ts.SyntaxKind.ThisKeyword) return this.direct && this.arrowStepFrame === undefined ? this.frameAccess(this, '$this') : n;
    if (ts.isMetaProperty(n) && n.keywordToken === ts.SyntaxKind.NewKeyword && this.direct && this.arrowStepFrame === undefined)
      return ts.isArrowFunction(this.fn) ? this.frameAccess(this, '$nt') : f.createVoidZero();
    if (ts.isObjectLiteralExpression(n)) return this.bindLiteralBoxes(n, () => ts.visitEachChild(n, this.visit, this.context));
    if (ts.isBinaryExpression(n) && this.namesItsValue(n.operatorToken.kind) && assignedName(ts, n.left) !== undefined) {
      // `x = () => {}` names the function "x"; once x is a frame field or a box it would not.
      const out = ts.visitEachChild(n, this.visit, this.context) as TS.BinaryExpression;
      return f.updateBinaryExpression(out, out.left, out.operatorToken, this.assignedValue(n.left, out.left, n.right, out.right));
    }
    if (this.fnDepth === 0 && this.boxed.size > 0 && ts.isBlock(n)) {
      const out = this.blockWithBoxedFunctions(n);
      if (out !== undefined) return out;
    }
    if (this.fnDepth === 0 && this.boxed.size > 0 && (this.an.isFunctionBoundary(n) || ts.isClassExpression(n))) {
      const bound = this.bindBoxes(n);
      if (bound !== undefined) return bound;
    }
    if (this.an.isFunctionBoundary(n)) {
      const fnNode = n as TS.FunctionLikeDeclaration;
      if (isAsyncFunction(ts, fnNode)) return this.nested(fnNode, this) as TS.Node; // [wrapper, step] in statement lists
      return this.inNested(n, () => ts.visitEachChild(n, this.visit, this.context));
    }
    // A class declared in the body whose name is a frame field: `this.C = class C {...}`. Checked
    // before the generic class case, which would rewrite the declaration's own name.
    if (ts.isClassDeclaration(n) && n.name && this.fnDepth === 0) {
      const sym = this.an.checker.getSymbolAtLocation(n.name);
      const fld = sym && this.fieldOf(sym);
      if (fld) {
        // A class using per-iteration boxes gets them as parameters, as a closure does.
        //   [source]  for (...) { await 0; class C { m() { return x; } } }
        //   [output]  this.C = (($x) => class C { m() { return $x.v; } })(this.x);
        return this.assign(this.declaredTarget(n.name, fld), this.bindClassBoxes(n, () => this.classValue(n)));
      }
    }
    if (ts.isClassLike(n)) return this.inNested(n, () => ts.visitEachChild(n, this.visit, this.context));
    if (this.fnDepth === 0) {
      if (ts.isReturnStatement(n)) {
        const value = n.expression ? this.rewrite(n.expression) : f.createVoidZero();
        const items = this.exitsInnermostFirst(0);
        if (items.length === 0) return f.createReturnStatement(value);
        const rv = this.returnField();
        return f.createBlock([this.assign(this.field(rv), value), ...this.gotoStmts(this.deferredCase(this.returnStmts(this.field(rv), items)))]);
      }
      if (ts.isBreakStatement(n) || ts.isContinueStatement(n)) {
        const label = n.label?.text;
        const internal = label !== undefined ? this.vLabels.includes(label) : ts.isBreakStatement(n) ? this.vLoops + this.vSwitches > 0 : this.vLoops > 0;
        if (internal) return n;
        return f.createBlock(this.jumpFor(n, true));
      }
      if (ts.isIterationStatement(n, false)) {
        this.vLoops++;
        try {
          return this.rewriteLoopHead(n);
        } finally {
          this.vLoops--;
        }
      }
      if (ts.isSwitchStatement(n)) {
        this.vSwitches++;
        try {
          return ts.visitEachChild(n, this.visit, this.context);
        } finally {
          this.vSwitches--;
        }
      }
      if (ts.isLabeledStatement(n)) {
        this.vLabels.push(n.label.text);
        try {
          return f.createLabeledStatement(n.label, this.rewrite(n.statement));
        } finally {
          this.vLabels.pop();
        }
      }
      const usingList = ts.isVariableStatement(n) ? n.declarationList : ts.isVariableDeclarationList(n) ? n : undefined;
      if (usingList && (usingList.flags & ts.NodeFlags.Using) !== 0) {
        // Await-free `using` too: its dispose at the block's end is not lowered, and a frame field
        // would silently drop it.
        refuse(this.reporter, usingList, '`using` / `await using`', 'use try/finally to dispose the resource.');
        return n;
      }
      if (ts.isVariableStatement(n)) {
        const fieldDecls = this.declaresFields(n.declarationList);
        if (fieldDecls) {
          const e = this.declarationsAsExpression(n.declarationList);
          return e ? f.createExpressionStatement(e) : f.createEmptyStatement();
        }
      }
    }
    if ((ts.isCallExpression(n) && ts.isIdentifier(n.expression)) || (ts.isTaggedTemplateExpression(n) && ts.isIdentifier(n.tag))) {
      // A local called as a function is read from the frame and called plainly (`this` undefined in
      // the callee), through `$fn`, which returns it when it is callable and else a function that
      // throws V8's TypeError naming the local (`fn is not a function`, not `(0 , this.fn) is not a
      // function`) once the arguments are evaluated, as the engine's check comes after them.
      //   [source] fn(a)   [output] $fn(this.fn, "fn")(this.a)
      const out = ts.visitEachChild(n, this.visit, this.context) as TS.CallExpression | TS.TaggedTemplateExpression;
      const callee = ts.isCallExpression(out) ? out.expression : out.tag;
      if (!ts.isPropertyAccessExpression(callee)) return out;
      const name = ts.isCallExpression(n) ? (n.expression as TS.Identifier) : (n.tag as TS.Identifier);
      const plain = f.createCallExpression(this.rt('fn'), undefined, [callee, f.createStringLiteral(name.text)]);
      plainCallees.add(plain);
      return ts.isCallExpression(out)
        ? f.updateCallExpression(out, plain, out.typeArguments, out.arguments)
        : f.updateTaggedTemplateExpression(out, plain, out.typeArguments, out.template);
    }
    if (ts.isShorthandPropertyAssignment(n)) {
      // `{ z }` in a literal, or `{ z = d }` in a destructuring assignment, whose z is a field:
      //   [source]  ({ z = y } = o)      [output]  ({ z: this.z = this.y } = this.o)
      // The default is an expression of the function too (it may read fields). The name goes
      // through rewriteIdentifier, as a reference: dead-zone and const checks included.
      const ref = this.rewriteIdentifier(n.name) as TS.Expression;
      const init = n.objectAssignmentInitializer && (this.visit(n.objectAssignmentInitializer) as TS.Expression);
      if (ts.isIdentifier(ref) && ref.text === n.name.text)
        return init === n.objectAssignmentInitializer ? n : f.updateShorthandPropertyAssignment(n, n.name, init);
      return f.createPropertyAssignment(literalKey(f, n.name.text), init ? f.createAssignment(ref, init) : ref);
    }
    return ts.visitEachChild(n, this.visit, this.context);
  };

  private rewriteLoopHead(n: TS.IterationStatement): TS.Node {
    const ts = this.ts;
    const f = this.f;
    // `for (var i ...)` whose var is a frame field: the head becomes an assignment/target.
    if ((ts.isForStatement(n) || ts.isForInStatement(n) || ts.isForOfStatement(n)) && n.initializer && ts.isVariableDeclarationList(n.initializer) && this.declaresFields(n.initializer)) {
      const body = this.rewrite(n.statement);
      if (ts.isForStatement(n)) {
        return f.createForStatement(this.declarationsAsExpression(n.initializer), n.condition && this.rewrite(n.condition), n.incrementor && this.rewrite(n.incrementor), body);
      }
      const target = this.bindingTarget(n.initializer.declarations[0].name);
      if (ts.isForInStatement(n)) return f.createForInStatement(target, this.rewrite(n.expression), body);
      return f.createForOfStatement(n.awaitModifier, target, this.rewrite(n.expression), body);
    }
    return ts.visitEachChild(n, this.visit, this.context);
  }

  private declaresFields(list: TS.VariableDeclarationList): boolean {
    const d = list.declarations[0];
    if (!d) return false;
    const ids: TS.Identifier[] = [];
    const collect = (b: TS.BindingName): void => {
      if (this.ts.isIdentifier(b)) ids.push(b);
      else for (const el of b.elements) if (!this.ts.isOmittedExpression(el)) collect(el.name);
    };
    collect(d.name);
    return ids.some((id) => {
      const sym = this.an.checker.getSymbolAtLocation(id);
      return !!(sym && this.fieldOf(sym));
    });
  }

  private declarationsAsExpression(list: TS.VariableDeclarationList): TS.Expression | undefined {
    const ts = this.ts;
    const f = this.f;
    const isLet = (list.flags & ts.NodeFlags.BlockScoped) !== 0;
    const parts: TS.Expression[] = [];
    for (const d of list.declarations) {
      if (this.loopDepth > 0 && isLet && !this.enteredBoxes.has(d)) parts.push(...this.freshBoxes(d.name));
      if (!d.initializer) {
        if (isLet && ts.isIdentifier(d.name)) parts.push(f.createAssignment(this.bindingTarget(d.name), f.createVoidZero()));
        continue;
      }
      const target = this.bindingTarget(d.name);
      const value = this.rewrite(d.initializer);
      parts.push(f.createAssignment(target as TS.Identifier, ts.isIdentifier(d.name) ? this.named(d.name, d.initializer, value) : value));
    }
    if (parts.length === 0) return undefined;
    return parts.reduce((a, b) => f.createComma(a, b));
  }

  rewriteMembers(e: TS.ClassLikeDeclaration): TS.ClassElement[] {
    return this.inNested(e, () => e.members.map((m) => this.visit(m) as TS.ClassElement));
  }

  /** Visits inside `node`, a nested function or class (an arrow keeps `direct`). */
  private inNested<T>(node: TS.Node, fn: () => T): T {
    const saved: VisitState = [this.fnDepth, this.direct, this.vLoops, this.vSwitches, this.vLabels];
    this.outerStates.push({ node, state: saved });
    this.fnDepth++;
    if (!this.ts.isArrowFunction(node)) this.direct = false;
    this.vLoops = 0;
    this.vSwitches = 0;
    this.vLabels = [];
    try {
      return fn();
    } finally {
      this.outerStates.pop();
      [this.fnDepth, this.direct, this.vLoops, this.vSwitches, this.vLabels] = saved;
    }
  }

  /**
   * The computed name of a method, accessor or class member is evaluated where the object literal
   * or class is, not inside the member: its `this`, `arguments` and locals are those of the code
   * around the literal or class, so it is rewritten in the state the visitor had there.
   *   [source]  async run(a) { await 0; return { [this.tag + arguments[0]]() {} }; }
   *   [output]  return { [this.$this.tag + this.$args[0]]() {} };     (not `this.tag`, `arguments[0]`)
   */
  rewriteMemberKey(name: TS.ComputedPropertyName): TS.ComputedPropertyName {
    const ts = this.ts;
    const member = name.parent;
    // The nesting the key is outside of: the class for a class member, the method itself in an
    // object literal (not entered when the method is async: nested() lowers it on its own).
    const outside = member && member.parent && ts.isClassLike(member.parent) ? member.parent : member;
    const k = this.outerStates.findIndex((e) => e.node === outside);
    const visitKey = (): TS.ComputedPropertyName => ts.visitEachChild(name, this.visit, this.context);
    if (k < 0) return visitKey();
    const current: VisitState = [this.fnDepth, this.direct, this.vLoops, this.vSwitches, this.vLabels];
    const entered = this.outerStates.splice(k);
    [this.fnDepth, this.direct, this.vLoops, this.vSwitches, this.vLabels] = entered[0].state;
    try {
      return visitKey();
    } finally {
      this.outerStates.push(...entered);
      [this.fnDepth, this.direct, this.vLoops, this.vSwitches, this.vLabels] = current;
    }
  }

  /**
   * A closure created in the body that uses boxed bindings: `(($x) => <closure>)(this.x)`, so it
   * keeps the boxes of the iteration that created it. Undefined when it uses none.
   */
  private bindBoxes(n: TS.Node): TS.Node | undefined {
    const ts = this.ts;
    const used = this.boxesUsed(n);
    if (used.length === 0) return undefined;
    if (ts.isFunctionDeclaration(n)) return undefined; // refused where it names a box
    // A method or accessor of an object literal is not an expression: bindLiteralBoxes wrapped the
    // whole literal (its boxes have parameters now, so `used` was empty), or refuses.
    if (ts.isMethodDeclaration(n) || ts.isGetAccessorDeclaration(n) || ts.isSetAccessorDeclaration(n)) return undefined;
    return this.withBoxes(used, () =>
      this.an.isFunctionBoundary(n) && isAsyncFunction(ts, n as TS.FunctionLikeDeclaration)
        ? (this.nested(n as TS.FunctionLikeDeclaration, this) as TS.Node)
        : this.inNested(n, () => ts.visitEachChild(n, this.visit, this.context)),
    );
  }

  /**
   * An object literal whose methods or accessors use boxed bindings. A method cannot be wrapped on
   * its own (it is not an expression; wrapping it crashed the printer), so the whole literal is
   * built inside the closure that receives the iteration's boxes; `build` makes it (rewritten
   * parts, or the spilled literal whose keys and values are already in temps).
   *   [source]  for (const x of xs) { await 0; o = { a: 1, ['k' + x]() { return x; } }; }
   *   [output]  this.o = (($x) => ({ a: 1, ['k' + $x.v]() { return $x.v; } }))(this.x);
   */
  bindLiteralBoxes(e: TS.ObjectLiteralExpression, build: () => TS.Expression): TS.Expression {
    const ts = this.ts;
    if (this.fnDepth !== 0 || this.boxed.size === 0) return build();
    const hasMember = (p: TS.ObjectLiteralElementLike): boolean =>
      (ts.isMethodDeclaration(p) || ts.isGetAccessorDeclaration(p) || ts.isSetAccessorDeclaration(p)) && this.boxesUsed(p).length > 0;
    const members = e.properties.filter(hasMember);
    if (members.length === 0) return build();
    const used = [...new Set(members.flatMap((m) => this.boxesUsed(m)))];
    return this.withBoxes(used, build) as TS.Expression;
  }

  /**
   * A class whose members use per-iteration boxes (a declaration, or from explodeClass one with
   * awaits in its heritage or keys, already in temps): `build` runs where the boxes are parameters.
   * The class's own name inside it is its inner binding (isOwnClassName), not a box.
   *   [source]  for (let i ...) { class C extends (await base()) { m() { return i; } } }
   *   [output]  this.C = (($i) => class C extends this.$t0 { m() { return $i.v; } })(this.i);
   */
  bindClassBoxes(e: TS.ClassLikeDeclaration, build: () => TS.ClassExpression): TS.Expression {
    if (this.fnDepth !== 0 || this.boxed.size === 0) return build();
    return this.withBoxes(this.classBoxes(e), build) as TS.Expression;
  }

  /** The boxed bindings of this function that `n` reads or writes and that have no parameter yet. */
  private boxesUsed(n: TS.Node): TS.Symbol[] {
    const ts = this.ts;
    const used: TS.Symbol[] = [];
    const visit = (c: TS.Node): void => {
      if (ts.isIdentifier(c)) {
        const sym = this.an.symbolOf(c);
        if (sym && this.boxed.has(sym) && !this.captureParams.has(sym) && !used.includes(sym)) used.push(sym);
      }
      ts.forEachChild(c, visit);
    };
    visit(n);
    return used;
  }

  /** `(($x) => <build()>)(this.x)`: `build` runs while the boxes of `used` are read from parameters. */
  private withBoxes(used: TS.Symbol[], build: () => TS.Node): TS.Node {
    if (used.length === 0) return build();
    const f = this.f;
    const params = used.map((sym) => {
      const name = this.freshName(`$${sym.name}`);
      this.captureParams.set(sym, name);
      return name;
    });
    let inner: TS.Node;
    try {
      inner = build();
    } finally {
      for (const sym of used) this.captureParams.delete(sym);
    }
    const call = f.createCallExpression(
      f.createParenthesizedExpression(
        f.createArrowFunction(undefined, undefined, params.map((p) => f.createParameterDeclaration(undefined, undefined, p)), undefined, undefined, inner as TS.Expression),
      ),
      undefined,
      used.map((sym) => this.frameAccess(this, this.fieldOf(sym)!.field)),
    );
    boxCalls.add(call);
    return call;
  }

  /** named(), inside the boxes' arrow when the function gets boxes: `(($x) => ({ k: ... }).k)(this.x)`. */
  override named(key: TS.Expression | TS.PropertyName, init: TS.Expression, value: TS.Expression): TS.Expression {
    if (!boxCalls.has(value)) return super.named(key, init, value);
    const f = this.f;
    const call = value as TS.CallExpression;
    const paren = call.expression as TS.ParenthesizedExpression;
    const arrow = paren.expression as TS.ArrowFunction;
    const body = super.named(key, init, arrow.body as TS.Expression);
    const inner = f.updateArrowFunction(arrow, arrow.modifiers, arrow.typeParameters, arrow.parameters, arrow.type, arrow.equalsGreaterThanToken, body);
    return f.updateCallExpression(call, f.updateParenthesizedExpression(paren, inner), call.typeArguments, call.arguments);
  }

  private rewriteIdentifier(id: TS.Identifier): TS.Node {
    const ts = this.ts;
    const p = id.parent;
    if (p && ((ts.isPropertyAccessExpression(p) && p.name === id) || (ts.isQualifiedName(p) && p.right === id))) return id;
    if (id.text === 'arguments' && this.direct && this.arrowStepFrame === undefined && this.an.isArgumentsReference(id)) return this.frameAccess(this, '$args');
    // The name a function or class declares is not a reference (the declaration itself is
    // rewritten into a frame assignment by its caller).
    if (p && (ts.isFunctionDeclaration(p) || ts.isFunctionExpression(p) || ts.isClassDeclaration(p) || ts.isClassExpression(p)) && p.name === id) return id;
    const sym = this.an.symbolOf(id);
    if (sym === undefined) return id;
    const fld = this.fieldOf(sym);
    if (!fld) return id;
    if (this.isOwnClassName(id, sym)) return id;
    if (sym.valueDeclaration !== undefined && this.inLoopHead(id, sym.valueDeclaration)) {
      // The iterable of `for (const t of ...)` sees a binding `t` of its own, which is never
      // initialised: every read or write of it there (closures made there included, whenever they
      // run) throws ReferenceError, a write once its value is computed.
      //   [source]  for (const t of [() => t]) { await 0; }
      //   [output]  this.$it = $iter([() => $cref($Z, "t").v], ...);
      const ref = this.f.createCallExpression(this.rt('cref'), undefined, [this.rt('Z'), this.f.createStringLiteral(id.text)]);
      return this.f.createPropertyAccessExpression(ref, 'v');
    }
    if (this.isConstLocal(sym) && this.isWriteTarget(id)) {
      // A write to a `const` that became a field or a `var`: the engine's TypeError, through a
      // reference whose store throws once the value is computed (reads of `x++`, `x += v` work).
      //   [source]  const c = 1; c += g();
      //   [output]  $cref(this.c, "c").v += g();
      const current = this.fieldReference(id, sym, fld) as TS.Expression;
      const ref = this.f.createCallExpression(this.rt('cref'), undefined, [current, this.f.createStringLiteral(id.text)]);
      return this.f.createPropertyAccessExpression(ref, 'v');
    }
    return this.fieldReference(id, sym, fld);
  }

  /** rewriteIdentifier for a local with a field, past the const check: its box, field or checked access. */
  private fieldReference(id: TS.Identifier, sym: TS.Symbol, fld: { field: string; owner: FunctionLowerer }): TS.Node {
    const ts = this.ts;
    const p = id.parent;
    // Declaration names of nested parameters etc. are not references.
    if (!fld.owner.boxed.has(sym) && p && (ts.isParameter(p) || ts.isBindingElement(p) || ts.isVariableDeclaration(p)) && (p as TS.NamedDeclaration).name === id && this.fnDepth > 0) return id;
    const access = this.storage(id, sym, fld);
    if (fld.owner.tdzReads().has(id)) {
      if (!this.isWriteTarget(id)) return this.deadZoneRead(access, id.text);
      // `x = v`, `x++`, `x op= v` were checked by earlyWrite (in visit or in the spill path).
      let w: TS.Node = id.parent;
      while (isWrapper(ts, w)) w = w.parent;
      if (this.localWrite(w)?.id !== id && ts.isPropertyAccessExpression(access)) {
        // A destructuring or for-in/of target run early: written through a reference whose setter
        // checks, so the throw comes when the value is stored, as the engine's does.
        //   [source]  const f = () => { [x] = [1]; }; f(); let x = 0;
        //   [output]  [$tdzref($f, "x", "x").v] = [1];        (a box: $tdzref($x, "v", "x").v)
        const ref = this.f.createCallExpression(this.rt('tdzref'), undefined, [access.expression, this.f.createStringLiteral(access.name.text), this.f.createStringLiteral(id.text)]);
        return this.f.createPropertyAccessExpression(ref, 'v');
      }
    }
    return access;
  }

  /**
   * Where local `sym` (named here by `id`) is stored, unchecked: its frame field, or the `.v` of its
   * per-iteration box (inside a closure, the box the closure received). A box made for a binding
   * with early reads starts as the dead-zone marker (freshBoxes), so the checks apply to `.v`.
   */
  private storage(id: TS.Identifier, sym: TS.Symbol, fld: { field: string; owner: FunctionLowerer }): TS.Expression {
    if (fld.owner.boxed.has(sym)) {
      if (this.fnDepth === 0 && fld.owner === this) return this.f.createPropertyAccessExpression(this.frameAccess(this, fld.field), 'v');
      const param = fld.owner.captureParams.get(sym);
      if (param !== undefined) return this.f.createPropertyAccessExpression(this.f.createIdentifier(param), 'v');
      refuse(
        this.reporter,
        id,
        'a `let`/`const` declared in a loop that awaits, captured by a function declaration or class in that loop',
        'use a function expression or arrow function instead.',
        Code.PerIterationCapture,
      );
    }
    return this.frameAccess(fld.owner, fld.field);
  }

  /**
   * A direct `eval(...)` in the function (or in a plain function inside it) evaluates code that
   * would name the function's locals, which here are frame fields: refused. An indirect
   * `(0, eval)(...)` sees only globals, as natively.
   */
  private refuseDirectEval(): void {
    const ts = this.ts;
    const visit = (n: TS.Node): void => {
      if (ts.isCallExpression(n)) {
        let callee: TS.Expression = n.expression;
        while (ts.isParenthesizedExpression(callee)) callee = callee.expression;
        if (ts.isIdentifier(callee) && callee.text === 'eval')
          refuse(this.reporter, n, 'a direct eval(...), whose code could name the locals (they are frame fields)', 'use an indirect (0, eval)(...) on globals, or a Function.');
      }
      // A nested async function is lowered (and checked) on its own.
      if (n !== this.fn && isAsyncFunction(ts, n)) return;
      ts.forEachChild(n, visit);
    };
    ts.forEachChild(this.fn, visit);
  }

  /**
   * A closure in the parameter list (`(a, g = () => a) => ...`) shares the parameter's binding with
   * the body, but the parameters are bound in the wrapper (where an error in them is caught) and
   * the frame receives copies: when the body or such a closure assigns the parameter, the other
   * would not see it. Refused there; a body that redeclares it (`var a`) has a binding of its own,
   * which a copy models exactly.
   *   [source]  async function f(a, g = () => a) { a = 3; await 0; return g(); }    (natively 3)
   */
  private refuseSharedParameterCaptures(): void {
    const ts = this.ts;
    const fn = this.fn;
    const params = new Set<TS.Symbol>();
    for (const id of parameterNames(ts, fn)) {
      const sym = this.an.checker.getSymbolAtLocation(id);
      if (sym) params.add(sym);
    }
    if (params.size === 0 || fn.parameters.every((p) => !p.initializer && ts.isIdentifier(p.name))) return;
    // Parameters referenced from closures in the parameter list.
    const captured = new Map<TS.Symbol, TS.Identifier>();
    const visit = (n: TS.Node, inClosure: boolean): void => {
      if (inClosure && ts.isIdentifier(n)) {
        const sym = this.an.symbolOf(n);
        if (sym && params.has(sym) && !captured.has(sym)) captured.set(sym, n);
      }
      const closure = inClosure || this.an.isFunctionBoundary(n) || ts.isClassLike(n);
      ts.forEachChild(n, (c) => visit(c, closure));
    };
    for (const p of fn.parameters) ts.forEachChild(p, (c) => visit(c, false));
    if (captured.size === 0) return;
    // Written anywhere (body or parameter list), and not redeclared by a `var` of the body.
    const written = new Set<TS.Symbol>();
    const redeclared = new Set<string>();
    const scan = (n: TS.Node, nested: boolean): void => {
      if (ts.isIdentifier(n) && this.isWriteTarget(n)) {
        const sym = this.an.symbolOf(n);
        if (sym && captured.has(sym)) written.add(sym);
      }
      if (!nested && ts.isVariableDeclarationList(n) && (n.flags & ts.NodeFlags.BlockScoped) === 0)
        for (const d of n.declarations) for (const id of boundNames(ts, d.name)) redeclared.add(id.text);
      if (!nested && ts.isFunctionDeclaration(n) && n.name) redeclared.add(n.name.text);
      ts.forEachChild(n, (c) => scan(c, nested || this.an.isFunctionBoundary(c)));
    };
    for (const p of fn.parameters) scan(p, false);
    if (fn.body) ts.forEachChild(fn.body, (c) => scan(c, this.an.isFunctionBoundary(c)));
    for (const [sym, id] of captured) {
      if (!written.has(sym) || redeclared.has(id.text)) continue;
      refuse(
        this.reporter,
        id,
        'a parameter captured by a closure in the parameter list and assigned',
        'copy it into a local of the body and assign that, or make the closure in the body.',
      );
    }
  }

  /**
   * `C` inside the members of `class C` (not in a computed key) names the class's inner binding,
   * which the emitted named class expression keeps: initialised before static fields run and
   * unaffected by later writes to the outer `C`, whose field may be unset or changed by then.
   *   [source]  class C { static self = C; m() { return C; } }
   *   [output]  this.C = class C { static self = C; m() { return C; } };
   */
  private isOwnClassName(id: TS.Identifier, sym: TS.Symbol): boolean {
    const ts = this.ts;
    const decl = sym.valueDeclaration;
    if (decl === undefined || !ts.isClassDeclaration(decl) || id.pos < decl.pos || id.end > decl.end || id === decl.name) return false;
    let n: TS.Node = id;
    while (n.parent !== undefined && n.parent !== decl) {
      if (ts.isComputedPropertyName(n) && n.parent.parent === decl) return false;
      n = n.parent;
    }
    return n.parent === decl && ts.isClassElement(n);
  }

  /** The variable declaration that binds `sym` (through any destructuring pattern), if one does. */
  private variableDeclarationOf(sym: TS.Symbol): TS.VariableDeclaration | undefined {
    const ts = this.ts;
    let decl: TS.Node | undefined = sym.valueDeclaration;
    while (decl !== undefined && (ts.isBindingElement(decl) || ts.isObjectBindingPattern(decl) || ts.isArrayBindingPattern(decl))) decl = decl.parent;
    return decl !== undefined && ts.isVariableDeclaration(decl) ? decl : undefined;
  }

  /** A `const` (or `using`) local. */
  private isConstLocal(sym: TS.Symbol): boolean {
    const decl = this.variableDeclarationOf(sym);
    return decl !== undefined && (this.ts.getCombinedNodeFlags(decl) & this.ts.NodeFlags.Constant) !== 0;
  }

  /**
   * The write `n` is, when its target is a local: `x = v` (assign) or `x++`, `--x`, `x += v`,
   * `x ||= v` (an update: it reads x first).
   */
  private localWrite(n: TS.Node): { id: TS.Identifier; assign: boolean } | undefined {
    const ts = this.ts;
    const K = ts.SyntaxKind;
    let target: TS.Expression | undefined;
    let assign = false;
    if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === K.PlusPlusToken || n.operator === K.MinusMinusToken)) target = n.operand;
    else if (ts.isBinaryExpression(n) && n.operatorToken.kind >= K.FirstAssignment && n.operatorToken.kind <= K.LastAssignment) {
      // `x = d` inside an assignment pattern is a target with a default, not an assignment.
      if (n.operatorToken.kind === K.EqualsToken && this.isPatternElement(n)) return undefined;
      target = n.left;
      assign = n.operatorToken.kind === K.EqualsToken;
    }
    if (target) target = skipWrappers(ts, target);
    return target && ts.isIdentifier(target) ? { id: target, assign } : undefined;
  }

  /**
   * The write `n` is, when it may run in its local's dead zone (earlier in the text, or in a closure
   * made before the declaration): the engine throws there, after evaluating the right side of
   * `x = v`, before it for an update (which reads first).
   *   [source]  let [b = a++, a] = [];                          const set = () => { x = 5; };
   *   [output]  [this.b = ($tdz(this.a, "a"), this.a++), this.a] = [];    $f.x = $tdzw($f.x, "x", 5);
   */
  private earlyWrite(n: TS.Node): { id: TS.Identifier; assign: boolean; fld: { field: string; owner: FunctionLowerer } } | undefined {
    const w = this.localWrite(n);
    if (w === undefined || w.id.pos < 0) return undefined;
    const sym = this.an.symbolOf(w.id);
    const fld = sym && this.fieldOf(sym);
    // A const's writes all go through cref (rewriteIdentifier), which checks the dead zone too.
    return fld && !this.isConstLocal(sym) && fld.owner.tdzReads().has(w.id) ? { ...w, fld } : undefined;
  }

  /**
   * `value` stored in local `id` through the dead-zone check (protocol `tdzw`: throws when the
   * field still holds the marker, after `value` was evaluated).
   *   [source]  const set = () => { x = 5; };    ([x = await f()] = [])
   *   [output]  $f.x = $tdzw($f.x, "x", 5);      this.x = $tdzw(this.x, "x", this.$t2);
   */
  private checkedWrite(id: TS.Identifier, fld: { field: string; owner: FunctionLowerer }, value: TS.Expression): TS.Expression {
    const f = this.f;
    const sym = this.an.symbolOf(id)!;
    const check = f.createCallExpression(this.rt('tdzw'), undefined, [this.storage(id, sym, fld), f.createStringLiteral(id.text), value]);
    return f.createAssignment(this.storage(id, sym, fld), check);
  }

  /**
   * A destructuring leaf written step by step (see destructure): a name in a binding pattern
   * declares it; a name in an assignment pattern run early goes through the dead-zone check.
   */
  private leafWrite(id: TS.Identifier, value: TS.Expression): TS.Statement {
    const sym = this.an.symbolOf(id);
    const fld = sym && this.fieldOf(sym);
    if (fld && ((this.isConstLocal(sym) && this.isWriteTarget(id)) || this.inLoopHead(id, sym.valueDeclaration!))) return this.assign(this.rewriteIdentifier(id) as TS.Expression, value);
    if (fld && fld.owner.tdzReads().has(id)) return this.f.createExpressionStatement(this.checkedWrite(id, fld, value));
    return this.assign(this.bindingTarget(id), value);
  }

  /** `x = value` (value already lowered, an await in it) through the dead-zone check, when x may be in it. */
  checkedLocalAssign(e: TS.BinaryExpression, value: TS.Expression): TS.Expression | undefined {
    const early = this.earlyWrite(e);
    return early !== undefined && early.assign ? this.checkedWrite(early.id, early.fld, value) : undefined;
  }

  /** The local an update (`x++`, `x += v`, `x ??= v`) reads first, when that read may be in its dead zone. */
  readFirstTarget(n: TS.Node): TS.Identifier | undefined {
    const early = this.earlyWrite(n);
    return early !== undefined && !early.assign ? early.id : undefined;
  }

  /**
   * `n` is an element of an assignment pattern (`[a = 1] = v`, `({ k: a = 1 } = v)`,
   * `for ([a = 1] of xs)`): the literals around it are the target of an `=` (a literal left of `=`
   * is always a pattern) or of a for-in/of head. In a literal used as a value, `[a = 1]` assigns.
   */
  private isPatternElement(n: TS.Node): boolean {
    const ts = this.ts;
    let top: TS.Node = n;
    let p = top.parent;
    while (p !== undefined && (ts.isArrayLiteralExpression(p) || ts.isObjectLiteralExpression(p) || (ts.isPropertyAssignment(p) && p.initializer === top) || ts.isSpreadElement(p) || ts.isSpreadAssignment(p) || isWrapper(ts, p))) {
      top = p;
      p = top.parent;
    }
    if (top === n || p === undefined || !(ts.isArrayLiteralExpression(top) || ts.isObjectLiteralExpression(top))) return false;
    if ((ts.isForOfStatement(p) || ts.isForInStatement(p)) && p.initializer === top) return true;
    return ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.left === top;
  }

  /** An identifier written (or updated) here: an assignment, ++/--, destructuring or for-in/of target. */
  private isWriteTarget(id: TS.Identifier): boolean {
    const ts = this.ts;
    let n: TS.Node = id;
    let p = n.parent;
    // Out of parentheses and type-only wrappers: `(c as any)++`, `(c as any) = v`.
    while (isWrapper(ts, p)) {
      n = p;
      p = n.parent;
    }
    if ((ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) && (p.operator === ts.SyntaxKind.PlusPlusToken || p.operator === ts.SyntaxKind.MinusMinusToken)) return true;
    // Climb out of an assignment pattern ({ a } = o, [a] = o, { k: a = 1 } = o).
    while (
      isWrapper(ts, p) ||
      ts.isObjectLiteralExpression(p) ||
      ts.isArrayLiteralExpression(p) ||
      (ts.isShorthandPropertyAssignment(p) && p.name === n) ||
      (ts.isPropertyAssignment(p) && p.initializer === n) ||
      ts.isSpreadAssignment(p) ||
      ts.isSpreadElement(p) ||
      (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && p.left === n && (ts.isObjectLiteralExpression(p.parent) || ts.isArrayLiteralExpression(p.parent) || ts.isPropertyAssignment(p.parent)))
    ) {
      n = p;
      p = n.parent;
    }
    if ((ts.isForOfStatement(p) || ts.isForInStatement(p)) && p.initializer === n) return true;
    return ts.isBinaryExpression(p) && p.left === n && p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && p.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
  }

  // Temporal dead zone. Fields start undefined, so a read before a `let`/`const`/`class` is
  // initialised would not throw. Only reads that can run early are checked: reads textually before
  // the declaration (its own initializer included), inside hoisted function declarations, and inside
  // closures created before it. Those declarations re-arm (field = $tscoro.Z) when their block starts.
  //   [output]  this.later = $tscoro.Z; ...  return $tscoro.tdz(this.later, "later");
  private tdzCache: { reads: Set<TS.Identifier>; syms: Set<TS.Symbol> } | null = null;

  /** Identifier nodes (anywhere in the body) whose read must check the dead zone. */
  tdzReads(): Set<TS.Identifier> {
    return this.tdzInfo().reads;
  }

  private tdzInfo(): { reads: Set<TS.Identifier>; syms: Set<TS.Symbol> } {
    if (this.tdzCache !== null) return this.tdzCache;
    const ts = this.ts;
    const reads = new Set<TS.Identifier>();
    const syms = new Set<TS.Symbol>();
    const visit = (n: TS.Node, outerFn: TS.Node | undefined): void => {
      if (ts.isIdentifier(n)) {
        const sym = this.an.symbolOf(n);
        const decl = sym?.valueDeclaration;
        if (sym && decl && this.fieldOf(sym)?.owner === this && this.isLexical(decl) && n !== (decl as TS.NamedDeclaration).name) {
          // A reference in the loop's own head is never a field access (see rewriteIdentifier).
          const early =
            outerFn === undefined
              ? n.pos < decl.end || this.caseSkips(n, decl)
              : ts.isFunctionDeclaration(outerFn) || outerFn.pos < decl.end || this.caseSkips(outerFn, decl);
          if (early && !this.inLoopHead(n, decl)) {
            reads.add(n);
            syms.add(sym);
          }
        }
      }
      const boundary = this.an.isFunctionBoundary(n) || ts.isClassLike(n);
      ts.forEachChild(n, (c) => visit(c, outerFn ?? (boundary ? n : undefined)));
    };
    ts.forEachChild(this.fn.body!, (c) => visit(c, undefined));
    this.tdzCache = { reads, syms };
    return this.tdzCache;
  }

  /**
   * Is `n` in a later clause of the switch whose clause declares `decl`? The switch can jump there
   * without running the declaration, leaving the binding in its dead zone.
   *   [source]  switch (k) { case 0: let z = 1; case 1: z; }      (k = 1: ReferenceError)
   */
  private caseSkips(n: TS.Node, decl: TS.Declaration): boolean {
    const ts = this.ts;
    let d: TS.Node = decl;
    while (ts.isBindingElement(d) || ts.isObjectBindingPattern(d) || ts.isArrayBindingPattern(d) || ts.isVariableDeclaration(d) || ts.isVariableDeclarationList(d)) d = d.parent;
    const clause = d.parent;
    if (clause === undefined || !(ts.isCaseClause(clause) || ts.isDefaultClause(clause))) return false;
    const block = clause.parent;
    return n.pos >= clause.end && n.end <= block.end;
  }

  /** Is `n` in the iterable of the for-of/for-in whose head declares `decl` (`for (const x of x)`)? */
  private inLoopHead(n: TS.Node, decl: TS.Declaration): boolean {
    const ts = this.ts;
    let d: TS.Node = decl;
    while (ts.isBindingElement(d) || ts.isObjectBindingPattern(d) || ts.isArrayBindingPattern(d)) d = d.parent;
    const loop = d.parent?.parent;
    return loop !== undefined && (ts.isForOfStatement(loop) || ts.isForInStatement(loop)) && n.pos >= loop.expression.pos && n.end <= loop.expression.end;
  }

  /**
   * Whether the frame may start `sym`'s field at 0 instead of undefined: a `let` or `const` of
   * number type that no read can see in its dead zone (none in tdzReads), so nothing reads the
   * field before its declaration runs and writes it (`let x;` writes undefined there). Why: V8
   * gives a field that starts undefined and then holds numbers the tagged representation, where
   * every store of a non-integer (or of an integer past 2^31) allocates a new HeapNumber; started
   * at 0 it becomes a double field, updated in place.
   *   [source]  let total = 0.5; for (...) total += (await f()) + 0.25;
   *   [output]  constructor() { ...; this.total = 0; }       (1,000,000 iterations: 5.5 -> 2.9 ms)
   */
  startsAtZero(sym: TS.Symbol): boolean {
    const ts = this.ts;
    const decl = sym.valueDeclaration;
    // (A class is lexical too; its type, or in unchecked files its syntax, leaves it out below.)
    if (decl === undefined || !this.isLexical(decl) || this.tdzInfo().syms.has(sym)) return false;
    // Unchecked files (`// @ts-nocheck`, plain JavaScript): by the syntax alone, no type query.
    if (!this.an.typed) return ts.isVariableDeclaration(decl) && decl.initializer !== undefined && isNumberLiteral(ts, decl.initializer);
    return (this.an.checker.getTypeOfSymbol(sym).flags & ~(ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) === 0;
  }

  private isLexical(decl: TS.Declaration): boolean {
    const ts = this.ts;
    if (ts.isClassDeclaration(decl)) return true;
    let d: TS.Node = decl;
    while (ts.isBindingElement(d) || ts.isObjectBindingPattern(d) || ts.isArrayBindingPattern(d)) d = d.parent;
    return ts.isVariableDeclaration(d) && ts.isVariableDeclarationList(d.parent) && (d.parent.flags & ts.NodeFlags.BlockScoped) !== 0 && !ts.isCatchClause(d.parent.parent);
  }

  /** At a lowered block's start: `this.x = $tscoro.Z` for its declarations read in their dead zone. */
  private armDeadZones(stmts: readonly TS.Statement[]): void {
    const ts = this.ts;
    if (this.tdzInfo().syms.size === 0) return;
    for (const st of stmts) {
      const names: TS.Identifier[] = [];
      if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) boundNames(ts, d.name, names);
      else if (ts.isClassDeclaration(st) && st.name) names.push(st.name);
      this.armNames(names);
    }
  }

  /**
   * A for-of/for-in head's bindings, armed before the iterable is evaluated and again before each
   * iteration binds them (each iteration has a new binding, in its dead zone until bound).
   *   [source]  for (const [a = a] of xs) { await 0; }
   *   [output]  this.a = $tscoro.Z; this.$it = $iter(xs); ... this.a = $tscoro.Z; [this.a = $tdz(this.a, "a")] = this.$r.value;
   */
  private armDeadZone(name: TS.BindingName): void {
    if (this.tdzInfo().syms.size === 0) return;
    const names: TS.Identifier[] = [];
    boundNames(this.ts, name, names);
    this.armNames(names);
  }

  private armNames(names: readonly TS.Identifier[]): void {
    const { syms } = this.tdzInfo();
    for (const id of names) {
      const sym = this.an.checker.getSymbolAtLocation(id);
      if (sym && syms.has(sym) && !this.boxed.has(sym)) this.emit(this.assign(this.frameAccess(this, this.fieldOf(sym)!.field), this.rt('Z')));
    }
  }
}

/** `1`, `0.5`, `-2` (an initializer whose value is surely a number). */
function isNumberLiteral(ts: typeof TS, e: TS.Expression): boolean {
  if (ts.isPrefixUnaryExpression(e) && (e.operator === ts.SyntaxKind.MinusToken || e.operator === ts.SyntaxKind.PlusToken)) e = e.operand;
  return ts.isNumericLiteral(e);
}
