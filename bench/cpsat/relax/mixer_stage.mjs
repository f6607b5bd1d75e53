// The mixer stage of an instance on its own, solved by CP-SAT: make every
// paste's demand in whole batches on eligible mixers, each mixer a sequence of
// rows (changeover after every row, matrix-dependent), work + changeover within
// the mixer's hours left after its fewest possible maintenance blocks, its
// spare-capacity blocks and outages. No lines, no timing, no paste-in-time
// rule: a relaxation of the mixer side, to see how far a plan's mixer cost is
// from the best the mixers alone could do.
//
// Each paste has at most --copies rows per mixer (default 1). The changeover
// matrix need not obey the triangle inequality, so a plan that visits a paste
// twice on one mixer can be cheaper: only with enough copies is the result a
// lower bound of the mixer side.
//
//   node bench/cpsat/relax/mixer_stage.mjs INSTANCE.yaml [--time-limit S] [--copies K]
import fs from 'fs';
import yaml from 'js-yaml';
import { CpSat } from 'or-tools-wasm/cp-sat';
import { CpBuilder, not } from '../lib/cpbuilder.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args.splice(i, 2)[1]) : fallback;
};
const timeLimit = option('--time-limit', 60);
const copies = option('--copies', 1);
if (args.length !== 1 || !(timeLimit > 0) || !(copies >= 1)) {
  console.error('usage: mixer_stage.mjs INSTANCE.yaml [--time-limit S] [--copies K]');
  process.exit(2);
}
const plant = yaml.load(fs.readFileSync(args[0], 'utf8'));
const horizon = plant.horizon;
const SCALE = 100; // downtime rates have two decimals in the shipped instances

const needLbs = new Map();
for (const sku of plant.skus) needLbs.set(sku.paste, (needLbs.get(sku.paste) || 0) + sku.demand / sku.units_per_lb);

const matrix = plant.changeover?.mixers ?? 6;
const defaultChangeover = typeof matrix === 'number' ? matrix : matrix.default;
const pairs = new Map((typeof matrix === 'object' ? matrix.pairs || [] : []).map(([a, b, d]) => [`${a}|${b}`, d]));
const changeover = (a, b) => pairs.get(`${a}|${b}`) ?? defaultChangeover;

// The stage calendar merged field by field with the mixer's override (MODEL.md 9.13).
function calendarOf(id) {
  const stage = plant.calendar?.mixers || {};
  const own = plant.calendar?.[id] || {};
  const merged = {};
  for (const kind of ['shift_break', 'maintenance', 'spare_capacity']) {
    if (own[kind] === null) continue;
    if (stage[kind] || own[kind]) merged[kind] = { ...(stage[kind] || {}), ...(own[kind] || {}) };
  }
  merged.outages = [...(plant.calendar?.outages || []).filter((o) => o.resource === id), ...(own.outages || [])];
  return merged;
}

// Upper bound on the hours a mixer can spend on rows and changeovers.
function hoursOf(id) {
  const cal = calendarOf(id);
  let blocked = 0;
  if (cal.maintenance) { // fewest blocks: each at its latest due time
    const { every, duration, since_last: sinceLast = 0 } = cal.maintenance;
    for (let due = every - sinceLast; due < horizon; due += every) blocked += duration;
  }
  if (cal.spare_capacity) blocked += Math.floor(horizon / cal.spare_capacity.every) * cal.spare_capacity.duration;
  for (const o of cal.outages) blocked += Math.min(o.end, horizon) - Math.max(o.start, 0);
  let breaks = 0;
  if (cal.shift_break) {
    const { every, duration, offset = 0 } = cal.shift_break;
    for (let t = offset - Math.ceil(offset / every) * every; t < horizon; t += every)
      breaks += Math.max(0, Math.min(t + duration, horizon) - Math.max(t, 0));
  }
  return Math.min(horizon - blocked, horizon - breaks);
}

const b = new CpBuilder();
const objective = [];
const batchesOf = new Map(); // paste -> batch variables over all mixers and copies
for (const mixer of plant.mixers) {
  const nodes = [];
  for (const paste of plant.pastes) {
    if (paste.batch_hours[mixer.id] === undefined) continue;
    const batches = Math.ceil(Math.max(0, (needLbs.get(paste.id) || 0) - (paste.initial_stock || 0)) / mixer.batch_size - 1e-9);
    if (batches === 0) continue;
    for (let k = 0; k < copies; ++k) nodes.push({ paste, k, batches });
  }
  const used = b.newBool(`used_${mixer.id}`);
  const arcs = [[0, 0, not(used)]];
  const hours = [];
  nodes.forEach((node, i) => {
    node.present = b.newBool(`row_${node.paste.id}_${mixer.id}_${node.k}`);
    node.n = b.newInt(0, node.batches, `batches_${node.paste.id}_${mixer.id}_${node.k}`);
    b.linear([[node.n, 1], [node.present, -node.batches]], -Infinity, 0);
    b.linear([[node.n, 1], [node.present, -1]], 0, Infinity);
    b.implies(node.present, used);
    if (node.k > 0) b.implies(node.present, nodes[i - 1].present); // copies in order
    const hoursPerBatch = node.paste.batch_hours[mixer.id];
    objective.push([node.n, Math.round(hoursPerBatch * node.paste.downtime[mixer.id] * SCALE)]);
    hours.push([node.n, hoursPerBatch]);
    if (!batchesOf.has(node.paste.id)) batchesOf.set(node.paste.id, { need: node.batches, vars: [] });
    batchesOf.get(node.paste.id).vars.push(node.n);
  });
  nodes.forEach((from, i) => {
    arcs.push([i + 1, i + 1, not(from.present)]);
    arcs.push([0, i + 1, b.newBool('')]);
    const last = b.newBool(''); // the changeover after a resource's last row uses the default
    arcs.push([i + 1, 0, last]);
    objective.push([last, defaultChangeover * SCALE]);
    hours.push([last, defaultChangeover]);
    nodes.forEach((to, j) => {
      if (i === j) return;
      const arc = b.newBool('');
      arcs.push([i + 1, j + 1, arc]);
      const d = changeover(from.paste.id, to.paste.id);
      objective.push([arc, d * SCALE]);
      hours.push([arc, d]);
    });
  });
  b.circuit(arcs);
  b.linear(hours, 0, hoursOf(mixer.id));
}
for (const [paste, { need, vars }] of batchesOf) b.linear(vars.map((v) => [v, 1]), need, Infinity);

await CpSat.getSchemas();
const started = performance.now();
const bytes = await CpSat.createModel(b.proto({ objectiveTerms: objective, objectiveScale: SCALE }));
const { response } = await CpSat.solve(bytes, { maxTimeInSeconds: timeLimit, numWorkers: 1 });
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(JSON.stringify({
  instance: plant.name, copies, status: response.status,
  objective: response.objectiveValue, bound: response.bestObjectiveBound, seconds: Number(seconds),
}));
process.exit(0); // the wasm runtime's teardown can stall the process
