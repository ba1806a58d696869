// The text V8 quotes in a TypeError about an expression ("o.k is not a function", "x is not
// iterable", "(intermediate value) is not a constructor"). Takes a source expression; produces the
// string V8 would print for it, so that a check the lowered code makes on a temp (protocol `fn`,
// `ctor`, `iter`) throws the message the unsplit expression throws natively.
//
// V8 does not quote the source: it prints the expression back from its syntax tree. Names, `this`,
// literals, property and element accesses, operators and calls (as `f(...)`) print as themselves;
// what it cannot print (an await, a conditional, a function, an optional chain, `new X()`) prints
// as "(intermediate value)", once per part it skipped. For a for-of's iterable (`iter` mode) a call
// prints without its `(...)` and `new X()` as `X`; a call as the whole iterable gives the message
// "f is not a function or its return value is not iterable", whose head this returns.
import type * as TS from 'typescript';

const SKIPPED = '(intermediate value)';

/**
 * `mode`: 'call' for a callee (`is not a function`, `is not a constructor`), 'iter' for a for-of's
 * iterable, 'chain' for the callee of a call inside an optional chain.
 *   [source]  new (await f())()      (await g()).k(1)           for (const q of o.f()) ...
 *   [output]  "(intermediate value)"  "(intermediate value).k"  "o.f is not a function or its return value"
 */
export function messageText(ts: typeof TS, n: TS.Expression, mode: 'call' | 'iter' | 'chain' = 'call'): string {
  if (n.pos < 0 || !n.getSourceFile()) return 'expression';
  const iter = mode === 'iter';
  const bare = skipWrappers(ts, n);
  if (iter && ts.isCallExpression(bare) && !ts.isOptionalChain(bare)) return `${shown(ts, bare.expression, iter)} is not a function or its return value`;
  if (iter && ts.isTaggedTemplateExpression(bare)) return `${shown(ts, bare.tag, iter)} is not a function or its return value`;
  // 'chain': the callee of a call that is a link of an optional chain (`o?.a.m(...)`), printed with
  // its `?.`; a chain in parentheses (`(o?.m)()`) is a part V8 skips.
  return shown(ts, bare, iter, mode === 'chain');
}

/**
 * `e` without parentheses and type-only wrappers (`as`, `!`, `satisfies`, `<T>`): they emit nothing,
 * and are not in V8's tree either.
 */
export function skipWrappers(ts: typeof TS, e: TS.Expression): TS.Expression {
  while (isWrapper(ts, e)) e = e.expression;
  return e;
}

/** An anonymous function or class expression: what NamedEvaluation gives a name (parentheses allowed). */
export function isAnonymousDefinition(ts: typeof TS, e: TS.Expression): boolean {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return ts.isArrowFunction(e) || ((ts.isFunctionExpression(e) || ts.isClassExpression(e)) && e.name === undefined);
}

/**
 * The local an assignment to `target` names an anonymous function after: `x` in `x = () => {}`,
 * and in `(x as any) = () => {}`, which TypeScript emits as `x = ...` (parentheses alone, kept in
 * the output, do not name it).
 */
export function assignedName(ts: typeof TS, target: TS.Expression): TS.Identifier | undefined {
  if (ts.isIdentifier(target)) return target;
  let typed = false;
  let e = target;
  while (isWrapper(ts, e)) {
    if (!ts.isParenthesizedExpression(e)) typed = true;
    e = e.expression;
  }
  return typed && ts.isIdentifier(e) ? e : undefined;
}

/**
 * Parentheses or a type-only wrapper. An assignment sees through them: `(c as any) = v`,
 * `y! += v` and `[(a as T)] = xs` write the local itself, and TypeScript accepts them on a `const`.
 */
export function isWrapper(
  ts: typeof TS,
  n: TS.Node,
): n is TS.ParenthesizedExpression | TS.AsExpression | TS.NonNullExpression | TS.SatisfiesExpression | TS.TypeAssertion {
  return ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isNonNullExpression(n) || ts.isSatisfiesExpression(n) || ts.isTypeAssertionExpression(n);
}

/** `n` printed where V8 prints a part (an empty print becomes "(intermediate value)"). */
function shown(ts: typeof TS, n: TS.Expression, iter: boolean, inChain = false): string {
  const s = printed(ts, skipWrappers(ts, n), iter, inChain);
  return s === '' ? SKIPPED : s;
}

