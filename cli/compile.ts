// In-memory compilation for the CLI and the test harness.
// Takes an entry .ts file (plus optional extra roots) or a single source string; builds a TypeScript
// Program over it and its local imports, emits through the same `before` transformer factory that
// ts-patch loads from "tscoro/transformer", and produces the emitted JS in memory (a Map keyed by the
// absolute .js path next to each .ts file) together with every diagnostic: the pre-emit ones of the
// user's files and those the transformer reported through `addDiagnostic`.
// Nothing is written to disk; `cli/tscoro.ts` runs the outputs through a require hook, the fixture
// runner compares them with output.js.
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import tscoroTransformer, { TscoroPluginConfig } from '../transformer';

/** Root of this package (dist/cli/compile.js -> ../..). */
export const packageRoot = path.resolve(__dirname, '..', '..');

export interface CompileOptions {
  /** More root files compiled with the entry (they are emitted too). */
  extraFiles?: string[];
  /** Plugin config, as it would appear in tsconfig.json `plugins` (minus "transform"). */
  config?: TscoroPluginConfig;
  /** Append an inline source map to every output (default true). */
  sourceMap?: boolean;
}

export interface CompileResult {
  /** Absolute .js path -> emitted code, for the entry and every local file it imports. */
  outputs: Map<string, string>;
  diagnostics: readonly ts.Diagnostic[];
  /** The diagnostics as tsc prints them without colour: `file:line:col - error TSnnnn: message`. */
  formatted: string;
}

// The public API must type-check the way it does for an installed package. The built declarations in
// dist/ are what users see; the .ts sources are the fallback while dist/ is not built yet.
function runtimeTypePath(name: 'index' | 'protocol'): string | undefined {
  const candidates = [
    path.join(packageRoot, 'dist', 'runtime', `${name}.d.ts`),
    path.join(packageRoot, 'runtime', `${name}.ts`),
  ];
  return candidates.find((p) => fs.existsSync(p));
}

// `types: ["node"]` is an error when @types/node is absent (an installed tscoro has no dev
// dependencies), so it is only requested when it can be found from the user's folder or from ours.
function findNodeTypesRoot(fromDir: string): string | undefined {
  for (const dir of [fromDir, packageRoot]) {
    try {
      const pkg = require.resolve('@types/node/package.json', { paths: [dir] });
      return path.dirname(path.dirname(pkg));
    } catch {
      // not reachable from this folder; try the next one
    }
  }
  return undefined;
}

export function compilerOptions(baseDir: string, sourceMap = true): ts.CompilerOptions {
  const paths: ts.MapLike<string[]> = {};
  const index = runtimeTypePath('index');
  const protocol = runtimeTypePath('protocol');
  if (index) paths['tscoro'] = [index];
  if (protocol) paths['tscoro/protocol'] = [protocol];
  const typesRoot = findNodeTypesRoot(baseDir);
  return {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    inlineSourceMap: sourceMap,
    inlineSources: sourceMap,
    paths,
    ...(typesRoot ? { types: ['node'], typeRoots: [typesRoot] } : { types: [] }),
  };
}

const formatHost = (cwd: string): ts.FormatDiagnosticsHost => ({
  getCanonicalFileName: (f) => f,
  getCurrentDirectory: () => cwd,
  getNewLine: () => '\n',
});

/** `file:line:col - error TSnnnn: message`, one per diagnostic, paths relative to `cwd`. */
export function formatDiagnostics(diagnostics: readonly ts.Diagnostic[], cwd = process.cwd()): string {
  return diagnostics
    .map((d) => {
      const category = ts.DiagnosticCategory[d.category].toLowerCase();
      const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      let where = '';
      if (d.file && d.start !== undefined) {
        const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
        const rel = path.relative(cwd, d.file.fileName) || d.file.fileName;
        where = `${rel}:${line + 1}:${character + 1} - `;
      }
      return `${where}${category} TS${d.code}: ${message}\n`;
    })
    .join('');
}

