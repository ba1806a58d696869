// Analysis of one async function before lowering. Takes the original (type-checked) AST; produces
// cached facts the later stages ask for: which nodes contain an await (and so must be lowered),
// whether the body uses `this`/`arguments`, and whether it captures locals of enclosing functions
// (which decides between a flat frame class at the file's top and a closure-step frame). Per file,
// it also finds where a coroutine is made and dropped (droppedCoroutines), for a warning.
// Every question is answered on original nodes only: the checker knows nothing of synthesized ones.
import type * as TS from 'typescript';

/**
 * `ts` with plain data properties, made once per `ts` object. TypeScript's module object (and an
 * `import * as` namespace of it) exposes every member as a getter, and the stages read several per
 * node: the transformer takes this copy once, at its entry (index.ts), and hands it to every stage.
 * Measured on the W7 project: the getters were a third of the liveness walks' time.
 */
const plainApis = new WeakMap<object, typeof TS>();
export function plainApi(ts: typeof TS): typeof TS {
  let api = plainApis.get(ts);
  if (api === undefined) {
    plainApis.set(ts, (api = { ...ts }));
    plainApis.set(api, api);
  }
  return api;
}

export class Analysis {
  private readonly awaitMemo = new WeakMap<TS.Node, boolean>();
  constructor(
    readonly ts: typeof TS,
    readonly checker: TS.TypeChecker,
    /** The file was type-checked (see typesChecked): type queries are cached answers there. */
    readonly typed: boolean = true,
  ) {}

