// Objective against time as one SVG: a panel per instance, a step line per
// solver configuration, makepack's lower bound dashed. Time runs on a log
// axis because most of the improvement happens in the first second.
import { CONFIGS } from './solvers.mjs';

const COLOURS = { makepack: '#1f77b4', 'makepack-1t': '#6baed6', cpsat: '#d62728', 'cpsat-hint': '#ff7f0e' };
const PANEL = { w: 460, h: 260, left: 64, right: 16, top: 28, bottom: 40 };
const COLUMNS = 2;

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

function niceTicks(lo, hi, count = 5) {
  const step0 = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= step0) ?? step0;
  const ticks = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) ticks.push(v);
  return ticks;
}

function panel(name, runs, bound, timeLimit, x0, y0) {
  const { w, h, left, right, top, bottom } = PANEL;
  const pw = w - left - right;
  const ph = h - top - bottom;
  const tMin = 0.01;
  const tMax = Math.max(timeLimit, ...runs.map((r) => r.wall ?? 0));
  const finals = runs.map((r) => r.trajectory.at(-1)?.[1]).filter((v) => v !== undefined);
  const firsts = runs.map((r) => r.trajectory[0]?.[1]).filter((v) => v !== undefined);
  const out = [`<g transform="translate(${x0},${y0})">`, `<text x="${left}" y="18" font-weight="bold">${esc(name)}</text>`];
  if (!finals.length) {
    out.push(`<text x="${left + 10}" y="${top + ph / 2}" fill="#666">no solver found a schedule</text></g>`);
    return out.join('\n');
  }
  let lo = Math.min(...finals, bound ?? Infinity);
  const best = Math.min(...finals);
  // Show the interesting part: up to three times the spread of the finals
  // above the bound, clipped by the worst starting point.
  let hi = Math.min(Math.max(...firsts), Math.max(...finals) + 2 * (Math.max(...finals) - lo) + 0.02 * best);
  if (hi <= lo) hi = lo + 1;
  lo -= 0.03 * (hi - lo);
  const X = (t) => left + (Math.log10(Math.max(t, tMin) / tMin) / Math.log10(tMax / tMin)) * pw;
  const Y = (v) => top + (1 - (Math.min(v, hi) - lo) / (hi - lo)) * ph;
  out.push(`<rect x="${left}" y="${top}" width="${pw}" height="${ph}" fill="#fafafa" stroke="#999"/>`);
  for (const v of niceTicks(lo, hi)) {
    out.push(`<line x1="${left}" x2="${left + pw}" y1="${Y(v)}" y2="${Y(v)}" stroke="#e3e3e3"/>`,
      `<text x="${left - 6}" y="${Y(v) + 4}" text-anchor="end" font-size="11">${v.toFixed(v >= 100 ? 0 : 1)}</text>`);
  }
  for (const t of [0.01, 0.1, 1, 10, 100, 1000].filter((t) => t <= tMax * 1.001)) {
    out.push(`<line x1="${X(t)}" x2="${X(t)}" y1="${top}" y2="${top + ph}" stroke="#e3e3e3"/>`,
      `<text x="${X(t)}" y="${top + ph + 15}" text-anchor="middle" font-size="11">${t}</text>`);
  }
  out.push(`<text x="${left + pw / 2}" y="${h - 6}" text-anchor="middle" font-size="11">seconds (log scale)</text>`);
  if (bound !== null && bound !== undefined) {
    out.push(`<line x1="${left}" x2="${left + pw}" y1="${Y(bound)}" y2="${Y(bound)}" stroke="#333" stroke-dasharray="5,4"/>`,
      `<text x="${left + pw - 4}" y="${Y(bound) - 4}" text-anchor="end" font-size="10" fill="#333">lower bound ${bound.toFixed(2)}</text>`);
  }
  for (const r of runs) {
    if (!r.trajectory.length) continue;
    const end = Math.max(r.timeToBest ?? 0, Math.min(r.wall ?? timeLimit, tMax));
    let d = '';
    r.trajectory.forEach(([t, v], i) => {
      d += i === 0 ? `M${X(t).toFixed(1)},${Y(v).toFixed(1)}` : `H${X(t).toFixed(1)}V${Y(v).toFixed(1)}`;
    });
    d += `H${X(end).toFixed(1)}`;
    const c = COLOURS[r.configName] ?? '#555';
    out.push(`<path d="${d}" fill="none" stroke="${c}" stroke-width="2"><title>${esc(`${CONFIGS[r.configName].label}: ${r.objective ?? r.trajectory.at(-1)[1]}`)}</title></path>`);
  }
  out.push('</g>');
  return out.join('\n');
}

export function objectivePlot(results, instances, bounds, timeLimit, caption) {
  const rows = Math.ceil(instances.length / COLUMNS);
  const legendH = 36;
  const width = PANEL.w * Math.min(COLUMNS, instances.length);
  const height = PANEL.h * rows + legendH;
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`];
  const configs = [...new Set(results.map((r) => r.configName))];
  configs.forEach((c, i) => {
    const x = 12 + i * 170;
    parts.push(`<line x1="${x}" x2="${x + 24}" y1="14" y2="14" stroke="${COLOURS[c] ?? '#555'}" stroke-width="3"/>`,
      `<text x="${x + 30}" y="18">${esc(CONFIGS[c].label)}</text>`);
  });
  parts.push(`<text x="12" y="32" font-size="10" fill="#555">${esc(caption)}</text>`);
  instances.forEach((name, i) => {
    const runs = results.filter((r) => r.name === name);
    parts.push(panel(name, runs, bounds[name] ?? null, timeLimit, (i % COLUMNS) * PANEL.w, legendH + Math.floor(i / COLUMNS) * PANEL.h));
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
