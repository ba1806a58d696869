// ts-patch entry point (wiring only). Takes the Program and the TypeScript instance ts-patch passes in,
// returns the `before` transformer factory that lowers every async function to a state machine.
// Pipeline, one stage per file: analyze -> hoist -> spill -> lower -> live -> emit; diagnostics.ts reports.
import type * as TS from 'typescript';
import { plainApi } from './analyze';
import { versionMessage } from './diagnostics';
import { transformSourceFile } from './emit';

export interface TscoroPluginConfig {
  /** Module specifier the emitted code imports the runtime protocol from (default "tscoro/protocol"). */
  protocolModule?: string;
  /**
   * Source positions of awaits in stack lines (`at async f (src/a.ts:8:13)`) and in
   * Task.printStack(): "relative" (the default: file names relative to the directory the compiler
   * runs in), "absolute", or false (smaller output: `at async f` alone).
   */
  positions?: 'relative' | 'absolute' | false;
  /**
   * Report coroutines made and dropped, whose body never runs (warning TS95005: a bare `f();`; an
   * async callback, an async function by name or an async method where a function returning void
   * is expected; an async `then`). Default true.
   */
  warnDropped?: boolean;
}

export interface TransformerExtras {
  ts: typeof TS;
  addDiagnostic?: (diag: TS.Diagnostic) => number;
}

/** ts-patch program transformer: `{ "transform": "tscoro/transformer" }` in tsconfig.json plugins. */
export default function tscoroTransformer(
  program: TS.Program,
  config: TscoroPluginConfig = {},
  extras?: TransformerExtras,
): TS.TransformerFactory<TS.SourceFile> {
  const ts = plainApi(extras?.ts ?? (require('typescript') as typeof TS));
  const [major] = ts.version.split('.').map(Number);
  if (major !== 6) throw new Error(versionMessage(ts.version));
  const reported: TS.Diagnostic[] = [];
  const report = (d: TS.Diagnostic): void => {
    reported.push(d);
    extras?.addDiagnostic?.(d);
  };
  if (!extras?.addDiagnostic) {
    // Outside ts-patch nobody collects diagnostics: fail loudly rather than emit wrong code.
    const factory = makeFactory(ts, program, config, report);
    return (context) => {
      const inner = factory(context);
      return (sf) => {
        const out = inner(sf);
        if (reported.length > 0) {
          const host = { getCanonicalFileName: (x: string) => x, getCurrentDirectory: () => process.cwd(), getNewLine: () => '\n' };
          const text = ts.formatDiagnostics(reported, host);
          // Warnings (a dropped coroutine) are printed; errors stop the build.
          if (reported.some((d) => d.category === ts.DiagnosticCategory.Error)) throw new Error(text);
          process.stderr.write(text);
          reported.length = 0;
        }
        return out;
      };
    };
  }
  return makeFactory(ts, program, config, report);
}

function makeFactory(
  ts: typeof TS,
  program: TS.Program,
  config: TscoroPluginConfig,
  report: (d: TS.Diagnostic) => void,
): TS.TransformerFactory<TS.SourceFile> {
  const positions = config.positions ?? 'relative';
  if (positions !== false && positions !== 'relative' && positions !== 'absolute')
    throw new Error(`tscoro: the plugin option "positions" must be "relative", "absolute" or false, not ${JSON.stringify(positions)}`);
  const options = { protocolModule: config.protocolModule ?? 'tscoro/protocol', positions, warnDropped: config.warnDropped !== false };
  return (context) => (sf) => transformSourceFile(ts, program, sf, context, { ts, report }, options);
}
