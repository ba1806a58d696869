// The differential tester (issue 3): random async programs, native async/await as the oracle.
// Takes a seed and a count (`npm run fuzz -- --count 2000 --seed 1`); generates the programs
// (test/fuzz/gen.js), compiles each batch once natively and once through the transformer
// (test/fuzz/compile.js), runs both versions of every program in one child process per batch
// (test/fuzz/exec.js) and compares what they print. Produces a list of failures: a transformer
// diagnostic or a syntax error on a generated program (the generator only writes supported code), or
// a difference in output (a hang or a crash of the tscoro version counts). Each failure is shrunk by
// delta debugging over the TypeScript AST (remove statements, unwrap blocks, replace expressions by
// `0` or by a subexpression, while the failure persists) and printed with both outputs and the seed.
//
// Batches are spread over worker threads (one per core): a worker generates, compiles and runs its
// batch; the main thread hands out batches and collects failures.
//
// CLI options: --count N (2000), --seed S (1), --batch N (100), --jobs N (cores), --shrink-seconds N
// (120 per failure), --max-shrink N (how many failures to shrink, 5), --only I (run program I only and
// print it), --print I (print program I and exit), --out DIR (write each shrunk program there),
// --avoid a,b (generator features to leave out, see gen.js).
'use strict';
const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { Worker, isMainThread, parentPort, workerData } = require('worker_threads');
const { generate, programSeed } = require('./gen');

const repoRoot = path.resolve(__dirname, '..', '..');
const workDir = path.join(repoRoot, '.tmp', 'fuzz', 'work');
const PROGRAM_TIMEOUT_MS = 5000;

// --- running compiled programs -----------------------------------------------------------------

let batchFiles = 0;

/**
 * Runs `progs` (`[{ native, tscoro }]`, compiled JS) in child processes; resolves to one
 * `{ native, tscoro }` pair of outputs per program. A run that timed out, hung or crashed the child
 * gets an output that says so (`<timeout>`, `<hang>`), so it never equals a real output.
 */
async function execPrograms(progs, timeoutMs = PROGRAM_TIMEOUT_MS) {
  fs.mkdirSync(workDir, { recursive: true });
  const { threadId } = require('worker_threads');
  const file = path.join(workDir, `batch-${process.pid}-${threadId}-${batchFiles++}.json`);
  fs.writeFileSync(file, JSON.stringify(progs.map(({ native, tscoro }) => ({ native, tscoro }))));
  const results = progs.map(() => ({ native: null, tscoro: null }));
  let start = 0;
  try {
    while (start < progs.length) {
      const { lines, stderr } = await execChild(file, start, timeoutMs);
      let next = { i: start, kind: 'native' };
      for (const r of lines) {
        results[r.i][r.kind] = r.timeout ? `${r.out}<timeout>\n` : r.out;
        next = r.kind === 'native' ? { i: r.i, kind: 'tscoro' } : { i: r.i + 1, kind: 'native' };
        if (r.timeout) next = { i: r.i + 1, kind: 'native' };
      }
      if (next.i >= progs.length) break;
      const last = lines[lines.length - 1];
      if (!(last && last.timeout)) {
        // The child died or was killed while running `next`: that run hung (or crashed the process).
        results[next.i][next.kind] = `<hang or crash>\n${stderr.slice(-2000)}`;
        next = { i: next.i + 1, kind: 'native' };
      }
      start = next.i;
    }
  } finally {
    fs.rmSync(file, { force: true });
  }
  for (const r of results) {
    r.native ??= '<not run>\n';
    r.tscoro ??= '<not run>\n';
  }
  return results;
}

/** One child from `start`; killed when a run makes no progress for a while (a synchronous hang). */
function execChild(file, start, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'exec.js'), file, String(start), String(timeoutMs)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TSCORO_CLOCK: 'virtual' },
    });
    const lines = [];
    let buf = '';
    let stderr = '';
    let timer;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs + 3000);
    };
    arm();
    child.stdout.on('data', (chunk) => {
      buf += chunk;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        lines.push(JSON.parse(buf.slice(0, nl)));
        buf = buf.slice(nl + 1);
        arm();
      }
    });
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk).slice(-10000);
    });
    child.on('close', () => {
      clearTimeout(timer);
      resolve({ lines, stderr });
    });
  });
}

