// The `tscoro` command line (bin/tscoro.js requires the compiled form of this file).
// Takes argv: `run <file.ts> [--clock virtual|real] [--debug] [-- args...]` or `emit <file.ts>`.
// `run` compiles the entry and its local imports in memory (cli/compile.ts) and executes them through a
// require hook, so no .js file is written beside the user's sources; `tscoro` and `tscoro/*` resolve to
// this package's dist/ wherever the program lives. `emit` prints the entry's emitted JS.
// Exit codes: 0 ok, 1 TypeScript errors (printed as tsc prints them), 2 usage errors and missing files.
import * as fs from 'fs';
import * as path from 'path';
import Module = require('module');
import * as ts from 'typescript';
import { compileProject, formatDiagnostics, formatDiagnosticsPretty, packageRoot, CompileResult } from './compile';

const USAGE = `Usage: tscoro <command> [options]

Commands:
  run <file.ts> [--clock virtual|real] [--debug] [-- args...]
                      compile the file and its local imports in memory and run it
  emit <file.ts>      print the JavaScript emitted for the file

Options:
  --clock virtual     the event loop's clock jumps to the next timer instead of waiting
  --clock real        wall-clock time (the default)
  --debug             asyncio's debug mode (as TSCORO_DEBUG=1): creation stacks in reports,
                      "coroutine ... was never awaited", slow steps, stacks on cancellations
  -h, --help          show this help
  --version           print the version
`;

class UsageError extends Error {}

interface Args {
  command: string;
  file: string;
  clock?: 'virtual' | 'real';
  debug: boolean;
  rest: string[];
}

