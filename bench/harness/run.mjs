// bench/run: makepack against the CP-SAT baseline on a set of instances, at
// equal wall time and workers, every schedule verified by `makepack verify`.
// Writes bench/results/<date>T<time>-<commit>/ with runs.csv,
// trajectories.csv, results.md (tables) and objective-vs-time.svg.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { killActive, run } from './process.mjs';
import { CONFIGS, runJob } from './solvers.mjs';
import { detailTable, runsCsv, summaryTable, trajectoriesCsv } from './tables.mjs';
import { objectivePlot } from './plot.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const USAGE = `Usage: bench/run [options] [INSTANCE...]

Runs makepack and the CP-SAT baseline on each INSTANCE with the same wall-clock
budget and workers, verifies every schedule with \`makepack verify\`, and writes
runs.csv, trajectories.csv, results.md and objective-vs-time.svg into a new
folder bench/results/<date>T<time>-<commit>/ (or --out DIR).

Options:
  --time-limit S     budget per run in seconds (default 60)
  --workers N        makepack threads and CP-SAT workers (default 2)
  --configs A,B      which runs per instance (default all):
                       makepack     makepack solve --threads N
                       makepack-1t  makepack solve --threads 1 (CP-SAT's wasm build
                                    searches with one worker whatever N says)
                       cpsat        the CP-SAT baseline, plain model
                       cpsat-hint   the CP-SAT baseline with makepack's greedy plan
                                    as the hint (the greedy's time counts)
  --seed N           makepack --seed (default 1)
  --build DIR        where the makepack binary is (default build)
  --out DIR          results folder (default bench/results/<date>T<time>-<commit>)
  -h, --help         this help

Default instances: instances/oakhill-4w.yaml and instances/bench/*.yaml.
Run it on an otherwise idle machine; the header of results.md records the
load average before and after.

Examples:
  bench/run                                   # the full set, 60 s per run
  bench/run --time-limit 10 --configs makepack,cpsat-hint instances/oakhill-4w.yaml`;

function parseArgs(argv) {
  const o = { timeLimit: 60, workers: 2, configs: Object.keys(CONFIGS), seed: 1, build: 'build', instances: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    const positive = (name, v, integer) => {
      const n = Number(v);
      if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new Error(`${name}: bad value ${v}`);
      return n;
    };
    if (a === '-h' || a === '--help') o.help = true;
    else if (a === '--time-limit') o.timeLimit = positive(a, value(), false);
    else if (a === '--workers') o.workers = positive(a, value(), true);
    else if (a === '--seed') o.seed = positive(a, value(), true);
    else if (a === '--build') o.build = value();
    else if (a === '--out') o.out = value();
    else if (a === '--configs') {
      o.configs = value().split(',').filter(Boolean);
      for (const c of o.configs) if (!CONFIGS[c]) throw new Error(`--configs: unknown ${c} (known: ${Object.keys(CONFIGS).join(', ')})`);
    } else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else o.instances.push(a);
  }
  if (!o.instances.length) {
    const benchDir = path.join(root, 'instances/bench');
    o.instances = [path.join(root, 'instances/oakhill-4w.yaml'),
      ...readdirSync(benchDir).filter((f) => f.endsWith('.yaml')).sort().map((f) => path.join(benchDir, f))];
  }
  for (const f of o.instances) if (!existsSync(f)) throw new Error(`${f}: no such instance file`);
  return o;
}

function git(...args) {
  try {
    return execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown', cores: cpus.length, memoryGiB: (os.totalmem() / 2 ** 30).toFixed(1),
    os: `${os.type()} ${os.release()}`, node: process.version, host: os.hostname(),
  };
}

const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

async function lowerBound(makepack, instance) {
  const r = await run(makepack, ['bound', instance], { timeoutSeconds: 600 });
  const m = /^Lower bound ([\d.eE+-]+)/m.exec(r.stdout);
  return r.code === 0 && m ? Number(m[1]) : null;
}

