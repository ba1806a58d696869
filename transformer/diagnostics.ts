// Diagnostics for input the transformer refuses. Takes the offending node and a message; produces a
// ts.Diagnostic (file:line:col through TypeScript's own formatter) handed to ts-patch's
// addDiagnostic, or, outside ts-patch, collected for the caller. Codes are 95000 + n so they never
// clash with TypeScript's own.
import type * as TS from 'typescript';

export const enum Code {
  Unsupported = 95001,
  PerIterationCapture = 95002,
  TypeScriptVersion = 95003,
  SloppyMode = 95004,
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

/** The message for a TypeScript outside the supported range. */
export function versionMessage(version: string): string {
  return (
    `tscoro/transformer needs TypeScript >=6.0.2 <7 (the JS compiler with the transformer API); ` +
    `this is TypeScript ${version}. Install typescript@~6.0 and compile with ts-patch's tspc.`
  );
}