function parseArgs(argv: string[]): Args | 'help' | 'version' {
  if (argv.includes('-h') || argv.includes('--help')) return 'help';
  if (argv.includes('--version')) return 'version';
  const [command, ...tail] = argv;
  if (!command) throw new UsageError('missing command');
  if (command !== 'run' && command !== 'emit') throw new UsageError(`unknown command '${command}'`);
  let file: string | undefined;
  let clock: Args['clock'];
  let debug = false;
  const rest: string[] = [];
  for (let i = 0; i < tail.length; i++) {
    const arg = tail[i];
    if (arg === '--') {
      rest.push(...tail.slice(i + 1));
      break;
    } else if (arg === '--clock' || arg.startsWith('--clock=')) {
      const value = arg === '--clock' ? tail[++i] : arg.slice('--clock='.length);
      if (value !== 'virtual' && value !== 'real') {
        throw new UsageError(`--clock expects 'virtual' or 'real', got '${value ?? ''}'`);
      }
      clock = value;
    } else if (arg === '--debug') {
      debug = true;
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option '${arg}'`);
    } else if (file === undefined) {
      file = arg;
    } else {
      rest.push(arg);
    }
  }
  if (file === undefined) throw new UsageError(`'${command}' needs a file`);
  if (clock && command !== 'run') throw new UsageError(`--clock only applies to 'run'`);
  if (debug && command !== 'run') throw new UsageError(`--debug only applies to 'run'`);
  return { command, file, clock, debug, rest };
}

function version(): string {
  return JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8')).version;
}

/** Prints the diagnostics; true when there is an error among them (then nothing must run). */
function report(result: CompileResult): boolean {
  if (result.diagnostics.length > 0) {
    const text = process.stderr.isTTY
      ? formatDiagnosticsPretty(result.diagnostics)
      : formatDiagnostics(result.diagnostics);
    process.stderr.write(text);
  }
  return result.diagnostics.some((d) => d.category === ts.DiagnosticCategory.Error);
}

// `tscoro`, `tscoro/protocol`, ... -> this package's files, through its own "exports" map, so a
// program anywhere on disk runs against the runtime the transformer was built with.
function selfResolver(): (request: string) => string | undefined {
  const pkg = JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8'));
  return (request) => {
    if (request !== pkg.name && !request.startsWith(pkg.name + '/')) return undefined;
    const entry = pkg.exports?.['.' + request.slice(pkg.name.length)];
    const target = typeof entry === 'string' ? entry : entry?.require ?? entry?.default;
    return typeof target === 'string' ? path.join(packageRoot, target) : undefined;
  };
}

interface ModuleInternals {
  _resolveFilename(request: string, parent: unknown, isMain: boolean, options?: unknown): string;
  _extensions: Record<string, (module: { _compile(code: string, file: string): void }, file: string) => void>;
  _load(request: string, parent: unknown, isMain: boolean): unknown;
}

// Compiled files are looked up by their .ts path: a relative require from compiled code (`./b`,
// `./b.js`) is mapped to the .ts source we compiled before Node's own resolution could pick a stale
// b.js lying beside it; the .ts "extension" then compiles from the in-memory output.
function installRequireHook(outputs: Map<string, string>, sources: Set<string>): void {
  const M = Module as unknown as ModuleInternals;
  const resolveSelf = selfResolver();
  const originalResolve = M._resolveFilename;
  M._resolveFilename = function (request, parent, isMain, options) {
    const self = resolveSelf(request);
    if (self) return self;
    const from = (parent as { filename?: string } | null)?.filename;
    if (from && sources.has(from) && (request.startsWith('./') || request.startsWith('../'))) {
      const base = path.resolve(path.dirname(from), request);
      const stem = base.replace(/\.[cm]?js$/, '');
      for (const candidate of [base, stem + '.ts', stem + '.tsx', path.join(base, 'index.ts')]) {
        if (sources.has(candidate)) return candidate;
      }
    }
    return originalResolve.call(this, request, parent, isMain, options);
  };
  const load = (module: { _compile(code: string, file: string): void }, file: string) => {
    const code = outputs.get(file.replace(/\.[cm]?tsx?$/, '.js'));
    if (code === undefined) throw new Error(`tscoro: ${file} was not part of the compiled program`);
    module._compile(code, file);
  };
  M._extensions['.ts'] = load;
  M._extensions['.tsx'] = load;
}

/**
 * Why `tscoro run`/`emit` cannot take this file, or undefined: the program is compiled to CommonJS
 * in memory and run through require, so its entry is a `.ts` or `.tsx` file.
 */
function entryProblem(file: string): string | undefined {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.ts' || ext === '.tsx') return undefined;
  if (ext === '.mts' || ext === '.cts')
    return `a ${ext} file compiles to ${ext === '.mts' ? '.mjs' : '.cjs'}, which \`tscoro run\` does not load: it compiles .ts and .tsx files to CommonJS in memory. Rename it to .ts, or compile it with tspc (see the README's Install section).`;
  if (['.js', '.mjs', '.cjs', '.jsx'].includes(ext))
    return `\`tscoro run\` compiles TypeScript (.ts, .tsx). JavaScript is valid TypeScript: rename the file to .ts (add \`// @ts-nocheck\` as its first line if it does not type-check).`;
  return `\`tscoro run\` compiles TypeScript files (.ts, .tsx); got '${ext || 'no extension'}'.`;
}

// Returns undefined once the program has started: its own exit code (process.exitCode, uncaught
// errors) must not be overwritten by ours.
function run(args: Args): number | undefined {
  const entry = path.resolve(args.file);
  // A run's stack lines name files as its other lines do (absolute paths through the source map).
  const result = compileProject(entry, { sourceMap: args.command === 'run', config: { positions: args.command === 'run' ? 'absolute' : 'relative' } });
  if (report(result)) return 1;
  const entryJs = result.outputs.get(entry.replace(/\.[cm]?tsx?$/, '.js'));
  if (entryJs === undefined) {
    process.stderr.write(`tscoro: nothing was emitted for ${args.file}\n`);
    return 1;
  }
  if (args.command === 'emit') {
    process.stdout.write(entryJs);
    return 0;
  }
  if (args.clock) process.env.TSCORO_CLOCK = args.clock;
  // Read by the runtime when the program first loads it, as a TSCORO_DEBUG=1 in the environment.
  if (args.debug) process.env.TSCORO_DEBUG = '1';
  process.setSourceMapsEnabled(true);
  const sources = new Set([...result.outputs.keys()].map((js) => js.replace(/\.js$/, '.ts')));
  installRequireHook(result.outputs, sources);
  process.argv = [process.argv[0], entry, ...args.rest];
  (Module as unknown as ModuleInternals)._load(entry, null, true);
  return undefined;
}

export function main(argv: string[]): number | undefined {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`tscoro: ${err.message}\n\n${USAGE}`);
    return 2;
  }
  if (args === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args === 'version') {
    process.stdout.write(version() + '\n');
    return 0;
  }
  if (!fs.existsSync(args.file) || !fs.statSync(args.file).isFile()) {
    process.stderr.write(`tscoro: file not found: ${args.file}\n`);
    return 2;
  }
  const problem = entryProblem(args.file);
  if (problem !== undefined) {
    process.stderr.write(`tscoro: ${args.file}: ${problem}\n`);
    return 2;
  }
  return run(args);
}

if (require.main === module) {
  const code = main(process.argv.slice(2));
  if (code !== undefined) process.exitCode = code;
}