function printed(ts: typeof TS, n: TS.Expression, iter: boolean, inChain: boolean): string {
  const K = ts.SyntaxKind;
  // A whole optional chain inside the expression is one part V8 does not print; within the chain
  // of the failing call, links print with their `?.`.
  const chain = ts.isOptionalChain(n);
  if (chain && !inChain) return SKIPPED;
  if (ts.isIdentifier(n) || ts.isPrivateIdentifier(n)) return n.text;
  switch (n.kind) {
    case K.ThisKeyword:
      return 'this';
    case K.SuperKeyword:
      // `super.m` prints as (intermediate value).m
      return '';
    case K.NullKeyword:
      return 'null';
    case K.TrueKeyword:
      return 'true';
    case K.FalseKeyword:
      return 'false';
  }
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return `"${n.text}"`;
  if (ts.isNumericLiteral(n)) return String(Number(n.text));
  if (ts.isRegularExpressionLiteral(n)) return n.text;
  if (ts.isTemplateExpression(n)) return n.templateSpans.map((s) => shown(ts, s.expression, iter)).join('');
  if (ts.isPropertyAccessExpression(n)) return `${shown(ts, n.expression, iter, chain)}${n.questionDotToken ? '?' : ''}.${n.name.text}`;
  if (ts.isElementAccessExpression(n)) {
    const key = skipWrappers(ts, n.argumentExpression);
    const obj = shown(ts, n.expression, iter, chain);
    if (ts.isStringLiteral(key) || ts.isNoSubstitutionTemplateLiteral(key)) return `${obj}${n.questionDotToken ? '?' : ''}.${key.text}`;
    return `${obj}${n.questionDotToken ? '?.' : ''}[${shown(ts, key, iter)}]`;
  }
  if (ts.isCallExpression(n)) return n.expression.kind === K.ImportKeyword ? `import(${n.arguments.length ? shown(ts, n.arguments[0], iter) : ''})` : shown(ts, n.expression, iter, chain) + (iter ? '' : '(...)');
  if (ts.isTaggedTemplateExpression(n)) return shown(ts, n.tag, iter) + (iter ? '' : '(...)');
  if (ts.isNewExpression(n)) return iter ? shown(ts, n.expression, iter) : SKIPPED;
  if (ts.isArrayLiteralExpression(n)) return `[${n.elements.map((e) => (ts.isOmittedExpression(e) ? SKIPPED : ts.isSpreadElement(e) ? `(...${shown(ts, e.expression, iter)})` : shown(ts, e, iter))).join(',')}]`;
  if (ts.isObjectLiteralExpression(n)) return `{${SKIPPED.repeat(n.properties.length)}}`;
  if (ts.isConditionalExpression(n)) return SKIPPED.repeat(3);
  if (ts.isPrefixUnaryExpression(n)) {
    const op = ts.tokenToString(n.operator)!;
    return `(${op}${shown(ts, n.operand, iter)})`;
  }
  if (ts.isPostfixUnaryExpression(n)) return `(${shown(ts, n.operand, iter)}${ts.tokenToString(n.operator)})`;
  if (ts.isTypeOfExpression(n)) return `(typeof ${shown(ts, n.expression, iter)})`;
  if (ts.isVoidExpression(n)) return `(void ${shown(ts, n.expression, iter)})`;
  if (ts.isDeleteExpression(n)) return `(delete ${shown(ts, n.expression, iter)})`;
  if (ts.isBinaryExpression(n)) {
    const op = n.operatorToken.kind;
    // An assignment prints its target.
    if (op >= K.FirstAssignment && op <= K.LastAssignment) return shown(ts, n.left, iter);
    // A run of one operator is one n-ary node: `a + b + c` and `(a + b) + c` print as (a + b + c).
    const parts: TS.Expression[] = [n.right];
    let left = skipWrappers(ts, n.left);
    while (ts.isBinaryExpression(left) && left.operatorToken.kind === op) {
      parts.unshift(left.right);
      left = skipWrappers(ts, left.left);
    }
    parts.unshift(left);
    const sep = op === K.CommaToken ? ' , ' : ` ${ts.tokenToString(op)} `;
    return `(${parts.map((p) => shown(ts, p, iter)).join(sep)})`;
  }
  // An await, yield, function, arrow or class: printed as skipped.
  return SKIPPED;
}
