// The harness's written results: runs.csv, trajectories.csv and the markdown
// tables of results.md (one row per instance for the head-to-head, one row
// per run for the details).
import { CONFIGS } from './solvers.mjs';

const num = (x, d = 2) => (x === null || x === undefined || !Number.isFinite(x) ? '' : x.toFixed(d));
const cell = (x, d = 2) => num(x, d) || '-';

export function gap(objective, bound) {
  if (objective === null || bound === null || bound === undefined || objective <= 0) return null;
  return Math.max(0, (objective - bound) / objective) * 100;
}

function csvField(v) {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const RUN_COLUMNS = ['instance', 'config', 'solver', 'workers_requested', 'workers_used', 'status', 'objective', 'bound', 'gap_percent',
  'makepack_bound', 'time_to_first', 'time_to_best', 'wall', 'peak_mb', 'verified', 'iterations', 'note'];

export function runsCsv(results) {
  const lines = [RUN_COLUMNS.join(',')];
  for (const r of results) {
    lines.push([r.name, r.configName, r.solver, r.workers, r.workersUsed, r.status, num(r.objective, 4), num(r.bound, 4),
      num(gap(r.objective, r.bound), 3), num(r.makepackBound, 4), num(r.timeToFirst, 3), num(r.timeToBest, 3), num(r.wall, 2),
      num(r.peakMb, 1), r.verified === null ? '' : r.verified ? 'yes' : 'no', r.iterations ?? '', r.note ?? ''].map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}

export function trajectoriesCsv(results) {
  const lines = ['instance,config,seconds,objective'];
  for (const r of results) for (const [t, obj] of r.trajectory) lines.push([r.name, r.configName, num(t, 3), num(obj, 4)].join(','));
  return `${lines.join('\n')}\n`;
}

// The head-to-head: each instance's objectives side by side and the ratio of
// makepack (all workers) to the better CP-SAT mode.
export function summaryTable(results, instances, configNames) {
  const cps = configNames.filter((c) => CONFIGS[c].solver === 'cpsat');
  const head = ['instance', 'makepack bound', ...configNames.map((c) => CONFIGS[c].label), ...(cps.length ? ['CP-SAT bound', 'makepack / CP-SAT'] : [])];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const name of instances) {
    const rs = Object.fromEntries(results.filter((r) => r.name === name).map((r) => [r.configName, r]));
    const shown = (r) => (!r ? '-' : r.objective !== null ? `${cell(r.objective)}${r.status === 'OPTIMAL' ? ' (opt)' : ''}` : r.status.toLowerCase().replaceAll('_', ' '));
    const row = [name, cell(Object.values(rs)[0]?.makepackBound), ...configNames.map((c) => shown(rs[c]))];
    if (cps.length) {
      const cpRuns = cps.map((c) => rs[c]).filter(Boolean);
      const bounds = cpRuns.map((r) => r.bound).filter((b) => b !== null && b !== undefined);
      const bestCp = Math.min(...cpRuns.map((r) => r.objective ?? Infinity));
      const mine = rs.makepack?.objective ?? null;
      row.push(bounds.length ? cell(Math.max(...bounds)) : '-');
      row.push(mine !== null && Number.isFinite(bestCp) ? cell(mine / bestCp, 3) : '-');
    }
    lines.push(`| ${row.join(' | ')} |`);
  }
  return lines.join('\n');
}

export function detailTable(results) {
  const head = ['instance', 'solver', 'workers (used)', 'status', 'objective', 'bound', 'gap %', 'first (s)', 'best (s)', 'wall (s)', 'peak MB', 'verified', 'note'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of results) {
    const workers = r.workersUsed !== null && r.workersUsed !== undefined && r.workersUsed !== r.workers ? `${r.workers} (${r.workersUsed})` : String(r.workers);
    lines.push(`| ${[r.name, CONFIGS[r.configName].label, workers, r.status, cell(r.objective), cell(r.bound), cell(gap(r.objective, r.bound)),
      cell(r.timeToFirst), cell(r.timeToBest), cell(r.wall, 1), cell(r.peakMb, 0), r.verified === null ? '-' : r.verified ? 'yes' : 'NO',
      (r.note ?? '').replaceAll('|', '/').slice(0, 120)].join(' | ')} |`);
  }
  return lines.join('\n');
}
