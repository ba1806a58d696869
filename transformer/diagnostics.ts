// Diagnostics for input the transformer refuses (errors) or warns about (a dropped coroutine).
// Takes the offending node and a message; produces a ts.Diagnostic (file:line:col through
// TypeScript's own formatter) handed to ts-patch's addDiagnostic, or, outside ts-patch, collected
// for the caller. Codes are 95000 + n so they never clash with TypeScript's own.
import type * as TS from 'typescript';
import type { Dropped } from './analyze';

export const enum Code {
  Unsupported = 95001,
  PerIterationCapture = 95002,
  TypeScriptVersion = 95003,
  SloppyMode = 95004,
  DroppedCoroutine = 95005,
}

export interface Reporter {
  ts: typeof TS;
  report(diag: TS.Diagnostic): void;
}

/** Reports `construct` at `node` as not supported, with what to do instead. */
export function refuse(r: Reporter, node: TS.Node, construct: string, advice: string, code = Code.Unsupported): void {
  const sf = node.getSourceFile();
  r.report({
    file: sf,
    start: node.getStart(sf),
    length: node.getWidth(sf),
    category: r.ts.DiagnosticCategory.Error,
    code,
    messageText: `tscoro: ${construct} is not supported inside an async function yet; ${advice}`,
  });
}

/**
 * An async function in sloppy-mode code (`alwaysStrict` off, a script, no "use strict"): its frame
 * is a class, whose body is always strict, so assignments to undeclared names, `this` in plain
 * functions, block functions and octal literals would silently change meaning.
 */
export function refuseSloppy(r: Reporter, fn: TS.Node): void {
  const sf = fn.getSourceFile();
  const start = fn.getStart(sf);
  r.report({
    file: sf,
    start,
    length: Math.min(fn.getWidth(sf), 40),
    category: r.ts.DiagnosticCategory.Error,
    code: Code.SloppyMode,
    messageText:
      'tscoro: an async function in sloppy-mode code would run as strict code once compiled (its frame is a class); ' +
      'turn alwaysStrict back on (TypeScript 6 deprecates turning it off), or start the file with "use strict".',
  });
}

/**
 * A warning for a coroutine made and dropped (analyze.ts droppedCoroutines): its body never runs.
 * A warning, as asyncio's "coroutine ... was never awaited" is a RuntimeWarning; tsc still exits
 * non-zero on it, as on any diagnostic, and `tscoro run` runs the program.
 */
export function warnDropped(r: Reporter, { node, kind, base }: Dropped): void {
  const sf = node.getSourceFile();
  const start = node.getStart(sf);
  const text = r.ts.isStringLiteral(node) ? node.text : sf.text.slice(start, node.end);
  const shown = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  const lazy = 'so its body never runs (coroutines are lazy, as in asyncio)';
  const startFn = 'pass a plain function that starts it, e.g. `() => { createTask(work()); }` inside a loop, or `() => { toPromise(work()); }` from native callbacks.';
  const startMethod = 'make it a plain method that starts it, e.g. `m() { createTask(this.work()); }` inside a loop, or `m() { toPromise(this.work()); }` from native callbacks.';
  const dropped = (where: string, fix: string): string => `tscoro: ${where}: its caller drops the coroutine it returns, ${lazy}; ${fix}`;
  let messageText: string;
  switch (kind) {
    case 'call':
      messageText =
        `tscoro: the coroutine made by '${shown}' is dropped, ${lazy}; ` +
        'await it, or start it with createTask() inside a loop, run() at the top of a program, or toPromise() from native code.';
      break;
    case 'callback':
      messageText = dropped('this async function is passed where a function returning void is expected', startFn);
      break;
    case 'reference':
      messageText = dropped(`'${shown}' is an async function passed where a function returning void is expected`, startFn);
      break;
    case 'method':
      messageText = dropped(`async method '${shown}' is written where a function returning void is expected`, startMethod);
      break;
    case 'override':
      messageText = dropped(`async method '${shown}' ${base!.implements ? 'implements' : 'overrides'} '${base!.name}.${shown}', which returns void`, startMethod);
      break;
    case 'then':
      messageText =
        "tscoro: async method 'then' makes a thenable whose then() returns a coroutine: native await and Promise.resolve() " +
        `call then() and drop what it returns, so there its body never runs (coroutines are lazy, as in asyncio; an await ` +
        'compiled by tscoro starts it as a Task). Make it a plain method that starts it, e.g. ' +
        '`then(res, rej) { return toPromise(this.run()).then(res, rej); }`.';
      break;
  }
  r.report({
    file: sf,
    start,
    length: kind === 'callback' ? Math.min(node.getWidth(sf), 40) : node.end - start,
    category: r.ts.DiagnosticCategory.Warning,
    code: Code.DroppedCoroutine,
    messageText,
  });
}

/** The message for a TypeScript outside the supported range. */
export function versionMessage(version: string): string {
  return (
    `tscoro/transformer needs TypeScript >=6.0.2 <7 (the JS compiler with the transformer API); ` +
    `this is TypeScript ${version}. Install typescript@~6.0 and compile with ts-patch's tspc.`
  );
}