  /** True if `node` is a function boundary: awaits, `this` and locals inside it are its own. */
  isFunctionBoundary(node: TS.Node): boolean {
    const ts = this.ts;
    return ts.isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node);
  }

  /** True if `node` contains an await (or for-await) that belongs to the function being lowered. */
  containsAwait(node: TS.Node): boolean {
    const cached = this.awaitMemo.get(node);
    if (cached !== undefined) return cached;
    const ts = this.ts;
    let found = false;
    if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier !== undefined)) found = true;
    // In an async generator a `yield` suspends, and `return x` awaits x (before any finally runs).
    else if (ts.isYieldExpression(node) || (ts.isReturnStatement(node) && node.expression !== undefined && this.inAsyncGenerator(node))) found = true;
    // `using` needs lowering even without await: its disposal is a finally the machine must run.
    else if (ts.isVariableDeclarationList(node) && (node.flags & ts.NodeFlags.Using) !== 0) found = true;
    else if (ts.isClassLike(node)) {
      // Only a class's heritage clauses and computed member names run in the enclosing function;
      // member bodies and field initializers are functions of their own. (Lowering refuses these.)
      const parts: TS.Node[] = [...(node.heritageClauses ?? [])];
      for (const m of node.members) if (m.name && ts.isComputedPropertyName(m.name)) parts.push(m.name);
      found = parts.some((p) => this.containsAwait(p));
    } else if (!this.isFunctionBoundary(node)) {
      ts.forEachChild(node, (c) => {
        if (!found && this.containsAwait(c)) found = true;
      });
    } else {
      const key = this.memberKey(node);
      if (key) found = this.containsAwait(key);
    }
    this.awaitMemo.set(node, found);
    return found;
  }

  /** True if the function `node` belongs to is an async generator. */
  private inAsyncGenerator(node: TS.Node): boolean {
    let n = node.parent;
    while (n !== undefined && !this.isFunctionBoundary(n)) n = n.parent;
    return n !== undefined && isAsyncGenerator(this.ts, n);
  }

  /**
   * The computed name of a method or accessor: it is part of the function boundary's node, but it is
   * evaluated by the enclosing code (where the object literal or class is).
   */
  memberKey(node: TS.Node): TS.ComputedPropertyName | undefined {
    const ts = this.ts;
    if (!(ts.isMethodDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node))) return undefined;
    return ts.isComputedPropertyName(node.name) ? node.name : undefined;
  }

  /**
   * Visits every node of the body that belongs to this function (not nested functions' insides;
   * a method's computed name belongs to the function that evaluates it).
   */
  forEachOwnNode(body: TS.Node, fn: (n: TS.Node) => void, intoArrows = false): void {
    const ts = this.ts;
    const visit = (n: TS.Node): void => {
      fn(n);
      if (this.isFunctionBoundary(n) && !(intoArrows && ts.isArrowFunction(n))) {
        const key = this.memberKey(n);
        if (key) visit(key);
        return;
      }
      ts.forEachChild(n, visit);
    };
    ts.forEachChild(body, visit);
  }

  /** Does the function use `this` / `arguments` / `new.target` (nested arrows inherit them too)? */
  usesThisAndArguments(fn: TS.FunctionLikeDeclaration): { usesThis: boolean; usesArguments: boolean; usesNewTarget: boolean } {
    const ts = this.ts;
    let usesThis = false;
    let usesArguments = false;
    let usesNewTarget = false;
    if (!fn.body) return { usesThis, usesArguments, usesNewTarget };
    this.forEachOwnNode(
      fn.body,
      (n) => {
        if (n.kind === ts.SyntaxKind.ThisKeyword) usesThis = true;
        else if (ts.isIdentifier(n) && n.text === 'arguments' && this.isArgumentsReference(n)) usesArguments = true;
        else if (ts.isMetaProperty(n) && n.keywordToken === ts.SyntaxKind.NewKeyword) usesNewTarget = true;
      },
      true,
    );
    return { usesThis, usesArguments, usesNewTarget };
  }

  /** True for an `arguments` identifier that refers to the function's arguments object. */
  isArgumentsReference(id: TS.Identifier): boolean {
    const ts = this.ts;
    const p = id.parent;
    if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
    if ((ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p)) && p.name === id) return false;
    const sym = this.checker.getSymbolAtLocation(id);
    if (sym === undefined) return true;
    const d = sym.declarations?.[0];
    return d === undefined || d.getSourceFile().isDeclarationFile;
  }

  /** The function-like node that declares `sym` (undefined for module-level and global symbols). */
  declaringFunction(decl: TS.Node): TS.Node | undefined {
    let n: TS.Node | undefined = decl.parent;
    while (n !== undefined && !this.ts.isSourceFile(n)) {
      if (this.isFunctionBoundary(n)) return n;
      n = n.parent;
    }
    return undefined;
  }

  /**
   * Does `fn`'s body refer to locals of an enclosing function (or of a class static block)? If not,
   * its frame class can live at the file's top and be shared by every call.
   */
  capturesOuterLocals(fn: TS.FunctionLikeDeclaration): boolean {
    const ts = this.ts;
    if (!fn.body || this.onlyFileScopeAbove(fn)) return false;
    let captures = false;
    const visit = (n: TS.Node): void => {
      if (captures) return;
      // `p.x`, `NS.f`: a property, though its declaration may be a binding (a parameter property,
      // a namespace's function).
      if (ts.isIdentifier(n) && !(ts.isPropertyAccessExpression(n.parent) && n.parent.name === n)) {
        const sym = this.symbolOf(n);
        const decl = sym?.valueDeclaration ?? sym?.declarations?.[0];
        if (
          sym !== undefined &&
          decl !== undefined &&
          (sym.flags & ts.SymbolFlags.Value) !== 0 &&
          decl.getSourceFile() === fn.getSourceFile() &&
          this.isBinding(decl) &&
          !isInside(decl, fn) &&
          !this.isFileScope(decl)
        )
          captures = true;
      }
      ts.forEachChild(n, visit);
    };
    visit(fn.body);
    for (const p of fn.parameters) visit(p);
    return captures;
  }

  /**
   * True when nothing between `fn` and its file opens a scope: every binding `fn` can name is then
   * its own or the file's, and capturesOuterLocals needs no walk (and no checker call per
   * identifier, ~15% of the transformer's time on W7's project). Only containers that bind nothing
   * qualify; anything else (blocks, loops, functions, class expressions, namespaces) takes the walk.
   *   [source]  export async function f() {...}   class C { async m() {...} }   const g = async () => ...
   */
  private onlyFileScopeAbove(fn: TS.Node): boolean {
    const ts = this.ts;
    const K = ts.SyntaxKind;
    for (let n = fn.parent; n !== undefined; n = n.parent) {
      switch (n.kind) {
        case K.SourceFile:
          return true;
        case K.VariableStatement:
        case K.VariableDeclarationList:
        case K.ClassDeclaration: // its name is file scope when it sits at the top itself
        case K.ExportAssignment:
        case K.ParenthesizedExpression:
        case K.AsExpression:
        case K.SatisfiesExpression:
          continue;
        case K.VariableDeclaration:
          // `const g = async () => ...`; a binding pattern's defaults could name its other elements.
          if (!ts.isIdentifier((n as TS.VariableDeclaration).name)) return false;
          continue;
        default:
          return false;
      }
    }
    return false;
  }

  /** A declaration that binds a name in a scope (not a property, method or type member). */
  private isBinding(d: TS.Node): boolean {
    const ts = this.ts;
    return (
      ts.isVariableDeclaration(d) || ts.isBindingElement(d) || ts.isParameter(d) || ts.isFunctionDeclaration(d) || ts.isClassDeclaration(d) ||
      ts.isClassExpression(d) || ts.isFunctionExpression(d) || ts.isEnumDeclaration(d) || ts.isModuleDeclaration(d) || ts.isImportSpecifier(d) ||
      ts.isImportClause(d) || ts.isNamespaceImport(d) || ts.isImportEqualsDeclaration(d)
    );
  }

  /**
   * Is `decl` visible from the top of its file (where flat frame classes are placed)? Locals of
   * functions, bindings of blocks and loops, namespace members and class-expression names are not.
   */
  private isFileScope(decl: TS.Node): boolean {
    const ts = this.ts;
    let d: TS.Node = decl;
    while (ts.isBindingElement(d) || ts.isObjectBindingPattern(d) || ts.isArrayBindingPattern(d)) d = d.parent;
    if (ts.isImportSpecifier(d) || ts.isImportClause(d) || ts.isNamespaceImport(d) || ts.isImportEqualsDeclaration(d)) return true;
    if (ts.isVariableDeclaration(d) && ts.isVariableDeclarationList(d.parent)) {
      const list = d.parent;
      if ((list.flags & ts.NodeFlags.BlockScoped) === 0) {
        // `var`: function-scoped; file scope unless inside a function or a namespace.
        for (let n: TS.Node | undefined = list.parent; n !== undefined && !ts.isSourceFile(n); n = n.parent)
          if (this.isFunctionBoundary(n) || ts.isModuleDeclaration(n)) return false;
        return true;
      }
      return ts.isVariableStatement(list.parent) && ts.isSourceFile(list.parent.parent);
    }
    if (ts.isFunctionDeclaration(d) || ts.isClassDeclaration(d) || ts.isEnumDeclaration(d) || ts.isModuleDeclaration(d)) return ts.isSourceFile(d.parent);
    return false;
  }

  /** The value symbol an identifier refers to (shorthand properties resolve to the variable). */
  symbolOf(id: TS.Identifier): TS.Symbol | undefined {
    if (this.symbolMemo.has(id)) return this.symbolMemo.get(id);
    const ts = this.ts;
    let sym: TS.Symbol | undefined;
    try {
      sym =
        ts.isShorthandPropertyAssignment(id.parent) && id.parent.name === id
          ? this.checker.getShorthandAssignmentValueSymbol(id.parent)
          : this.checker.getSymbolAtLocation(id);
    } catch {
      // TypeScript's checker can fail on code it was never asked to check (`// @ts-nocheck` JS
      // with odd overloads: "Debug Failure. No error for last overload signature"). Names are
      // still resolved lexically, which is all the lowering needs.
      sym = this.lexicalSymbol(id);
    }
    this.symbolMemo.set(id, sym);
    return sym;
  }
  private readonly symbolMemo = new WeakMap<TS.Identifier, TS.Symbol | undefined>();

  /** Scope lookup by name for an identifier in a reference position (undefined for property names). */
  private lexicalSymbol(id: TS.Identifier): TS.Symbol | undefined {
    const ts = this.ts;
    const p = id.parent;
    if (
      (ts.isPropertyAccessExpression(p) && p.name === id) ||
      ((ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isGetAccessor(p) || ts.isSetAccessor(p)) && p.name === id) ||
      (ts.isBindingElement(p) && p.propertyName === id) ||
      (ts.isQualifiedName(p) && p.right === id)
    )
      return undefined;
    try {
      return this.checker.getSymbolsInScope(id, ts.SymbolFlags.Value).find((s) => s.name === id.text);
    } catch {
      return undefined;
    }
  }
}

