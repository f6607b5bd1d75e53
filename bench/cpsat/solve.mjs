#!/usr/bin/env node
// CP-SAT baseline for makepack: builds a CP-SAT model of MODEL.md from an
// instance YAML, solves it with OR-Tools CP-SAT (or-tools-wasm, WebAssembly),
// and writes the schedule YAML of MODEL.md 8 -- only after `makepack verify`
// accepted it. See docs/cpsat.md.
//
//   node bench/cpsat/solve.mjs INSTANCE -o OUT.yaml [--time-limit S] [--workers N]
//        [--hint SCHEDULE.yaml] [--log] [--verify-with PATH] [--rows-per-product N]
//
// Exit codes: 0 written; 1 no feasible schedule found in the time limit (or the
// model is infeasible), nothing written; 2 bad input or usage; 3 the instance
// uses a rule this baseline does not model (refused, nothing written); 4 internal
// error (makepack verify rejected the schedule: a modelling bug), nothing written.
// The last line on stdout is a JSON object for benchmark harnesses.
import { existsSync, accessSync, constants as fsConstants } from 'node:fs';
import { spawnSync, fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadInstance, InputError, Refusal } from './lib/instance.mjs';
import { buildModel } from './lib/model.mjs';
import { loadSchedule, evaluate, scheduleYaml, tempPathFor, writeDurably, commit, discard } from './lib/schedule.mjs';

const EXIT = { ok: 0, noSolution: 1, input: 2, refused: 3, internal: 4 };
const here = path.dirname(fileURLToPath(import.meta.url));

const USAGE = `Usage: node bench/cpsat/solve.mjs INSTANCE -o OUT.yaml [options]

Options:
  -o, --output FILE        where to write the schedule YAML (required)
  --time-limit S           CP-SAT wall-clock budget in seconds, all phases (default 60)
  --workers N              CP-SAT num_workers (default 1; the wasm build searches with one thread)
  --hint SCHEDULE.yaml     a makepack schedule as the solution hint (mode "hint")
  --rows-per-product N     candidate rows per product, at least (default 1; more for a product
                           whose demand fills over 40 % of the horizon, and the hint's count;
                           one more per product whenever CP-SAT proves the model infeasible)
  --max-arcs N             above N changeover-circuit arcs, keep on each resource only the candidate rows
                           of the products it is relatively cheapest for (a restricted model; default 400000)
  --seed N                 CP-SAT random_seed (default 0)
  --verify-with PATH       makepack binary for the final check (default: ../../build/makepack
                           beside this script, then makepack on PATH)
  --log                    print the CP-SAT search log
  -h, --help               this help

Exit codes: 0 written, 1 no solution found, 2 bad input/usage, 3 refused (a rule this
model cannot state), 4 internal error (makepack verify rejected the schedule).`;

function parseArgs(argv) {
  const o = { timeLimit: 60, workers: 1, rowsPerProduct: 1, seed: 0, log: false, maxArcs: 400000 };
  const rest = [];
  const need = (i, name) => {
    if (i + 1 >= argv.length) throw new InputError(`${name} needs a value`);
    return argv[i + 1];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const numArg = (name, min, int = false) => {
      const v = Number(need(i, name));
      if (!Number.isFinite(v) || v < min || (int && !Number.isInteger(v))) throw new InputError(`${name}: bad value ${argv[i + 1]}`);
      i++;
      return v;
    };
    if (a === '-h' || a === '--help') o.help = true;
    else if (a === '-o' || a === '--output') o.output = need(i++, a);
    else if (a === '--time-limit') o.timeLimit = numArg(a, 0.1);
    else if (a === '--workers') o.workers = numArg(a, 1, true);
    else if (a === '--rows-per-product') o.rowsPerProduct = numArg(a, 1, true);
    else if (a === '--seed') o.seed = numArg(a, 0, true);
    else if (a === '--max-arcs') o.maxArcs = numArg(a, 1, true);
    else if (a === '--hint') o.hint = need(i++, a);
    else if (a === '--verify-with') o.verifyWith = need(i++, a);
    else if (a === '--log') o.log = true;
    else if (a.startsWith('-')) throw new InputError(`unknown option ${a}`);
    else rest.push(a);
  }
  if (o.help) return o;
  if (rest.length !== 1) throw new InputError(rest.length ? `unexpected argument ${rest[1]}` : 'missing INSTANCE');
  if (!o.output) throw new InputError('missing -o OUT.yaml');
  o.instance = rest[0];
  return o;
}

