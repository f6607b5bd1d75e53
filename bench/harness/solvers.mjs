// The solver configurations the harness compares, each turned into one
// measured run: makepack's search and the CP-SAT baseline (plain and with a
// makepack greedy plan as its hint). Every schedule is re-scored by
// `makepack verify`, so all objectives in the tables come from one checker.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run } from './process.mjs';

export const CONFIGS = {
  makepack: { solver: 'makepack', label: 'makepack', threads: 'workers' },
  'makepack-1t': { solver: 'makepack', label: 'makepack 1 thread', threads: 1 },
  cpsat: { solver: 'cpsat', label: 'CP-SAT', hint: false },
  'cpsat-hint': { solver: 'cpsat', label: 'CP-SAT + hint', hint: true },
};

// "makepack: #    0.42s  best      2222.82  bound ..." -> [0.42, 2222.82]
function makepackTrajectory(stderr) {
  const points = [];
  const greedy = /greedy start: objective ([\d.]+) in ([\d.]+) s/.exec(stderr);
  if (greedy) points.push([Number(greedy[2]), Number(greedy[1])]);
  for (const m of stderr.matchAll(/^makepack: #\s+([\d.]+)s\s+best\s+([\d.]+)/gm)) points.push([Number(m[1]), Number(m[2])]);
  return points;
}

export async function verify(ctx, instance, schedule) {
  const r = await run(ctx.makepack, ['verify', instance, schedule], { timeoutSeconds: 600 });
  const total = /^Objective \(minimise\): total ([\d.eE+-]+)/m.exec(r.stdout);
  return { ok: r.code === 0, objective: total ? Number(total[1]) : null, message: r.code === 0 ? '' : firstLines(r.stdout + r.stderr, 3) };
}

function firstLines(text, n) {
  return text.trim().split('\n').slice(0, n).join(' / ');
}

function save(file, text) {
  writeFileSync(file, text);
  return file;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

// The run's facts come from `makepack solve --summary` (docs/cli.md, "Run
// summary"); only the objective-vs-time points for the plot are read from the log.
async function runMakepack(ctx, job, out) {
  const threads = job.config.threads === 'workers' ? ctx.workers : job.config.threads;
  const summaryFile = out.replace(/\.yaml$/, '.summary.json');
  const args = ['solve', job.instance, '-o', out, '--time-limit', String(ctx.timeLimit), '--threads', String(threads), '--seed', String(ctx.seed),
    '--summary', summaryFile];
  const r = await run(ctx.makepack, args, { timeoutSeconds: ctx.timeLimit * 3 + 120 });
  save(job.logFile, `$ ${ctx.makepack} ${args.join(' ')}\n${r.stdout}\n${r.stderr}`);
  const summary = readJson(summaryFile) ?? {};
  const trajectory = makepackTrajectory(r.stderr);
  const result = {
    workers: threads, workersUsed: summary.threads ?? threads, wall: r.wall, peakMb: r.peakMb, trajectory,
    bound: summary.bound ?? ctx.bounds[job.instance], iterations: summary.iterations ?? null,
    summaryTimeToFirst: summary.time_to_first ?? null, summaryTimeToBest: summary.time_to_best ?? null,
  };
  if (r.code === 3) return { ...result, status: 'INFEASIBLE', note: summary.message || firstLines(r.stderr, 2) };
  if (r.code !== 0) return { ...result, status: 'ERROR', note: `exit ${r.code}: ${firstLines(r.stderr, 2)}` };
  return { ...result, status: 'FEASIBLE', schedule: out };
}

async function runCpsat(ctx, job, out) {
  const args = [ctx.cpsatScript, job.instance, '-o', out, '--time-limit', String(ctx.timeLimit), '--workers', String(ctx.workers),
    '--verify-with', ctx.makepack];
  let offset = 0;
  let hintLog = '';
  if (job.config.hint) {
    // The hint is makepack's greedy plan; its time counts against the budget.
    const hint = out.replace(/\.yaml$/, '.hint.yaml');
    const g = await run(ctx.makepack, ['solve', job.instance, '-o', hint, '--greedy-only', '--quiet'], { timeoutSeconds: 600 });
    hintLog = `$ ${ctx.makepack} solve ${job.instance} -o ${hint} --greedy-only --quiet  (exit ${g.code}, ${g.wall.toFixed(2)} s)\n${g.stderr}\n`;
    if (g.code !== 0) {
      save(job.logFile, hintLog);
      return { workers: ctx.workers, wall: g.wall, trajectory: [], status: 'ERROR', note: 'no greedy hint' };
    }
    offset = g.wall;
    args[args.indexOf('--time-limit') + 1] = Math.max(1, ctx.timeLimit - g.wall).toFixed(2);
    args.push('--hint', hint);
  }
  const r = await run('node', args, { timeoutSeconds: ctx.timeLimit * 3 + 300 });
  save(job.logFile, `${hintLog}$ node ${args.join(' ')}\n${r.stdout}\n${r.stderr}`);
  let summary = {};
  try {
    summary = JSON.parse(r.stdout.trim().split('\n').pop());
  } catch {
    summary = {};
  }
  // CP-SAT's clock starts after the model is built: shift its points to wall time.
  const shift = offset + (summary.build_time ?? 0);
  const trajectory = (summary.trajectory ?? []).map(([t, obj]) => [t + shift, obj]);
  const result = {
    workers: ctx.workers, workersUsed: summary.workers_reported ?? null, wall: r.wall + offset, peakMb: r.peakMb, trajectory,
    bound: summary.bound ?? null, cpsatStatus: summary.status ?? null,
  };
  // The verdict, not a note or warning printed before it.
  const reason = [...r.stderr.matchAll(/^cpsat: (.*)$/gm)].map((m) => m[1]).filter((l) => !/^(note|warning): /.test(l)).pop() || '';
  const restricted = /^cpsat: note: (changeover circuits above[^;]*)/m.exec(r.stderr);
  if (r.code === 3) return { ...result, status: 'REFUSED', note: reason.replace(/^refused: /, '') };
  if (r.code === 1) return { ...result, status: summary.status === 'INFEASIBLE' ? 'INFEASIBLE' : 'NO_SOLUTION', note: [reason, restricted ? 'restricted eligibility' : ''].filter(Boolean).join('; ') };
  if (r.code !== 0) return { ...result, status: 'ERROR', note: `exit ${r.code}: ${reason}` };
  // CP-SAT's OPTIMAL is for its own model (a limited number of candidate rows
  // per product, docs/cpsat.md), not for MODEL.md: runJob decides optimality
  // against makepack's valid bound for every solver alike.
  const note = [summary.status === 'OPTIMAL' ? 'CP-SAT: OPTIMAL for its restricted model' : '',
    restricted ? `restricted eligibility (${restricted[1]})` : ''].filter(Boolean).join('; ');
  return { ...result, status: 'FEASIBLE', note, schedule: out };
}

// One measured run: solve, then verify what was written with makepack's checker.
export async function runJob(ctx, job) {
  const out = path.join(ctx.scheduleDir, `${job.name}.${job.configName}.yaml`);
  const r = job.config.solver === 'makepack' ? await runMakepack(ctx, job, out) : await runCpsat(ctx, job, out);
  r.verified = null;
  r.objective = null;
  if (r.schedule) {
    const v = await verify(ctx, job.instance, r.schedule);
    r.verified = v.ok;
    r.objective = v.objective;
    if (!v.ok) {
      r.status = 'REJECTED';
      r.note = v.message;
    }
  }
  const best = r.trajectory.length ? r.trajectory.at(-1)[1] : null;
  r.timeToFirst = r.trajectory.length ? r.trajectory[0][0] : null;
  // Time to best: the first point within rounding of the final objective.
  const target = r.objective ?? best;
  const hit = target === null ? null : r.trajectory.find(([, obj]) => obj <= target + 5e-3);
  r.timeToBest = hit ? hit[0] : r.timeToFirst;
  // makepack's own summary (solve --summary) times the solve itself, after loading and the bound phase.
  if (r.summaryTimeToFirst !== null && r.summaryTimeToFirst !== undefined) r.timeToFirst = r.summaryTimeToFirst;
  if (r.summaryTimeToBest !== null && r.summaryTimeToBest !== undefined) r.timeToBest = r.summaryTimeToBest;
  if (r.solver === undefined) r.solver = job.config.solver;
  // Proven optimal: equal to the valid lower bound of MODEL.md.
  const valid = ctx.bounds[job.instance];
  if (r.status === 'FEASIBLE' && r.objective !== null && valid !== null && valid !== undefined && r.objective <= valid + 1e-6)
    r.status = 'OPTIMAL';
  return r;
}