/** An async function, async generator or async method the transformer lowers. */
export function isAsyncFunction(ts: typeof TS, n: TS.Node): n is TS.FunctionLikeDeclaration {
  if (!(ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isArrowFunction(n) || ts.isMethodDeclaration(n))) return false;
  if (!n.body) return false;
  return (ts.getCombinedModifierFlags(n) & ts.ModifierFlags.Async) !== 0;
}

/** An `async function*` (declaration, expression or method). */
export function isAsyncGenerator(ts: typeof TS, n: TS.Node): boolean {
  return isAsyncFunction(ts, n) && (n as TS.FunctionLikeDeclaration).asteriskToken !== undefined;
}

/** True if `inner` lies within `outer` (or is it). */
export function isInside(inner: TS.Node, outer: TS.Node): boolean {
  for (let n: TS.Node | undefined = inner; n !== undefined; n = n.parent) if (n === outer) return true;
  return false;
}

/**
 * Places where a coroutine is made and dropped, so the body of the async function never runs
 * (coroutines are lazy): what asyncio reports at run time as "coroutine ... was never awaited",
 * found at compile time. Each shape is certain to drop what the function returns:
 *  - `call`: a call whose value an expression statement drops (`main();`, `void svc.refresh();`,
 *    `ready && start();`, `a(), b();`) and that resolves to an async function of this program. A
 *    function of a declaration file is not one: it may be native code, whose promise runs eagerly.
 *  - `callback`: an async function expression or arrow written where a function returning `void`
 *    is expected, such as `setTimeout(async () => ...)`, `xs.forEach(async (x) => ...)` or
 *    `new Promise(async (resolve) => ...)`: its caller ignores the return value.
 *  - `reference`: an async function of this program passed by name as such an argument:
 *    `setInterval(poll, 1000)`, `emitter.on('close', this.shutdown)`.
 *  - `method`: an async method of an object literal whose contextual type has it return `void`.
 *  - `override`: an async method whose class extends or implements a type declaring it as
 *    returning `void` (React's componentDidMount, Angular's ngOnInit); `base` names that type.
 *  - `then`: an async `then` (method or property): native await and Promise.resolve() call it and
 *    drop what it returns.
 * Async generators are left out: a native one is lazy too.
 *   [source]  main();                      -> { node: <main()>, kind: 'call' }
 *             setTimeout(async () => {});  -> { node: <the arrow>, kind: 'callback' }
 *             setInterval(poll, 1000);     -> { node: <poll>, kind: 'reference' }
 */