function isExecutable(file) {
  try {
    accessSync(file, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findMakepack(explicit) {
  if (explicit) {
    if (!isExecutable(explicit)) throw new InputError(`--verify-with ${explicit}: not an executable file`);
    return explicit;
  }
  const local = path.resolve(here, '../../build/makepack');
  if (isExecutable(local)) return local;
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const candidate = path.join(dir || '.', 'makepack');
    if (dir && isExecutable(candidate)) return candidate;
  }
  return null;
}

// CP-SAT progress lines: "#3  12.50s best:907.42 next:[900.3,907.41] ..." and "#Bound ...".
function parseProgress(logText) {
  const sols = [];
  for (const line of logText.split('\n')) {
    const m = /^#(\d+)\s+([\d.]+)s\s+best:(\S+)/.exec(line);
    if (m) sols.push({ time: Number(m[2]), objective: Number(m[3]) });
  }
  return sols;
}

// CP-SAT lives in a child process (lib/cpsat_child.mjs); see there why.
class CpSatProcess {
  constructor(showLog) {
    this.child = fork(path.join(here, 'lib', 'cpsat_child.mjs'), [], {
      serialization: 'advanced',
      stdio: ['ignore', showLog ? 'inherit' : 'ignore', 'inherit', 'ipc'],
    });
    this.pending = new Map();
    this.nextId = 1;
    this.ready = new Promise((resolve, reject) => {
      this.child.on('message', (msg) => {
        if (msg.type === 'ready') return resolve();
        const p = this.pending.get(msg.id);
        if (!p) return;
        this.pending.delete(msg.id);
        if (msg.type === 'error') p.reject(new Error(msg.error));
        else p.resolve(msg);
      });
      this.child.on('exit', (code, signal) => {
        const err = new Error(`CP-SAT process ended (${signal || code})`);
        reject(err);
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
      });
    });
  }

  async solve(proto, params, log) {
    await this.ready;
    const id = this.nextId++;
    const result = new Promise((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.child.send({ type: 'solve', id, proto, params: { ...params, logSearchProgress: true, logToStdout: log } });
    const { response, log: text, wall } = await result;
    return { response, wall, progress: parseProgress(text), log: text };
  }

  kill() {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

function decode(inst, built, values) {
  const val = (v) => values[v];
  const rows = [];
  for (const slot of built.slots) {
    if (!val(slot.active)) continue;
    let r = -1;
    for (const [res, lit] of slot.pres) if (val(lit)) r = res;
    const amount = val(slot.amt.get(r));
    const start = val(slot.s);
    const wt = inst.resources[r].working;
    const g = slot.groupOf.get(r);
    if (!slot.fixed && wt.has && wt.lastTimeWith(val(g.v)) !== start) throw new Error(`internal: clock start of ${slot.name} is ${start}, working start maps to ${wt.lastTimeWith(val(g.v))}`);
    const prod = inst.products[slot.p];
    const o = prod.options.get(r);
    const work = inst.resources[r].stage === 'mixer' ? amount * o.batchHours : Math.ceil(amount / o.rate - 1e-9);
    const end = wt.endAfter(start, work);
    if (end !== val(slot.e)) throw new Error(`internal: end of ${slot.name} is ${val(slot.e)} in the model, ${end} derived`);
    rows.push({ resource: r, product: slot.p, amount, start, end });
  }
  const blocks = [];
  for (const blk of built.blocks) {
    if (blk.presence !== undefined && !val(blk.presence)) continue;
    const start = val(blk.start);
    blocks.push({ resource: blk.resource, kind: blk.kind, start, end: start + blk.duration });
  }
  for (const fb of inst.fixedBlocks) blocks.push({ ...fb });
  return { rows, blocks };
}

// Hints for the primary decisions: which candidate row each hint row is,
// where, how much; which calendar blocks, where.
function mapHint(inst, built, hint) {
  const b = built.b;
  const fixedKey = (r) => `${r.resource}/${r.product}/${r.amount}/${r.start}`;
  const fixed = new Set(inst.fixedRows.map(fixedKey));
  const byProduct = new Map();
  for (const row of hint.rows) {
    if (fixed.has(fixedKey(row))) continue;
    if (!byProduct.has(row.product)) byProduct.set(row.product, []);
    byProduct.get(row.product).push(row);
  }
  let mapped = 0;
  for (const [p, slotList] of built.slotsOf.entries()) {
    const free = slotList.filter((s) => !s.fixed);
    const rows = (byProduct.get(p) || []).sort((x, y) => x.start - y.start);
    free.forEach((slot, k) => {
      const row = rows[k];
      for (const [r, lit] of slot.pres) b.hint(lit, row && row.resource === r ? 1 : 0);
      for (const [r, amt] of slot.amt) b.hint(amt, row && row.resource === r ? row.amount : 0);
      if (row) {
        const g = slot.groupOf.get(row.resource);
        b.hint(g.v, Math.max(b.lb(g.v), Math.min(b.ub(g.v), inst.resources[row.resource].working.at(row.start))));
        mapped++;
      }
    });
  }
  const byRes = new Map();
  for (const blk of hint.blocks) {
    if (inst.fixedBlocks.some((f) => f.resource === blk.resource && f.kind === blk.kind && f.start === blk.start)) continue;
    const key = `${blk.resource}/${blk.kind}`;
    if (!byRes.has(key)) byRes.set(key, []);
    byRes.get(key).push(blk);
  }
  for (const list of byRes.values()) list.sort((x, y) => x.start - y.start);
  for (const blk of built.blocks) {
    const list = byRes.get(`${blk.resource}/${blk.kind}`) || [];
    if (blk.kind === 'maintenance') {
      const h = list[blk.k];
      if (blk.presence !== undefined) b.hint(blk.presence, h ? 1 : 0);
      if (h) b.hint(blk.start, h.start);
    } else {
      const every = inst.resources[blk.resource].calendar.spare.every;
      const h = list.find((x) => Math.floor(x.start / every) === blk.k);
      if (h) b.hint(blk.start, h.start);
    }
  }
  return mapped;
}

function hintCounts(inst, hint) {
  const count = new Map();
  const max = new Map();
  const maint = new Map();
  const resourcesOf = new Map();
  for (const row of hint.rows) {
    if (!resourcesOf.has(row.product)) resourcesOf.set(row.product, []);
    if (!resourcesOf.get(row.product).includes(row.resource)) resourcesOf.get(row.product).push(row.resource);
    count.set(row.product, (count.get(row.product) || 0) + 1);
    max.set(row.product, Math.max(max.get(row.product) || 0, row.amount));
  }
  for (const blk of hint.blocks)
    if (blk.kind === 'maintenance') maint.set(blk.resource, (maint.get(blk.resource) || 0) + 1);
  return { count, max, maint, resourcesOf };
}

let cpsat = null;
function shutdown(code) {
  if (cpsat) cpsat.kill();
  process.exitCode = code;
}

function round(x, d = 3) {
  return x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 10 ** d) / 10 ** d;
}

async function main() {
  const t00 = performance.now();
  const summary = { instance: null, mode: 'plain', status: 'NOT_RUN', objective: null, bound: null, time_to_first: null,
    time_to_best: null, solve_time: null, build_time: null, written: null, verified: false };
  const finish = (code, message) => {
    if (message) console.error(`cpsat: ${message}`);
    summary.exit_code = code;
    console.log(JSON.stringify(summary));
    shutdown(code);
  };

  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(USAGE);
    return finish(EXIT.input, e.message);
  }
  if (opts.help) {
    console.log(USAGE);
    process.exit(0);
  }
  summary.mode = opts.hint ? 'hint' : 'plain';
  summary.time_limit = opts.timeLimit;

  let inst;
  let hint = null;
  let makepack;
  try {
    inst = loadInstance(opts.instance);
    summary.instance = inst.name;
    if (opts.hint) hint = loadSchedule(inst, opts.hint);
    makepack = findMakepack(opts.verifyWith);
    if (!existsSync(path.dirname(path.resolve(opts.output)))) throw new InputError(`${opts.output}: directory does not exist`);
  } catch (e) {
    if (e instanceof InputError) return finish(EXIT.input, e.message);
    throw e;
  }

  const hc = hint ? hintCounts(inst, hint) : null;
  const build = (rowsPerProduct) => {
    const m = buildModel(inst, {
      rowsPerProduct,
      maxArcs: opts.maxArcs,
      hintCount: hc && hc.count,
      hintMax: hc && hc.max,
      hintMaintenance: hc && hc.maint,
      hintResources: hc && hc.resourcesOf,
    });
    if (m.eligibleKept !== null)
      console.error(`cpsat: note: changeover circuits above --max-arcs ${opts.maxArcs}: on stages with a changeover matrix each `
        + `resource keeps at most ${m.eligibleKept.cap} candidate rows, of the products it is relatively cheapest for; products keep `
        + `${m.eligibleKept.min}-${m.eligibleKept.max} eligible resources (always their cheapest and the hint's); the bound is one of this restricted model`);
    if (m.inexactPastes.length)
      console.error(`cpsat: warning: lbs of ${m.inexactPastes.join(', ')} scaled conservatively (no small exact integer scale)`);
    if (!m.objectiveExact) console.error('cpsat: warning: objective coefficients rounded to 1e-6');
    const nIntervals = m.b.constraints.filter((c) => c.interval).length;
    console.log(`model: ${m.b.variables.length} variables, ${m.b.constraints.length} constraints (${nIntervals} intervals), `
      + `${m.slots.length} candidate rows (${rowsPerProduct}+ per product, at most ${m.maxRowsPerProduct}), `
      + `${m.flows.length} material flows, objective scale ${m.objectiveScale}`);
    return m;
  };
  let built;
  let rowsPerProduct = opts.rowsPerProduct;
  try {
    built = build(rowsPerProduct);
  } catch (e) {
    if (e instanceof Refusal) return finish(EXIT.refused, `refused: ${e.message}`);
    if (e instanceof InputError) return finish(EXIT.input, e.message);
    throw e;
  }

  cpsat = new CpSatProcess(opts.log);
  await cpsat.ready; // the wasm module is loaded before the clock starts
  summary.build_time = round((performance.now() - t00) / 1000);

  const base = { numWorkers: opts.workers, randomSeed: opts.seed };
  let offset = 0; // seconds of solving before the current phase
  const solutions = []; // {objective, time} of every improving solution
  let best = null; // {values, objective, time, built}
  let status = 'UNKNOWN';
  let resp = {};
  let lastLog = '';

  const consider = (res, phaseOffset, model) => {
    const r = res.response;
    if (!r) return;
    if (r.solution && r.solution.length && (r.status === 'OPTIMAL' || r.status === 'FEASIBLE')) {
      const cand = { values: r.solution.map(Number), objective: r.objectiveValue, time: phaseOffset + (res.progress.at(-1)?.time ?? r.wallTime), built: model };
      if (!best || cand.objective < best.objective - 1e-9) best = cand;
      for (const p of res.progress) solutions.push({ objective: p.objective, time: phaseOffset + p.time });
      if (!res.progress.length) solutions.push({ objective: cand.objective, time: cand.time });
    }
  };

  for (;;) {
    const b = built.b;
    const protoArgs = { objectiveTerms: built.objectiveTerms, objectiveScale: built.objectiveScale };
    if (hint) {
      const mapped = mapHint(inst, built, hint);
      console.log(`hint: ${mapped} of ${hint.rows.length} rows mapped onto candidate rows, ${hint.blocks.length} calendar blocks`);
      // Phase 1: the hint's decisions fixed, CP-SAT completes the rest (flows,
      // sequence literals, floors) -> a complete, feasible hint for phase 2.
      const left = opts.timeLimit - offset;
      const limit1 = Math.min(Math.max(5, 0.25 * left), 0.5 * left, 60);
      const r1 = await cpsat.solve(b.proto({ ...protoArgs, withHint: true }),
        { ...base, maxTimeInSeconds: limit1, fixVariablesToTheirHintedValue: true, stopAfterFirstSolution: true }, opts.log);
      const st1 = r1.response ? r1.response.status : 'UNKNOWN';
      console.log(`hint phase: ${st1} in ${r1.wall.toFixed(2)} s${r1.response && r1.response.solution?.length ? `, objective ${r1.response.objectiveValue}` : ''}`);
      consider(r1, offset, built);
      offset += r1.wall;
      if (best && best.built === built) {
        b.hints.clear();
        best.values.forEach((v, i) => b.hint(i, v));
      } else {
        console.log('hint phase found no completion of the hint: the search gets the partial hint');
      }
    }
    const r2 = await cpsat.solve(b.proto({ ...protoArgs, withHint: Boolean(hint) }),
      { ...base, maxTimeInSeconds: Math.max(0.5, opts.timeLimit - offset) }, opts.log);
    consider(r2, offset, built);
    offset += r2.wall;
    resp = r2.response || {};
    status = resp.status || 'UNKNOWN';
    lastLog = r2.log;
    // Proven infeasible with this many candidate rows: allow one more per product.
    if (status === 'INFEASIBLE' && !best && rowsPerProduct < 4 && opts.timeLimit - offset > 5) {
      rowsPerProduct++;
      console.log(`infeasible with ${rowsPerProduct - 1}+ candidate rows per product: retrying with ${rowsPerProduct}+`);
      try {
        built = build(rowsPerProduct);
      } catch (e) {
        if (e instanceof Refusal) return finish(EXIT.refused, `refused: ${e.message}`);
        throw e;
      }
      continue;
    }
    break;
  }
  if (status === 'UNKNOWN' && best) status = 'FEASIBLE';
  summary.solve_time = round(offset);
  summary.status = status;
  summary.bound = round(resp.bestObjectiveBound, 4);
  summary.rows_per_product = rowsPerProduct;
  summary.max_rows_per_product = built.maxRowsPerProduct;
  summary.eligible_kept = built.eligibleKept;
  summary.workers_requested = opts.workers;
  const workersLine = /Starting search at [\d.]+s with (\d+) workers?/.exec(lastLog);
  if (workersLine) summary.workers_reported = Number(workersLine[1]);
  summary.cpsat_version = (/Starting CP-SAT solver v(\S+)/.exec(lastLog) || [])[1] || null;

  if (status === 'INFEASIBLE') return finish(EXIT.noSolution, `CP-SAT proved the model infeasible with ${rowsPerProduct}+ candidate rows per product: nothing written`);
  if (status === 'MODEL_INVALID') return finish(EXIT.internal, `internal: CP-SAT says the model is invalid: ${resp.solutionInfo || ''}`);
  if (!best) return finish(EXIT.noSolution, `no feasible schedule found in ${opts.timeLimit} s: nothing written`);

  solutions.sort((x, y) => x.time - y.time);
  summary.time_to_first = round(solutions[0].time);
  const bestTime = solutions.find((s) => s.objective <= best.objective + 1e-6);
  summary.time_to_best = round(bestTime ? bestTime.time : best.time);
  summary.cpsat_objective = round(best.objective, 4);
  // Every improving solution as [seconds, objective], for objective-vs-time plots.
  let last = Infinity;
  summary.trajectory = solutions.filter((s) => s.objective < last - 1e-9 && ((last = s.objective), true))
    .map((s) => [round(s.time), round(s.objective, 4)]);

  let sched;
  try {
    sched = decode(inst, best.built, best.values);
  } catch (e) {
    return finish(EXIT.internal, e.message);
  }
  const objective = evaluate(inst, sched.rows);
  summary.objective = round(objective.total, 4);
  summary.rows = sched.rows.length;
  if (Math.abs(objective.total - best.objective) > 1e-4 * Math.max(1, Math.abs(objective.total)))
    console.error(`cpsat: warning: CP-SAT objective ${best.objective} differs from the recomputed ${objective.total}`);

  const text = scheduleYaml(inst, sched.rows, sched.blocks, objective);
  const temp = tempPathFor(opts.output);
  try {
    writeDurably(temp, text);
  } catch (e) {
    return finish(EXIT.input, `cannot write ${opts.output}: ${e.message}`);
  }
  if (makepack) {
    const v = spawnSync(makepack, ['verify', opts.instance, temp], { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (v.status !== 0) {
      discard(temp);
      process.stderr.write((v.stdout || '').split('\n').slice(0, 40).join('\n') + '\n' + (v.stderr || ''));
      return finish(EXIT.internal, `internal: ${makepack} verify rejected the schedule (exit ${v.status}): nothing written`);
    }
    summary.verified = true;
    summary.verified_with = makepack;
  } else {
    console.error('cpsat: warning: no makepack binary found (--verify-with, ../../build/makepack, PATH): schedule written unverified');
  }
  commit(temp, opts.output);
  summary.written = opts.output;
  const comps = ['downtime', 'changeover', 'lateness', 'unmet', 'holding', 'overproduction']
    .filter((k) => objective[k] !== 0 || inst.weights[k] !== 0).map((k) => `${k} ${round(objective[k], 4)}`).join(', ');
  console.log(`status ${status}; objective ${round(objective.total, 4)} (${comps}); best bound ${summary.bound}; `
    + `first feasible at ${summary.time_to_first} s, best at ${summary.time_to_best} s; ${sched.rows.length} rows`);
  console.log(`wrote ${opts.output}${summary.verified ? ' (makepack verify: feasible)' : ''}`);
  return finish(EXIT.ok);
}

main().catch((e) => {
  console.error(`cpsat: internal error: ${e && e.stack ? e.stack : e}`);
  console.log(JSON.stringify({ status: 'ERROR', exit_code: EXIT.internal, error: String(e && e.message) }));
  shutdown(EXIT.internal);
});