function writeAtomically(file, text) {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`bench/run: ${e.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (opts.help) {
    console.log(USAGE);
    return;
  }
  const makepack = path.resolve(opts.build, 'makepack');
  if (!existsSync(makepack)) {
    console.error(`bench/run: ${makepack} not found: run scripts/setup.sh (or pass --build DIR)`);
    process.exit(2);
  }
  const cpsatScript = path.join(root, 'bench/cpsat/solve.mjs');
  if (opts.configs.some((c) => CONFIGS[c].solver === 'cpsat') && !existsSync(path.join(root, 'bench/cpsat/node_modules/or-tools-wasm'))) {
    console.error('bench/run: the CP-SAT baseline is not installed: run scripts/setup.sh --for test (npm ci in bench/cpsat)');
    process.exit(2);
  }
  const commit = git('rev-parse', '--short', 'HEAD') || 'nogit';
  const dirty = git('status', '--porcelain', '--untracked-files=no') ? '-dirty' : '';
  const started = new Date();
  const stamp = started.toISOString().slice(0, 16).replace(':', '');
  const outDir = path.resolve(opts.out ?? path.join(root, 'bench/results', `${stamp}-${commit}${dirty}`));
  const scheduleDir = path.join(outDir, 'schedules');
  const logDir = path.join(outDir, 'logs');
  mkdirSync(scheduleDir, { recursive: true });
  mkdirSync(logDir, { recursive: true });

  const loadBefore = load();
  const ctx = { makepack, cpsatScript, timeLimit: opts.timeLimit, workers: opts.workers, seed: opts.seed, scheduleDir, bounds: {} };
  const names = opts.instances.map((f) => path.basename(f, '.yaml'));
  const results = [];
  let interrupted = false;
  process.on('SIGINT', () => {
    interrupted = true;
    killActive();
  });
  const total = opts.instances.length * opts.configs.length;
  console.error(`bench/run: ${opts.instances.length} instances x ${opts.configs.length} configs, ${opts.timeLimit} s each `
    + `(about ${Math.ceil((total * opts.timeLimit) / 60)} min), results in ${path.relative(process.cwd(), outDir) || '.'}`);

  const save = () => {
    const bounds = Object.fromEntries(opts.instances.map((f, i) => [names[i], ctx.bounds[f] ?? null]));
    const m = machine();
    const command = `bench/run ${process.argv.slice(2).join(' ')}`.trim();
    const caption = `${opts.timeLimit} s per run, ${opts.workers} workers, commit ${commit}${dirty}, ${m.cores} x ${m.cpu}`;
    writeAtomically(path.join(outDir, 'runs.csv'), runsCsv(results));
    writeAtomically(path.join(outDir, 'trajectories.csv'), trajectoriesCsv(results));
    writeAtomically(path.join(outDir, 'objective-vs-time.svg'), objectivePlot(results, names.filter((n) => results.some((r) => r.name === n)), bounds, opts.timeLimit, caption));
    const md = [`# makepack vs CP-SAT: ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`, '',
      `- command: \`${command}\``,
      `- commit: ${commit}${dirty}; makepack ${path.relative(root, makepack)}; CP-SAT: or-tools-wasm (bench/cpsat, one search worker whatever --workers says)`,
      `- machine: ${m.host}, ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}`,
      `- load average (1/5/15 min) before: ${loadBefore}; after: ${load()}`,
      `- budget: ${opts.timeLimit} s wall per run, ${opts.workers} workers requested per solver; makepack seed ${opts.seed}`,
      interrupted ? '- **interrupted (Ctrl-C): the tables hold the finished runs only**' : '', '',
      '## Objective per instance', '',
      'Every objective is the total `makepack verify` computed for the written schedule. "(opt)": equal to makepack\'s lower bound (valid for MODEL.md), so proven optimal. ',
      '"makepack / CP-SAT": makepack (all workers) over the better CP-SAT mode (below 1: makepack better).', '',
      summaryTable(results, names, opts.configs), '',
      '## Runs', '',
      'bound: makepack\'s `makepack bound` (valid for MODEL.md) for makepack runs; CP-SAT\'s own best bound for CP-SAT runs, ',
      'which is a bound of its restricted model (a limited number of candidate rows per product, docs/cpsat.md). gap = (objective - bound) / objective. ',
      'first/best: seconds of wall time from the start of the run to the first and to the best schedule (CP-SAT: model building included). ',
      'status: OPTIMAL only when the objective equals makepack\'s valid lower bound (CP-SAT\'s own OPTIMAL, for its restricted model, is in the note). ',
      'workers (used): what the solver reported using.', '',
      detailTable(results), '',
      '![objective against time](objective-vs-time.svg)', ''].filter((l, i, a) => l !== '' || a[i - 1] !== '').join('\n');
    writeAtomically(path.join(outDir, 'results.md'), md);
  };

  for (let i = 0; i < opts.instances.length && !interrupted; i++) {
    const instance = opts.instances[i];
    ctx.bounds[instance] = await lowerBound(makepack, instance);
    for (const configName of opts.configs) {
      if (interrupted) break;
      const job = { instance, name: names[i], configName, config: CONFIGS[configName], logFile: path.join(logDir, `${names[i]}.${configName}.log`) };
      process.stderr.write(`bench/run: ${names[i]} ${configName} ... `);
      const r = await runJob(ctx, job);
      Object.assign(r, { name: names[i], configName, solver: CONFIGS[configName].solver, makepackBound: ctx.bounds[instance] });
      results.push(r);
      process.stderr.write(`${r.status}${r.objective !== null ? ` ${r.objective}` : ''} (${r.wall.toFixed(1)} s${r.note ? `; ${r.note.slice(0, 100)}` : ''})\n`);
      save();
    }
  }
  save();
  console.log(`${path.join(outDir, 'results.md')}`);
  const rejected = results.filter((r) => r.status === 'REJECTED' || r.status === 'ERROR');
  if (rejected.length) {
    console.error(`bench/run: ${rejected.length} run(s) failed or were rejected by makepack verify: see results.md`);
    process.exit(1);
  }
  if (interrupted) process.exit(130);
}

main().catch((e) => {
  console.error(`bench/run: internal error: ${e.stack ?? e}`);
  process.exit(4);
});
