// Live: which frame fields may be native `var`s of the step. Takes the lowered cases of one function
// (after lower, before emit), its exception dispatcher and the fields that are candidates (locals
// and temporaries no closure captures, no box or dead-zone check needs); produces the candidates
// whose value never has to survive a suspension, and rewrites `this.x` into `x` for them.
//
// A `$step` call can begin at an *entry* state: state 0, the case after each await (resumed by the
// driver), and every state reached other than by a plain `this.$s = N; continue $loop;` (handler
// targets the dispatcher sets, trampoline states stored in a completion field). A field that is
// live-in at no entry is always written before it is read within one call, so a `var` of the step
// holds it: between the write and the read there is no return to the driver.
//
//   [source]                              [output]
//   for (const x of xs) {                   case 1: ... x = this.$r.value;     (x: a var)
//     total += await load(x);                 this.$s = 2; if (($v = this.$a(load(x))) === $S) return $S;
//   }                                       case 2: this.total = this.total + ($v);   (total: live at 2)
//
// Backward liveness over the cases: live_in(B) = reads of B before a write in B, plus, for each edge
// out of B (a goto, or falling into the next case), what is live at its target and not surely
// written in B before the edge. Inside a case the statements are those of await-free source, walked
// conservatively: a write counts only where every path through it writes; loops, labels, switch and
// try count their bodies' writes for nothing after them. Anything not understood keeps every field.
import type * as TS from 'typescript';
import { isAnonymousDefinition } from './messages';

export interface CaseMachine {
  /** The cases in state order (case i is state i). */
  readonly blocks: readonly { readonly stmts: readonly TS.Statement[] }[];
  /** The exception dispatcher's clauses (`case R: ... this.$s = L; break;`). */
  readonly dispatch: readonly TS.CaseClause[];
  /** Label placeholders: every state number written in the cases or the dispatcher. */
  readonly labelRefs: ReadonlyMap<TS.NumericLiteral, number>;
  /** label -> state. */
  readonly stateOf: ReadonlyMap<number, number>;
  /** The dispatch loop's label (`continue $loop`). */
  readonly loop: string;
  /** The name nested functions use for the frame (`const $f = this`). */
  readonly frameVar: string;
}


/**
 * A node of the user's source that lowering left as it was: it names no frame field (every access
 * is a node the lowerer made, and a parent of a changed node is a new node too), so the walks skip it.
 */
function isOriginal(ts: typeof TS, n: TS.Node): boolean {
  return (n.flags & ts.NodeFlags.Synthesized) === 0;
}

// Names a `var` in a class method (strict code) cannot have, though sloppy source may use them.
const STRICT_RESERVED = new Set(['arguments', 'eval', 'let', 'static', 'yield', 'implements', 'interface', 'package', 'private', 'protected', 'public', 'await']);

type Edge = { to: number | 'all'; written: Set<string> };

export interface NativeFields {
  /** The candidates that are live-in at no entry state (none if the cases hold anything unexpected). */
  readonly natives: Set<string>;
  /** Statements of the cases that name none of them: localize leaves them as they are. */
  readonly untouched: Set<TS.Statement>;
}

/**
 * Liveness over the cases (see the file header). `candidates` are field names; `stepBody` is the
 * whole step, whose identifiers a `var` must not capture.
 *   [output]  case 1: ... this.x = this.$r.value; ... if (($v = this.$a(f(this.x))) === $S) return $S;
 *             case 2: this.total = this.total + ($v); ...          -> natives { x }
 */