export type DroppedKind = 'call' | 'callback' | 'reference' | 'method' | 'override' | 'then';
/** A place where a coroutine is dropped; `base`: for 'override', the heritage type that returns void. */
export interface Dropped {
  node: TS.Node;
  kind: DroppedKind;
  base?: { name: string; implements: boolean };
}
/**
 * Whether the checker has checked `sf` (not `// @ts-nocheck`, not unchecked JavaScript). Only there
 * may the transformer ask for types: the answers are cached. In an unchecked file each query checks
 * from scratch, and flow analysis of a long function can overflow the stack or take minutes and
 * gigabytes (both seen on generated programs).
 */
export function typesChecked(program: TS.Program, sf: TS.SourceFile): boolean {
  const directive = (sf as { checkJsDirective?: { enabled: boolean } }).checkJsDirective; // internal, stable since TS 2.3
  return directive !== undefined ? directive.enabled : !/\.[cm]?jsx?$/.test(sf.fileName) || program.getCompilerOptions().checkJs === true;
}

export function droppedCoroutines(ts: typeof TS, program: TS.Program, sf: TS.SourceFile): Dropped[] {
  const found: Dropped[] = [];
  if (!typesChecked(program, sf)) return found;
  const checker = program.getTypeChecker();
  const isCoroutineFunction = (d: TS.Node | undefined): boolean =>
    d !== undefined && isAsyncFunction(ts, d) && d.asteriskToken === undefined && !d.getSourceFile().isDeclarationFile;
  const returnsOnlyVoid = (t: TS.Type | undefined): boolean => {
    if (t === undefined) return false;
    const sigs = checker.getNonNullableType(t).getCallSignatures();
    return sigs.length > 0 && sigs.every((s) => (checker.getReturnTypeOfSignature(s).flags & ts.TypeFlags.Void) !== 0);
  };
  // An expression whose value the statement drops: a call, and where that value comes from
  // (`void`, parentheses, the branches of `?:`, the right of `&&`/`||`/`??`, both sides of `,`).
  const droppedValue = (e: TS.Expression): void => {
    if (ts.isParenthesizedExpression(e) || ts.isVoidExpression(e)) droppedValue(e.expression);
    else if (ts.isConditionalExpression(e)) {
      droppedValue(e.whenTrue);
      droppedValue(e.whenFalse);
    } else if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.CommaToken) droppedValue(e.left);
      if (op === ts.SyntaxKind.CommaToken || op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken)
        droppedValue(e.right);
    } else if (ts.isCallExpression(e) && isCoroutineFunction(checker.getResolvedSignature(e)?.declaration)) found.push({ node: e, kind: 'call' });
  };
  const isStatic = (n: TS.Node): boolean => ts.canHaveModifiers(n) && (ts.getModifiers(n)?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword) ?? false);
  const isThenMember = (n: TS.Node): boolean => {
    const named = (ts.isMethodDeclaration(n) || ts.isPropertyAssignment(n) || ts.isPropertyDeclaration(n)) && !ts.isComputedPropertyName(n.name) && !ts.isPrivateIdentifier(n.name) && n.name.text === 'then';
    if (!named) return false;
    const fn = ts.isMethodDeclaration(n) ? n : (n as TS.PropertyAssignment | TS.PropertyDeclaration).initializer;
    return fn !== undefined && isCoroutineFunction(fn) && !isStatic(n);
  };
  const visit = (n: TS.Node): void => {
    if (ts.isExpressionStatement(n)) {
      droppedValue(n.expression);
    } else if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && isCoroutineFunction(n) && returnsOnlyVoid(checker.getContextualType(n))) {
      found.push({ node: n, kind: 'callback' });
    } else if (isThenMember(n)) {
      // `async then(resolve, reject) {}` makes a thenable whose then() returns a coroutine: native
      // await and Promise.resolve() call then and drop it.
      found.push({ node: (n as TS.MethodDeclaration).name, kind: 'then' });
    } else if (ts.isMethodDeclaration(n) && ts.isObjectLiteralExpression(n.parent) && isCoroutineFunction(n) && !ts.isComputedPropertyName(n.name)) {
      // `const h: Handlers = { async onClick() { ... } }`: the member's type in the literal's
      // contextual type returns void.
      const ct = checker.getContextualType(n.parent);
      const prop = ct && checker.getPropertyOfType(checker.getNonNullableType(ct), (n.name as TS.Identifier | TS.StringLiteral | TS.NumericLiteral).text);
      if (prop !== undefined && returnsOnlyVoid(checker.getTypeOfSymbolAtLocation(prop, n))) found.push({ node: n.name, kind: 'method' });
    } else if (ts.isMethodDeclaration(n) && ts.isClassLike(n.parent) && isCoroutineFunction(n) && ts.isIdentifier(n.name) && !isStatic(n)) {
      // `class A implements OnInit { async ngOnInit() {} }`, `class B extends Component { async
      // componentDidMount() {} }`: whoever calls it through the base type ignores what it returns.
      const name = n.name.text;
      outer: for (const clause of n.parent.heritageClauses ?? [])
        for (const t of clause.types) {
          const prop = checker.getPropertyOfType(checker.getTypeAtLocation(t), name);
          if (prop !== undefined && returnsOnlyVoid(checker.getTypeOfSymbolAtLocation(prop, n))) {
            found.push({ node: n.name, kind: 'override', base: { name: t.expression.getText(sf), implements: clause.token === ts.SyntaxKind.ImplementsKeyword } });
            break outer;
          }
        }
    } else if ((ts.isCallExpression(n) || ts.isNewExpression(n)) && n.arguments !== undefined) {
      for (const a of n.arguments) {
        if (!(ts.isIdentifier(a) || ts.isPropertyAccessExpression(a))) continue;
        const sigs = checker.getTypeAtLocation(a).getCallSignatures();
        if (sigs.length > 0 && sigs.every((g) => isCoroutineFunction(g.declaration)) && returnsOnlyVoid(checker.getContextualType(a)))
          found.push({ node: a, kind: 'reference' });
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}