/** The coloured form with code frames that tsc prints on a terminal. */
export function formatDiagnosticsPretty(diagnostics: readonly ts.Diagnostic[], cwd = process.cwd()): string {
  return ts.formatDiagnosticsWithColorAndContext(diagnostics, formatHost(cwd));
}

// Files emitted by us: the user's own sources. Declaration files, node_modules and this package's
// runtime sources (pulled in when dist/ is not built) stay out of the outputs.
function isUserFile(program: ts.Program, sf: ts.SourceFile): boolean {
  if (sf.isDeclarationFile || program.isSourceFileFromExternalLibrary(sf)) return false;
  const rel = path.relative(path.join(packageRoot, 'runtime'), sf.fileName);
  return rel.startsWith('..') || path.isAbsolute(rel);
}

function emitProgram(program: ts.Program, opts: CompileOptions, cwd: string): CompileResult {
  const outputs = new Map<string, string>();
  const diagnostics: ts.Diagnostic[] = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
  ];
  const userFiles = program.getSourceFiles().filter((sf) => isUserFile(program, sf));
  for (const sf of userFiles) {
    diagnostics.push(...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf));
  }
  const transformerDiagnostics: ts.Diagnostic[] = [];
  const addDiagnostic = (d: ts.Diagnostic) => transformerDiagnostics.push(d);
  const before = [tscoroTransformer(program, opts.config ?? {}, { ts, addDiagnostic })];
  const writeFile: ts.WriteFileCallback = (fileName, text) => {
    if (fileName.endsWith('.js')) outputs.set(path.resolve(fileName), text);
  };
  for (const sf of userFiles) {
    const result = program.emit(sf, writeFile, undefined, false, { before });
    diagnostics.push(...result.diagnostics);
  }
  diagnostics.push(...transformerDiagnostics);
  return { outputs, diagnostics, formatted: formatDiagnostics(diagnostics, cwd) };
}

/** Compile `entry` and its local imports in memory with the tscoro transformer. */
export function compileProject(entry: string, opts: CompileOptions = {}): CompileResult {
  const entryPath = path.resolve(entry);
  const options = compilerOptions(path.dirname(entryPath), opts.sourceMap ?? true);
  const roots = [entryPath, ...(opts.extraFiles ?? []).map((f) => path.resolve(f))];
  const host = ts.createCompilerHost(options, true);
  const program = ts.createProgram(roots, options, host);
  return emitProgram(program, opts, process.cwd());
}

export interface TransformResult {
  js: string;
  diagnostics: readonly ts.Diagnostic[];
  formatted: string;
}

/**
 * Compile one in-memory file. Diagnostics name it by `fileName` as given (so an expected error.txt
 * does not depend on where the repository lives). Source maps are off by default: the output is
 * compared with a checked-in output.js, and an inline map would turn every small change into a diff
 * of a base64 blob.
 */
export function transformSource(
  code: string,
  fileName = 'input.ts',
  opts: Pick<CompileOptions, 'config' | 'sourceMap'> = {},
): TransformResult {
  const cwd = process.cwd();
  const filePath = path.resolve(cwd, fileName);
  const options = compilerOptions(path.dirname(filePath), opts.sourceMap ?? false);
  const host = ts.createCompilerHost(options, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (f, lang, onError, create) =>
    path.resolve(f) === filePath
      ? ts.createSourceFile(f, code, lang, true)
      : getSourceFile.call(host, f, lang, onError, create);
  host.fileExists = (f) => path.resolve(f) === filePath || fileExists.call(host, f);
  host.readFile = (f) => (path.resolve(f) === filePath ? code : readFile.call(host, f));
  const program = ts.createProgram([filePath], options, host);
  const result = emitProgram(program, opts, cwd);
  const js = result.outputs.get(filePath.replace(/\.[cm]?tsx?$/, '.js')) ?? '';
  return { js, diagnostics: result.diagnostics, formatted: result.formatted };
}