export function nativeFields(ts: typeof TS, m: CaseMachine, candidates: ReadonlySet<string>, stepBody: readonly TS.Statement[]): NativeFields {
  const none: NativeFields = { natives: new Set(), untouched: new Set() };
  if (candidates.size === 0) return none;
  const unsafe = new Set<string>();
  const gotos = new Set<TS.NumericLiteral>();
  let bail = false;
  const original = (n: TS.Node): boolean => isOriginal(ts, n);

  // The case statement being walked, and each statement that names a candidate (for localize).
  let top: TS.Statement | undefined;
  let topList: readonly TS.Statement[] | undefined;
  const named = new Map<TS.Statement, string[]>();
  const candidate = (e: TS.Node): string | undefined => {
    if (!(ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword && ts.isIdentifier(e.name) && candidates.has(e.name.text))) return undefined;
    const names = named.get(top!);
    if (names === undefined) named.set(top!, [e.name.text]);
    else names.push(e.name.text);
    return e.name.text;
  };
  const strip = (e: TS.Expression): TS.Expression => {
    while (ts.isParenthesizedExpression(e)) e = e.expression;
    return e;
  };

  // A nested function or class: `this.x` there is ours only where `this` is still the frame's
  // (arrow bodies, computed names, heritage, decorators); either way such a field stays a field,
  // as does any `$f.x`.
  const escapes = (n: TS.Node, thisIsFrame: boolean): void => {
    if (original(n)) return;
    if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.name) && candidates.has(n.name.text)) {
      if ((n.expression.kind === ts.SyntaxKind.ThisKeyword && thisIsFrame) || (ts.isIdentifier(n.expression) && n.expression.text === m.frameVar)) unsafe.add(n.name.text);
    }
    const ownThis = (ts.isFunctionLike(n) && !ts.isArrowFunction(n)) || ts.isClassStaticBlockDeclaration(n) || (ts.isClassElement(n) && !ts.isClassStaticBlockDeclaration(n));
    if (ownThis) {
      const name = (n as TS.NamedDeclaration).name;
      ts.forEachChild(n, (c) => escapes(c, (c === name || ts.isDecorator(c)) && thisIsFrame));
      return;
    }
    ts.forEachChild(n, (c) => escapes(c, thisIsFrame));
  };
  const isNested = (n: TS.Node): boolean => ts.isFunctionLike(n) || ts.isClassLike(n) || ts.isClassStaticBlockDeclaration(n);

  // One case at a time: reads not preceded by a sure write (ue) and the edges out.
  let ue = new Set<string>();
  let edges: Edge[] = [];
  const labels: string[] = [];
  let loops = 0;
  let breakables = 0;
  const read = (name: string, w: Set<string>): void => {
    if (!w.has(name)) ue.add(name);
  };
  const copy = (w: Set<string>): Set<string> => new Set(w);
  const meet = (w: Set<string>, a: Set<string>, b: Set<string>): void => {
    for (const x of a) if (b.has(x)) w.add(x);
  };

  /** Any node inside an expression: expressions by `expr`, binding patterns (defaults may not run). */
  const node = (n: TS.Node, w: Set<string>): void => {
    if (original(n)) return;
    if (isNested(n)) escapes(n, true);
    else if (ts.isBindingElement(n)) {
      if (n.propertyName) node(n.propertyName, w);
      node(n.name, w);
      if (n.initializer) expr(n.initializer, copy(w));
    } else if (ts.isExpression(n)) expr(n, w);
    else ts.forEachChild(n, (c) => node(c, w));
  };

  /** An assignment pattern `({ a: this.a, b = d } = v)`: its targets are written after the value. */
  const pattern = (p: TS.Expression, w: Set<string>, written: string[]): void => {
    const target = (t: TS.Expression): void => {
      t = strip(t);
      if (ts.isBinaryExpression(t) && t.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        expr(t.right, copy(w));
        t = strip(t.left);
      }
      const c = candidate(t);
      if (c !== undefined) written.push(c);
      else if (ts.isObjectLiteralExpression(t) || ts.isArrayLiteralExpression(t)) pattern(t, w, written);
      else node(t, w);
    };
    if (ts.isObjectLiteralExpression(p)) {
      for (const prop of p.properties) {
        if (ts.isPropertyAssignment(prop)) {
          if (ts.isComputedPropertyName(prop.name)) expr(prop.name.expression, w);
          target(prop.initializer);
        } else if (ts.isShorthandPropertyAssignment(prop)) {
          if (prop.objectAssignmentInitializer) expr(prop.objectAssignmentInitializer, copy(w));
        } else if (ts.isSpreadAssignment(prop)) target(prop.expression);
        else node(prop, w);
      }
    } else if (ts.isArrayLiteralExpression(p)) {
      for (const el of p.elements) {
        if (ts.isOmittedExpression(el)) continue;
        target(ts.isSpreadElement(el) ? el.expression : el);
      }
    } else node(p, w);
  };

  const expr = (e: TS.Expression, w: Set<string>): void => {
    const K = ts.SyntaxKind;
    if (original(e)) return;
    const c = candidate(e);
    if (c !== undefined) return read(c, w);
    if (isNested(e)) return escapes(e, true);
    // `a?.b(...)` may skip the rest of the chain: what it writes is not sure.
    if ((e.flags & ts.NodeFlags.OptionalChain) !== 0) return void ts.forEachChild(e, (n) => node(n, copy(w)));
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      const left = strip(e.left);
      const lc = candidate(left);
      if (op === K.EqualsToken) {
        if (lc !== undefined) {
          expr(e.right, w);
          w.add(lc);
        } else if (ts.isObjectLiteralExpression(left) || ts.isArrayLiteralExpression(left)) {
          expr(e.right, w);
          const written: string[] = [];
          pattern(left, w, written);
          for (const x of written) w.add(x);
        } else {
          node(left, w);
          expr(e.right, w);
        }
        return;
      }
      if (op === K.AmpersandAmpersandEqualsToken || op === K.BarBarEqualsToken || op === K.QuestionQuestionEqualsToken) {
        expr(left, w);
        expr(e.right, copy(w));
        return;
      }
      if (op >= K.FirstCompoundAssignment && op <= K.LastCompoundAssignment) {
        expr(left, w);
        expr(e.right, w);
        if (lc !== undefined) w.add(lc);
        return;
      }
      if (op === K.AmpersandAmpersandToken || op === K.BarBarToken || op === K.QuestionQuestionToken) {
        expr(e.left, w);
        expr(e.right, copy(w));
        return;
      }
      expr(e.left, w);
      expr(e.right, w);
      return;
    }
    if (ts.isConditionalExpression(e)) {
      expr(e.condition, w);
      const a = copy(w);
      const b = copy(w);
      expr(e.whenTrue, a);
      expr(e.whenFalse, b);
      meet(w, a, b);
      return;
    }
    if ((ts.isPrefixUnaryExpression(e) || ts.isPostfixUnaryExpression(e)) && (e.operator === K.PlusPlusToken || e.operator === K.MinusMinusToken)) {
      const oc = candidate(strip(e.operand));
      expr(e.operand, w);
      if (oc !== undefined) w.add(oc);
      return;
    }
    if (ts.isDeleteExpression(e)) {
      const dc = candidate(strip(e.expression));
      if (dc !== undefined) unsafe.add(dc);
    }
    ts.forEachChild(e, (n) => node(n, w));
  };

  const jumpOut = (label: TS.Identifier | undefined, isContinue: boolean): boolean => {
    if (label === undefined) return isContinue ? loops > 0 : breakables > 0;
    return labels.includes(label.text);
  };

  /** Statements in order; false when the end is not reached. */
  const list = (stmts: readonly TS.Statement[], w: Set<string>): boolean => {
    let reached = true;
    for (let i = 0; i < stmts.length; i++) {
      const s = stmts[i];
      if (stmts === topList) top = s;
      const next = stmts[i + 1];
      if (
        next !== undefined && ts.isContinueStatement(next) && next.label?.text === m.loop &&
        ts.isExpressionStatement(s) && ts.isBinaryExpression(s.expression) && s.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(s.expression.left) && s.expression.left.expression.kind === ts.SyntaxKind.ThisKeyword && s.expression.left.name.text === '$s'
      ) {
        // `this.$s = N; continue $loop;`: a goto. `this.$s = this.$v; continue $loop;` (a finally
        // replaying a jump) goes to states stored elsewhere, which are entries.
        const to = s.expression.right;
        const state = ts.isNumericLiteral(to) && m.labelRefs.has(to) ? m.stateOf.get(m.labelRefs.get(to)!) : undefined;
        if (state !== undefined) {
          gotos.add(to as TS.NumericLiteral);
          edges.push({ to: state, written: copy(w) });
        } else if (ts.isNumericLiteral(to)) bail = true;
        else expr(to, w);
        i++;
        reached = false;
        continue;
      }
      if (!stmt(s, w)) reached = false;
    }
    return reached;
  };

  const stmt = (s: TS.Statement, w: Set<string>): boolean => {
    if (original(s)) return !(ts.isReturnStatement(s) || ts.isThrowStatement(s));
    if (ts.isExpressionStatement(s)) {
      expr(s.expression, w);
      return true;
    }
    if (ts.isBlock(s)) return list(s.statements, w);
    if (ts.isVariableStatement(s)) {
      if ((s.declarationList.flags & ts.NodeFlags.Using) !== 0) bail = true;
      for (const d of s.declarationList.declarations) {
        if (d.initializer) expr(d.initializer, w);
        node(d.name, w);
      }
      return true;
    }
    if (ts.isIfStatement(s)) {
      expr(s.expression, w);
      const a = copy(w);
      const b = copy(w);
      const ra = stmt(s.thenStatement, a);
      const rb = s.elseStatement ? stmt(s.elseStatement, b) : true;
      if (ra && rb) meet(w, a, b);
      else if (ra) for (const x of a) w.add(x);
      else if (rb) for (const x of b) w.add(x);
      return ra || rb;
    }
    if (ts.isReturnStatement(s)) {
      if (s.expression) expr(s.expression, w);
      return false;
    }
    if (ts.isThrowStatement(s)) {
      expr(s.expression, w);
      return false;
    }
    if (ts.isContinueStatement(s) || ts.isBreakStatement(s)) {
      if (!jumpOut(s.label, ts.isContinueStatement(s))) {
        // Leaves the case for the dispatch switch: the next state is whatever $s holds.
        if (s.label === undefined || s.label.text === m.loop) edges.push({ to: 'all', written: copy(w) });
        else bail = true;
      }
      return false;
    }
    if (ts.isLabeledStatement(s)) {
      labels.push(s.label.text);
      stmt(s.statement, copy(w));
      labels.pop();
      return true;
    }
    if (ts.isIterationStatement(s, false)) {
      loops++;
      breakables++;
      if (ts.isForStatement(s)) {
        if (s.initializer) node(s.initializer, w);
        if (s.condition) expr(s.condition, w);
        const body = copy(w);
        stmt(s.statement, body);
        if (s.incrementor) expr(s.incrementor, body);
      } else if (ts.isWhileStatement(s)) {
        expr(s.expression, w);
        stmt(s.statement, copy(w));
      } else if (ts.isDoStatement(s)) {
        const body = copy(w);
        stmt(s.statement, body);
        expr(s.expression, body);
      } else if (ts.isForInStatement(s) || ts.isForOfStatement(s)) {
        expr(s.expression, w);
        const body = copy(w);
        const init = s.initializer;
        if (ts.isVariableDeclarationList(init)) node(init, copy(w));
        else {
          const t = strip(init);
          const c = candidate(t);
          if (c !== undefined) body.add(c);
          else if (ts.isObjectLiteralExpression(t) || ts.isArrayLiteralExpression(t)) {
            const written: string[] = [];
            pattern(t, body, written);
            for (const x of written) body.add(x);
          } else node(t, body);
        }
        stmt(s.statement, body);
      } else bail = true;
      loops--;
      breakables--;
      return true;
    }
    if (ts.isSwitchStatement(s)) {
      expr(s.expression, w);
      breakables++;
      for (const clause of s.caseBlock.clauses) {
        const cw = copy(w);
        if (ts.isCaseClause(clause)) expr(clause.expression, cw);
        list(clause.statements, cw);
      }
      breakables--;
      return true;
    }
    if (ts.isTryStatement(s)) {
      list(s.tryBlock.statements, copy(w));
      if (s.catchClause) {
        const cw = copy(w);
        if (s.catchClause.variableDeclaration) node(s.catchClause.variableDeclaration.name, cw);
        list(s.catchClause.block.statements, cw);
      }
      if (s.finallyBlock) list(s.finallyBlock.statements, w);
      return true;
    }
    if (ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) {
      escapes(s, true);
      return true;
    }
    if (ts.isEmptyStatement(s) || ts.isDebuggerStatement(s) || ts.isTypeAliasDeclaration(s) || ts.isInterfaceDeclaration(s)) return true;
    bail = true;
    return true;
  };

  const n = m.blocks.length;
  const ueOf: Set<string>[] = [];
  const edgesOf: Edge[][] = [];
  m.blocks.forEach((b, i) => {
    ue = new Set();
    edges = [];
    const w = new Set<string>();
    topList = b.stmts;
    if (list(b.stmts, w)) edges.push({ to: i + 1 < n ? i + 1 : 'all', written: w });
    ueOf.push(ue);
    edgesOf.push(edges);
  });
  for (const clause of m.dispatch) escapes(clause, true);
  const clash = identifiersIn(ts, stepBody);
  // A direct eval could name any local: it would see the vars, never the fields.
  if (bail || clash.has('eval')) return none;

  // Fixpoint of live_in over the edges.
  const liveIn = ueOf.map((s) => new Set(s));
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = n - 1; i >= 0; i--) {
      for (const e of edgesOf[i]) {
        const targets = e.to === 'all' ? liveIn : [liveIn[e.to]];
        for (const t of targets)
          for (const x of t)
            if (!e.written.has(x) && !liveIn[i].has(x)) {
              liveIn[i].add(x);
              changed = true;
            }
      }
    }
  }
  // Entries: state 0 and every state a literal other than a recognised goto names.
  const entries = new Set<number>([0]);
  for (const [lit, label] of m.labelRefs) if (!gotos.has(lit)) entries.add(m.stateOf.get(label)!);
  const out = new Set<string>();
  for (const c of candidates) {
    if (unsafe.has(c) || clash.has(c) || STRICT_RESERVED.has(c)) continue;
    let live = false;
    for (const e of entries) if (liveIn[e]?.has(c)) live = true;
    if (!live) out.add(c);
  }
  const untouched = new Set<TS.Statement>();
  for (const b of m.blocks) for (const st of b.stmts) if (!named.get(st)?.some((c) => out.has(c))) untouched.add(st);
  return { natives: out, untouched };
}