// --- checking programs -------------------------------------------------------------------------

/**
 * V8 quotes the source in some TypeError messages (`o.m is not a function`); once lowered the source
 * is different (`this.o.m`, `(0 , this.h)`). Not a semantic difference: such quotes are compared as
 * `<expr>`.
 */
const normalize = (out) =>
  out
    .replace(/TypeError: .*? (is not (a function|iterable|a constructor|a function or its return value is not iterable))$/gm, 'TypeError: <expr> $1')
    // `0 is not iterable` natively, `number 0 is not iterable (cannot read property ...)` once the
    // value comes from a temporary.
    .replace(/TypeError: .*? is not iterable \(cannot read property Symbol\(Symbol\.iterator\)\)$/gm, 'TypeError: <expr> is not iterable');

/**
 * Compiles and runs `codes`; resolves to one result per program:
 * `{ diagnostics, native, tscoro, failure }` where failure is null, 'diagnostic', 'generator' (the
 * native program itself did not finish: a generator bug) or 'diff'.
 */
async function checkPrograms(codes, timeoutMs) {
  const { compileBatch } = require('./compile');
  const compiled = compileBatch(codes);
  const runnable = compiled.map((c) => (c.diagnostics.length ? { native: '', tscoro: '' } : c));
  const outs = await execPrograms(runnable, timeoutMs);
  return compiled.map((c, i) => {
    const { native, tscoro } = outs[i];
    let failure = null;
    if (c.typescriptCrash) return { diagnostics: [], native: '', tscoro: '', failure: null, skipped: 'TypeScript itself crashes on it' };
    if (c.diagnostics.length) failure = 'diagnostic';
    // A program that grows a string past V8's limit runs for seconds natively (building half a
    // gigabyte), so under load its tscoro run may pass the time limit: the generator's fault too.
    else if (!/^(end|uncaught\b.*)$/.test(native.trimEnd().split('\n').pop()) || /RangeError: Invalid string length/.test(native)) failure = 'generator';
    else if (normalize(native) !== normalize(tscoro)) failure = 'diff';
    return { diagnostics: c.diagnostics, native, tscoro, failure };
  });
}

// --- shrinking ---------------------------------------------------------------------------------

