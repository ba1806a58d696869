// Naming and hoisting. Takes an async function's original AST; produces the frame's field layout:
// one field per local that lives in lowered code (parameters, every `var`, and the
// `let`/`const`/`class`/`function`/catch bindings declared directly in lowered blocks), renamed
// apart when two scopes reuse a name, plus generated names (temporaries, $s/$p/$h, the step's
// parameters) chosen so they can never collide with any identifier the file already uses
// (TypeScript #37686 was a generated temporary named like a user variable). The layout is where a
// local lives while lowering; after it, live.ts keeps in the frame only the locals whose value must
// survive a suspension and makes the others `var`s of the step under the same renamed-apart names.
import type * as TS from 'typescript';
import { Analysis } from './analyze';

/** Hands out names absent from the file (and from each other). */
export class NameGen {
  private readonly used: Set<string>;
  constructor(fileIdentifiers: Set<string>) {
    this.used = new Set(fileIdentifiers);
  }
  /** `base` if free, else base$1, base$2, ... */
  fresh(base: string): string {
    let name = base;
    for (let i = 1; this.used.has(name); i++) name = `${base}$${i}`;
    this.used.add(name);
    return name;
  }
  reserve(name: string): void {
    this.used.add(name);
  }
}

/** Every identifier text in a file (generated names must avoid them all). */
export function collectIdentifiers(ts: typeof TS, sf: TS.SourceFile): Set<string> {
  const out = new Set<string>();
  const visit = (n: TS.Node): void => {
    if (ts.isIdentifier(n) || ts.isPrivateIdentifier(n)) out.add(n.text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** The names a binding name introduces, in source order. */
export function boundNames(ts: typeof TS, name: TS.BindingName, out: TS.Identifier[] = []): TS.Identifier[] {
  if (ts.isIdentifier(name)) out.push(name);
  else
    for (const el of name.elements) {
      if (ts.isOmittedExpression(el)) continue;
      boundNames(ts, el.name, out);
    }
  return out;
}

/**
 * The names a function's parameters bind, in source order, without TypeScript's `this` parameter
 * (`async function f(this: Window, a)`), which is a type annotation and binds nothing.
 */
export function parameterNames(ts: typeof TS, fn: TS.SignatureDeclaration): TS.Identifier[] {
  const out: TS.Identifier[] = [];
  for (const p of fn.parameters) if (!(ts.isIdentifier(p.name) && p.name.text === 'this')) boundNames(ts, p.name, out);
  return out;
}

export interface FrameLayout {
  /** symbol -> field name on the frame. */
  readonly fields: Map<TS.Symbol, string>;
  /** field names in declaration order (the constructor initialises them all: one object shape). */
  readonly order: string[];
  /** Field names taken by the frame itself, so user locals never shadow them. */
  readonly reserved: Set<string>;
}

/**
 * Allocates fields for the locals of `fn` that live in lowered code: a block whose statements become
 * cases (it contains an await, or is the body) turns its block-scoped declarations into fields.
 */
export function layoutFrame(
  ts: typeof TS,
  an: Analysis,
  fn: TS.FunctionLikeDeclaration,
  reserved: Set<string>,
): FrameLayout {
  const fields = new Map<TS.Symbol, string>();
  const order: string[] = [];
  const taken = new Set<string>(reserved);
  const add = (id: TS.Identifier): void => {
    const sym = an.checker.getSymbolAtLocation(id);
    if (sym === undefined || fields.has(sym)) return;
    let name = id.text;
    for (let i = 1; taken.has(name); i++) name = `${id.text}$${i}`;
    taken.add(name);
    fields.set(sym, name);
    order.push(name);
  };
  for (const id of parameterNames(ts, fn)) add(id);
  const body = fn.body!;
  const lowered = (block: TS.Node): boolean => block === body || an.containsAwait(block);
  const visit = (n: TS.Node, inLowered: boolean): void => {
    // Everything that adds a field is a statement or part of one (a catch clause, a declaration
    // list); an expression holds statements only inside a function or class static block, which
    // are boundaries. So expressions, most of a body's nodes, need no walk.
    if (ts.isExpression(n)) return;
    if (an.isFunctionBoundary(n)) {
      if (ts.isFunctionDeclaration(n) && n.name && inLowered) add(n.name);
      return;
    }
    if (ts.isClassDeclaration(n) && n.name && inLowered) add(n.name);
    if (ts.isVariableDeclarationList(n)) {
      const isVar = (n.flags & ts.NodeFlags.BlockScoped) === 0;
      if (isVar || inLowered) for (const d of n.declarations) for (const id of boundNames(ts, d.name)) add(id);
    }
    if (ts.isCatchClause(n) && n.variableDeclaration && an.containsAwait(n.parent))
      for (const id of boundNames(ts, n.variableDeclaration.name)) add(id);
    // Block-scoped declarations become fields when their scope is lowered: blocks and case clauses
    // directly, loop heads when the loop itself is lowered.
    let childLowered: boolean;
    if (ts.isBlock(n) || ts.isCaseBlock(n) || ts.isCaseClause(n) || ts.isDefaultClause(n)) childLowered = inLowered && lowered(n);
    else if (ts.isIterationStatement(n, false) || ts.isSwitchStatement(n) || ts.isLabeledStatement(n) || ts.isIfStatement(n) || ts.isTryStatement(n))
      childLowered = inLowered && an.containsAwait(n);
    else childLowered = inLowered && (ts.isVariableStatement(n) || ts.isVariableDeclarationList(n) || ts.isCatchClause(n));
    ts.forEachChild(n, (c) => visit(c, childLowered));
  };
  ts.forEachChild(body, (c) => visit(c, true));
  return { fields, order, reserved };
}