/**
 * Every identifier in the step that could be captured by a `var` of the same name (not property
 * names or labels): a field whose name is among them stays a field.
 */
function identifiersIn(ts: typeof TS, stmts: readonly TS.Statement[]): Set<string> {
  const out = new Set<string>();
  const visit = (n: TS.Node): void => {
    if (ts.isIdentifier(n)) {
      out.add(n.text);
      return;
    }
    if (ts.isPropertyAccessExpression(n)) return visit(n.expression);
    if (ts.isLabeledStatement(n)) return visit(n.statement);
    if (ts.isBreakStatement(n) || ts.isContinueStatement(n)) return;
    ts.forEachChild(n, (c) => {
      // Property names: `{ x: ... }`, `m() {}`, `p = 1` in classes.
      if (ts.isIdentifier(c) && (ts.isPropertyAssignment(n) || ts.isMethodDeclaration(n) || ts.isPropertyDeclaration(n) || ts.isGetAccessorDeclaration(n) || ts.isSetAccessorDeclaration(n)) && (n as TS.NamedDeclaration).name === c) return;
      visit(c);
    });
  };
  for (const s of stmts) visit(s);
  return out;
}

/**
 * The `$fn(this.x, "x")` callees lower.ts makes for a call of a local (`x(...)`): once x is a native
 * `var`, the call is `x(...)` again, whose own TypeError already names x.
 */