/** Candidate edits `{ start, end, text }` of `code`, bigger ones first. */
function candidates(code) {
  const ts = require('typescript');
  const sf = ts.createSourceFile('p.ts', code, ts.ScriptTarget.ES2022, true);
  const out = [];
  const add = (node, text) => out.push({ start: node.getStart(sf), end: node.getEnd(), text });
  const src = (node) => code.slice(node.getStart(sf), node.getEnd());
  const isLoop = (n) => ts.isIterationStatement(n, false);
  // Loop headers hold the counters that bound the loops: editing them could make a loop endless.
  const inLoopHeader = (n) => {
    for (let p = n; p.parent; p = p.parent) {
      const q = p.parent;
      if ((ts.isWhileStatement(q) || ts.isDoStatement(q)) && q.expression === p) return true;
      if (ts.isForStatement(q) && (q.condition === p || q.incrementor === p || q.initializer === p)) return true;
    }
    return false;
  };
  const visit = (node) => {
    // The last line reports how main ended: never edited.
    if (ts.isExpressionStatement(node) && ts.isSourceFile(node.parent) && src(node).startsWith('main().then')) return;
    if (ts.isBlock(node) || ts.isSourceFile(node) || ts.isCaseClause(node) || ts.isDefaultClause(node)) {
      const list = node.statements.filter((s) => !/^(export \{\};|main\(\)\.then|async function main)/.test(src(s)));
      // Halves and quarters first, as ddmin does: big removals that often keep the failure.
      for (let parts = 2; parts <= 4 && list.length >= parts * 2; parts *= 2) {
        const size = Math.ceil(list.length / parts);
        for (let k = 0; k < list.length; k += size) {
          const group = list.slice(k, k + size);
          out.push({ start: group[0].getStart(sf), end: group[group.length - 1].getEnd(), text: '' });
        }
      }
      for (const s of node.statements) {
        const text = src(s);
        if (ts.isSourceFile(node) && (text === 'export {};' || text.startsWith('main().then') || text.startsWith('async function main'))) continue;
        add(s, '');
      }
    }
    if (ts.isIfStatement(node)) {
      add(node, src(node.thenStatement));
      if (node.elseStatement) {
        add(node, src(node.elseStatement));
        out.push({ start: node.thenStatement.getEnd(), end: node.getEnd(), text: '' });
      }
    }
    if (isLoop(node)) add(node, src(node.statement));
    if (ts.isLabeledStatement(node)) add(node, src(node.statement));
    if (ts.isTryStatement(node)) {
      add(node, src(node.tryBlock));
      if (node.finallyBlock) add(node, src(node.finallyBlock));
      if (node.catchClause && node.finallyBlock) add(node.catchClause, '');
      if (node.catchClause && node.finallyBlock) {
        out.push({ start: node.catchClause.getEnd(), end: node.getEnd(), text: '' });
      }
    }
    if (ts.isSwitchStatement(node)) for (const c of node.caseBlock.clauses) add(c, '');
    if (ts.isBlock(node) && ts.isBlock(node.parent)) add(node, node.statements.map(src).join('\n'));
    if (ts.isExpression(node) && !inLoopHeader(node) && !ts.isIdentifier(node.parent) && isEditableExpression(ts, node)) {
      if (!/^(0|'[^']*'|\w+)$/.test(src(node))) add(node, '0');
      for (const child of subExpressions(ts, node)) add(node, src(child));
    }
    if (ts.isCallExpression(node) && node.arguments.length > 1) {
      node.arguments.forEach((a, i) => {
        const end = i + 1 < node.arguments.length ? node.arguments[i + 1].getStart(sf) : a.getEnd();
        const start = i + 1 < node.arguments.length ? a.getStart(sf) : node.arguments[i - 1].getEnd();
        out.push({ start, end, text: '' });
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out
    .filter((c) => c.end > c.start && code.slice(c.start, c.end) !== c.text)
    .sort((a, b) => b.end - b.start - (a.end - a.start));
}

function isEditableExpression(ts, node) {
  const p = node.parent;
  // Targets of assignments and updates, and names, must stay references.
  if (ts.isBinaryExpression(p) && p.left === node && p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && p.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return false;
  if ((ts.isPostfixUnaryExpression(p) || ts.isPrefixUnaryExpression(p)) && (p.operator === ts.SyntaxKind.PlusPlusToken || p.operator === ts.SyntaxKind.MinusMinusToken)) return false;
  if (ts.isPropertyAccessExpression(p) && p.name === node) return false;
  if (ts.isCallExpression(p) && p.expression === node) return false;
  if (ts.isNewExpression(p) && p.expression === node) return false;
  if (ts.isPropertyAccessExpression(p) || ts.isElementAccessExpression(p)) return p.expression !== node || !ts.isIdentifier(node);
  if (ts.isExpressionStatement(p)) return false;
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isIdentifier(node)) return false;
  if (ts.isTypeNode(node) || ts.isDecorator(p) || ts.isComputedPropertyName(p)) return false;
  return true;
}

function subExpressions(ts, node) {
  if (ts.isBinaryExpression(node)) return [node.left, node.right];
  if (ts.isConditionalExpression(node)) return [node.condition, node.whenTrue, node.whenFalse];
  // `await f()` is never reduced to `f()`: an un-awaited coroutine call differs from native by
  // design (coroutines are lazy), so that edit would shrink towards a non-bug.
  if (ts.isAwaitExpression(node) && (ts.isCallExpression(node.expression) || ts.isNewExpression(node.expression))) return [];
  if (ts.isAwaitExpression(node) || ts.isParenthesizedExpression(node) || ts.isPrefixUnaryExpression(node) || ts.isTypeOfExpression(node)) {
    return [ts.isParenthesizedExpression(node) ? node.expression : ts.isPrefixUnaryExpression(node) ? node.operand : node.expression];
  }
  if (ts.isCallExpression(node) || ts.isNewExpression(node)) return [...(node.arguments ?? [])];
  if (ts.isArrayLiteralExpression(node)) return [...node.elements];
  if (ts.isTemplateExpression(node)) return node.templateSpans.map((s) => s.expression);
  if (ts.isObjectLiteralExpression(node)) return node.properties.filter(ts.isPropertyAssignment).map((p) => p.initializer);
  return [];
}

const applyEdit = (code, c) => tidy(code.slice(0, c.start) + c.text + code.slice(c.end));
const tidy = (code) => code.split('\n').filter((l) => l.trim() !== '').join('\n') + '\n';

/** The error message on the first line where tscoro's output departs from native's, or null. */
function firstDiffError(r) {
  const a = r.native.split('\n');
  const b = r.tscoro.split('\n');
  const k = b.findIndex((line, i) => line !== a[i]);
  const m = k >= 0 ? /(\w*Error: .*)$/.exec(b[k]) : null;
  return m ? m[1] : null;
}

/** Does `result` show the same kind of failure as `original`? */
function sameFailure(original, result) {
  if (original.failure === 'diagnostic') {
    const msg = (d) => d.replace(/^\d+:\d+ - /, '');
    return result.failure === 'diagnostic' && result.diagnostics.some((d) => msg(d) === msg(original.diagnostics[0]));
  }
  if (result.failure !== original.failure) return false;
  // A timeout stays a timeout, a wrong output stays a wrong output, and a wrong error stays the same
  // wrong error (so that shrinking does not wander off to another bug).
  const hung = (r) => /<timeout>|<hang or crash>/.test(r.tscoro);
  if (hung(original) !== hung(result)) return false;
  const error = firstDiffError(original);
  return error === null || result.tscoro.includes(error);
}

/**
 * Delta debugging: applies candidate edits, checked `chunk` at a time in one batch, keeping the first
 * that preserves the failure; a pass over all candidates that keeps nothing ends it (or the budget).
 */
async function shrink(code, original, { budgetMs = 120_000, chunk = 24, log = () => {} } = {}) {
  const deadline = Date.now() + budgetMs;
  let best = { code, result: original };
  let index = 0;
  let progressed = false;
  let tries = 0;
  for (;;) {
    if (Date.now() > deadline) break;
    const cands = candidates(best.code);
    if (index >= cands.length) {
      if (!progressed) break;
      progressed = false;
      index = 0;
      continue;
    }
    const slice = cands.slice(index, index + chunk);
    const codes = slice.map((c) => applyEdit(best.code, c));
    const results = await checkPrograms(codes, 2000);
    tries += codes.length;
    const hit = results.findIndex((r) => sameFailure(original, r));
    if (hit >= 0) {
      best = { code: codes[hit], result: results[hit] };
      progressed = true;
      index += hit;
      log(`shrink: ${best.code.length} chars after ${tries} tries`);
    } else {
      index += slice.length;
    }
  }
  return best;
}

// --- the run -----------------------------------------------------------------------------------

function batchRanges(count, batch) {
  const ranges = [];
  for (let s = 0; s < count; s += batch) ranges.push([s, Math.min(count, s + batch)]);
  return ranges;
}

/** Checks programs `[from, to)` of `seed`; failures carry their index and code. */
async function runRange(seed, from, to, avoid = []) {
  const codes = [];
  for (let i = from; i < to; i++) codes.push(generate(programSeed(seed, i), { avoid }));
  const results = await checkPrograms(codes);
  const failures = [];
  results.forEach((r, k) => {
    if (r.failure) failures.push({ index: from + k, seed, avoid, code: codes[k], ...r });
  });
  return failures;
}

/**
 * Runs `count` programs of `seed` on `jobs` worker threads; resolves to `{ ran, failures }`, failures
 * sorted by index.
 */
async function fuzz({ seed = 1, count = 2000, batch = 100, jobs = os.cpus().length, avoid = [], onBatch = () => {} } = {}) {
  const ranges = batchRanges(count, batch);
  const failures = [];
  let ran = 0;
  let next = 0;
  const workers = Math.max(1, Math.min(jobs, ranges.length));
  await Promise.all(
    Array.from({ length: workers }, () => new Promise((resolve, reject) => {
      const w = new Worker(__filename, { workerData: { seed, avoid } });
      const feed = () => {
        if (next >= ranges.length) {
          w.terminate().then(() => resolve());
          return;
        }
        w.postMessage(ranges[next++]);
      };
      w.on('message', (m) => {
        ran += m.count;
        failures.push(...m.failures);
        onBatch({ ran, failures: failures.length });
        feed();
      });
      w.on('error', reject);
      feed();
    })),
  );
  failures.sort((a, b) => a.index - b.index);
  return { ran, failures };
}

if (!isMainThread && workerData && workerData.seed !== undefined) {
  parentPort.on('message', async ([from, to]) => {
    const failures = await runRange(workerData.seed, from, to, workerData.avoid);
    parentPort.postMessage({ count: to - from, failures });
  });
}

/** The text printed for a (shrunk) failure. */
function describe(f, shrunk) {
  const r = shrunk ? shrunk.result : f;
  const code = shrunk ? shrunk.code : f.code;
  const lines = [
    `=== ${f.failure} in program ${f.index} of seed ${f.seed} ` +
      `(npm run fuzz -- --seed ${f.seed} --only ${f.index}${f.avoid.length ? ` --avoid ${f.avoid.join(',')}` : ''})`,
    shrunk ? '--- shrunk program ---' : '--- program ---',
    code.trimEnd(),
  ];
  if (r.diagnostics.length) lines.push('--- diagnostics ---', ...r.diagnostics);
  else lines.push('--- native ---', r.native.trimEnd(), '--- tscoro ---', r.tscoro.trimEnd());
  return lines.join('\n') + '\n';
}

function parseArgs(argv) {
  const opts = { count: 2000, seed: 1, batch: 100, jobs: os.cpus().length, shrinkSeconds: 120, maxShrink: 5, avoid: [] };
  const names = { '--avoid': 'avoid', '--count': 'count', '--seed': 'seed', '--batch': 'batch', '--jobs': 'jobs', '--shrink-seconds': 'shrinkSeconds', '--max-shrink': 'maxShrink', '--only': 'only', '--print': 'print', '--out': 'out' };
  for (let i = 0; i < argv.length; i++) {
    const key = names[argv[i]];
    if (!key) throw new Error(`unknown option ${argv[i]} (options: ${Object.keys(names).join(' ')})`);
    const value = argv[++i];
    if (key === 'avoid') opts.avoid = value.split(',').filter(Boolean);
    else opts[key] = key === 'out' ? value : Number(value);
  }
  return opts;
}

async function cli() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.print !== undefined) {
    process.stdout.write(generate(programSeed(opts.seed, opts.print), opts));
    return;
  }
  const t0 = Date.now();
  let ran;
  let failures;
  if (opts.only !== undefined) {
    failures = await runRange(opts.seed, opts.only, opts.only + 1, opts.avoid);
    ran = 1;
    if (!failures.length) process.stdout.write(generate(programSeed(opts.seed, opts.only), opts) + '(no failure)\n');
  } else {
    ({ ran, failures } = await fuzz({
      ...opts,
      onBatch: ({ ran: n, failures: f }) => process.stderr.write(`\r${n}/${opts.count} programs, ${f} failing`),
    }));
    process.stderr.write('\n');
  }
  process.stdout.write(`${ran} programs in ${((Date.now() - t0) / 1000).toFixed(1)} s, ${failures.length} failing\n`);
  let shrinks = 0;
  for (const f of failures) {
    let shrunk;
    if (shrinks < opts.maxShrink && f.failure !== 'generator') {
      shrinks += 1;
      shrunk = await shrink(f.code, f, { budgetMs: opts.shrinkSeconds * 1000, log: (m) => process.stderr.write(`\r${m}   `) });
      process.stderr.write('\n');
      if (opts.out) {
        fs.mkdirSync(opts.out, { recursive: true });
        fs.writeFileSync(path.join(opts.out, `seed${f.seed}-p${f.index}.ts`), shrunk.code);
      }
    }
    process.stdout.write(describe(f, shrunk));
  }
  if (failures.length) process.exitCode = 1;
}

module.exports = { fuzz, shrink, describe, checkPrograms, execPrograms, candidates };

if (require.main === module && isMainThread) {
  cli().catch((err) => {
    process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  });
}