export const plainCallees = new WeakSet<TS.Node>();

/**
 * `this.x` -> `x` for the native fields, and `var x, y;` first in the step.
 *   [source]  this.total = 0; ... this.x = this.$r.value; use(this.x);
 *   [output]  var x; this.total = 0; ... x = this.$r.value; use(x);
 * Nested functions and classes are left alone: a native field is never named in them (see escapes).
 */
export function localize(ts: typeof TS, context: TS.TransformationContext, stmts: readonly TS.Statement[], { natives, untouched }: NativeFields): TS.Statement[] {
  if (natives.size === 0) return [...stmts];
  const f = ts.factory;
  // The native local `this.x` names, if it is one.
  const nativeRef = (e: TS.Node): string | undefined =>
    ts.isPropertyAccessExpression(e) && e.expression.kind === ts.SyntaxKind.ThisKeyword && ts.isIdentifier(e.name) && natives.has(e.name.text) ? e.name.text : undefined;
  const visit = (n: TS.Node): TS.Node => {
    if (untouched.has(n as TS.Statement) || isOriginal(ts, n) || ts.isFunctionLike(n) || ts.isClassLike(n) || ts.isClassStaticBlockDeclaration(n)) return n;
    if ((ts.isCallExpression(n) || ts.isTaggedTemplateExpression(n)) && plainCallees.has(ts.isCallExpression(n) ? n.expression : n.tag)) {
      const wrapper = (ts.isCallExpression(n) ? n.expression : n.tag) as TS.CallExpression;
      const x = nativeRef(wrapper.arguments[0]);
      if (x !== undefined) {
        const updated = ts.visitEachChild(n, visit, context) as TS.CallExpression | TS.TaggedTemplateExpression;
        return ts.isCallExpression(updated)
          ? f.updateCallExpression(updated, f.createIdentifier(x), updated.typeArguments, updated.arguments)
          : f.updateTaggedTemplateExpression(updated, f.createIdentifier(x), updated.typeArguments, updated.template);
      }
    }
    // `x = () => {}` would name the function "x" (NamedEvaluation), `this.x = ...` did not: where the
    // name matters the lowering already wrote `{ k: ... }.k`, so an anonymous function or class
    // left here must stay anonymous (a temp's name would show as `$t4`): `(0, ...)`.
    if (ts.isBinaryExpression(n) && nativeRef(n.left) !== undefined && isAnonymousDefinition(ts, n.right)) {
      const out = ts.visitEachChild(n, visit, context) as TS.BinaryExpression;
      return f.updateBinaryExpression(out, out.left, out.operatorToken, f.createComma(f.createNumericLiteral(0), out.right));
    }
    const x = nativeRef(n);
    if (x !== undefined) return f.createIdentifier(x);
    return ts.visitEachChild(n, visit, context);
  };
  const decl = f.createVariableStatement(undefined, f.createVariableDeclarationList([...natives].map((x) => f.createVariableDeclaration(x))));
  return [decl, ...stmts.map((s) => visit(s) as TS.Statement)];
}
