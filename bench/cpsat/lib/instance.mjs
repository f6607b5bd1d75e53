// Instance YAML (MODEL.md section 8) -> plain JS instance, mirroring the C++
// loader (model/instance_loader.cpp): calendar overrides merged field by field
// (MODEL.md 9.13), outages from the stage, the resource and calendar.outages,
// SKU rate overrides, due_hard defaults, unmet_penalty, frozen_until / fixed.
//
// Every key this baseline does not know is an error: a rule we cannot see is
// a rule we would silently drop.
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';

export class InputError extends Error {}
export class Refusal extends Error {}

// --- working time over periodic shift breaks (NOTES.md, model/working_time.hpp)
export function floorDiv(a, b) {
  return Math.floor(a / b);
}

export class WorkingTime {
  constructor(breaks) {
    this.has = Boolean(breaks && breaks.duration > 0);
    if (this.has) {
      this.E = breaks.every;
      this.D = breaks.duration;
      this.O = breaks.offset;
      this.A = breaks.offset + breaks.duration; // first working instant after a break
      this.L = this.E - this.D;                // working hours per period
    }
  }
  signature() {
    return this.has ? `${this.E}/${this.D}/${this.O}` : 'none';
  }
  // Working hours at clock t (differences are exact).
  at(t) {
    if (!this.has) return t;
    const shifted = t - this.A;
    const period = floorDiv(shifted, this.E);
    const into = shifted - period * this.E;
    return this.L * period + Math.min(into, this.L);
  }
  // First clock time with working time v (where work ending at v ends).
  firstTimeWith(v) {
    if (!this.has) return v;
    return this.A + v + this.D * floorDiv(v - 1, this.L);
  }
  // Latest clock time with working time v (the useful start).
  lastTimeWith(v) {
    if (!this.has) return v;
    return this.A + v + this.D * floorDiv(v, this.L);
  }
  endAfter(start, work) {
    if (work <= 0) return start;
    return this.firstTimeWith(this.at(start) + work);
  }
  inBreak(t) {
    return this.has && this.at(t + 1) === this.at(t);
  }
}

// --- small field helpers -------------------------------------------------------
function isMap(x) {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}
function fail(path, msg) {
  throw new InputError(`${path}: ${msg}`);
}
function checkKeys(obj, path, allowed) {
  if (!isMap(obj)) fail(path, 'expected a map');
  for (const k of Object.keys(obj))
    if (!allowed.includes(k)) fail(`${path}.${k}`, `unknown field (expected one of: ${allowed.join(', ')})`);
}
function num(x, path, { min = -Infinity, max = Infinity, positive = false } = {}) {
  if (typeof x !== 'number' || !Number.isFinite(x)) fail(path, `expected a number, got ${JSON.stringify(x)}`);
  if (x < min || x > max || (positive && x <= 0)) fail(path, `${x} out of range`);
  return x;
}
function int(x, path, opts = {}) {
  num(x, path, opts);
  if (!Number.isInteger(x)) fail(path, `expected an integer, got ${x}`);
  return x;
}
function str(x, path) {
  if (typeof x === 'number') return String(x);
  if (typeof x !== 'string' || x === '') fail(path, 'expected a non-empty string');
  return x;
}
function bool(x, path) {
  if (typeof x !== 'boolean') fail(path, 'expected true or false');
  return x;
}

const KINDS = ['shift_break', 'maintenance', 'spare_capacity'];

export function loadInstance(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`${file}: cannot read (${e.message})`);
  }
  let doc;
  try {
    doc = yaml.load(text, { filename: file });
  } catch (e) {
    throw new InputError(`${file}: invalid YAML: ${e.message}`);
  }
  return parseInstance(doc, file);
}

export function parseInstance(doc, file = 'instance') {
  checkKeys(doc, 'instance', ['name', 'start_date', 'time_unit', 'horizon', 'objective', 'mixers', 'lines', 'pastes',
    'skus', 'changeover', 'calendar', 'storage', 'frozen_until', 'fixed', 'demand_soft', 'unmet_penalty', 'due_hard']);
  const inst = {
    file,
    name: doc.name !== undefined ? str(doc.name, 'name') : file.replace(/^.*\//, '').replace(/\.ya?ml$/, ''),
    horizon: int(doc.horizon, 'horizon', { min: 1 }),
    demandSoft: doc.demand_soft !== undefined ? bool(doc.demand_soft, 'demand_soft') : false,
    resources: [],
    products: [],
    numMixers: 0,
    numPastes: 0,
    resourceById: new Map(),
    productById: new Map(),
  };
  const dueHardDefault = doc.due_hard !== undefined ? bool(doc.due_hard, 'due_hard') : false;

  // resources
  for (const [stage, key] of [['mixer', 'mixers'], ['line', 'lines']]) {
    if (!Array.isArray(doc[key])) fail(key, 'expected a list');
    doc[key].forEach((m, i) => {
      const path = `${key}[${i}]`;
      checkKeys(m, path, ['id', stage === 'mixer' ? 'batch_size' : 'rate']);
      const id = str(m.id, `${path}.id`);
      if (inst.resourceById.has(id)) fail(`${path}.id`, `duplicate id '${id}'`);
      const r = {
        index: inst.resources.length, id, stage,
        batchSize: stage === 'mixer' ? num(m.batch_size, `${path}.batch_size`, { positive: true }) : 0,
        rate: stage === 'line' ? num(m.rate, `${path}.rate`, { positive: true }) : 0,
        calendar: { breaks: null, maintenance: null, spare: null, outages: [] },
      };
      inst.resourceById.set(id, r.index);
      inst.resources.push(r);
    });
    if (stage === 'mixer') inst.numMixers = inst.resources.length;
  }
  const resourceOfStage = (id, stage, path) => {
    const r = inst.resourceById.get(String(id));
    if (r === undefined) fail(path, `unknown resource '${id}'`);
    if (inst.resources[r].stage !== stage) fail(path, `'${id}' is not a ${stage}`);
    return r;
  };

  // products
  if (!Array.isArray(doc.pastes)) fail('pastes', 'expected a list');
  if (!Array.isArray(doc.skus)) fail('skus', 'expected a list');
  doc.pastes.forEach((p, i) => {
    const path = `pastes[${i}]`;
    checkKeys(p, path, ['id', 'batch_hours', 'downtime', 'initial_stock', 'max_hold']);
    const id = str(p.id, `${path}.id`);
    if (inst.productById.has(id)) fail(`${path}.id`, `duplicate id '${id}'`);
    const prod = {
      index: inst.products.length, id, stage: 'mixer', skus: [],
      initialStock: p.initial_stock !== undefined ? num(p.initial_stock, `${path}.initial_stock`, { min: 0 }) : 0,
      maxHold: p.max_hold !== undefined && p.max_hold !== null ? int(p.max_hold, `${path}.max_hold`, { min: 0 }) : null,
      options: new Map(), // resource index -> {batchHours, downtime}
    };
    if (!isMap(p.batch_hours)) fail(`${path}.batch_hours`, 'expected a map');
    for (const [rid, h] of Object.entries(p.batch_hours)) {
      const r = resourceOfStage(rid, 'mixer', `${path}.batch_hours.${rid}`);
      const dt = p.downtime && p.downtime[rid];
      if (dt === undefined) fail(`${path}.downtime`, `missing ${rid}`);
      prod.options.set(r, { batchHours: int(h, `${path}.batch_hours.${rid}`, { min: 1 }),
        downtime: num(dt, `${path}.downtime.${rid}`, { min: 0, max: 1 }) });
    }
    if (p.downtime) for (const rid of Object.keys(p.downtime))
      if (!prod.options.has(resourceOfStage(rid, 'mixer', `${path}.downtime.${rid}`)))
        fail(`${path}.downtime.${rid}`, 'downtime for a mixer without batch_hours');
    inst.productById.set(id, prod.index);
    inst.products.push(prod);
  });
  inst.numPastes = inst.products.length;
  doc.skus.forEach((s, i) => {
    const path = `skus[${i}]`;
    checkKeys(s, path, ['id', 'paste', 'units_per_lb', 'demand', 'downtime', 'rate', 'due', 'due_hard',
      'unmet_penalty', 'min_fill']);
    const id = str(s.id, `${path}.id`);
    if (inst.productById.has(id)) fail(`${path}.id`, `duplicate id '${id}'`);
    const paste = inst.productById.get(String(s.paste));
    if (paste === undefined || paste >= inst.numPastes) fail(`${path}.paste`, `unknown paste '${s.paste}'`);
    const prod = {
      index: inst.products.length, id, stage: 'line', paste,
      unitsPerLb: num(s.units_per_lb, `${path}.units_per_lb`, { positive: true }),
      demand: int(s.demand, `${path}.demand`, { min: 0 }),
      due: s.due !== undefined && s.due !== null ? int(s.due, `${path}.due`, { min: 0 }) : null,
      dueHard: s.due_hard !== undefined ? bool(s.due_hard, `${path}.due_hard`) : dueHardDefault,
      // docs/unmet-demand.md: the SKU's own price of an unmet unit, the hard share of soft demand
      unmetPenalty: s.unmet_penalty !== undefined ? num(s.unmet_penalty, `${path}.unmet_penalty`, { min: 0 }) : null,
      minFill: s.min_fill !== undefined ? num(s.min_fill, `${path}.min_fill`, { min: 0, max: 1 }) : 0,
      options: new Map(), // resource index -> {rate, downtime}
    };
    if (s.downtime !== undefined) {
      if (!isMap(s.downtime)) fail(`${path}.downtime`, 'expected a map');
      for (const [rid, dt] of Object.entries(s.downtime)) {
        const r = resourceOfStage(rid, 'line', `${path}.downtime.${rid}`);
        prod.options.set(r, { rate: inst.resources[r].rate, downtime: num(dt, `${path}.downtime.${rid}`, { min: 0, max: 1 }) });
      }
    } else {
      for (let r = inst.numMixers; r < inst.resources.length; r++)
        prod.options.set(r, { rate: inst.resources[r].rate, downtime: 0 });
    }
    if (s.rate !== undefined) {
      if (!isMap(s.rate)) fail(`${path}.rate`, 'expected a map');
      for (const [rid, rate] of Object.entries(s.rate)) {
        const r = resourceOfStage(rid, 'line', `${path}.rate.${rid}`);
        if (!prod.options.has(r)) fail(`${path}.rate.${rid}`, 'rate for a line the SKU is not eligible on');
        prod.options.get(r).rate = num(rate, `${path}.rate.${rid}`, { positive: true });
      }
    }
    inst.products[paste].skus.push(prod.index);
    inst.productById.set(id, prod.index);
    inst.products.push(prod);
  });
  for (const p of inst.products) {
    p.eligible = [...p.options.keys()].sort((a, b) => a - b);
    if (p.eligible.length === 0) fail(p.id, `${p.stage === 'mixer' ? 'paste' : 'SKU'} '${p.id}' has no eligible resource`);
  }

  // changeovers
  inst.changeover = { mixer: { def: 0, pairs: new Map() }, line: { def: 0, pairs: new Map() } };
  if (doc.changeover !== undefined) {
    checkKeys(doc.changeover, 'changeover', ['mixers', 'lines']);
    for (const [key, stage] of [['mixers', 'mixer'], ['lines', 'line']]) {
      const f = doc.changeover[key];
      if (f === undefined) continue;
      const m = inst.changeover[stage];
      if (typeof f === 'number') {
        m.def = int(f, `changeover.${key}`, { min: 0 });
        continue;
      }
      checkKeys(f, `changeover.${key}`, ['default', 'pairs']);
      m.def = int(f.default, `changeover.${key}.default`, { min: 0 });
      for (const [i, pair] of (f.pairs || []).entries()) {
        const path = `changeover.${key}.pairs[${i}]`;
        if (!Array.isArray(pair) || pair.length !== 3) fail(path, 'expected [previous, next, hours]');
        const a = inst.productById.get(String(pair[0]));
        const b = inst.productById.get(String(pair[1]));
        if (a === undefined || inst.products[a].stage !== stage) fail(path, `unknown ${stage} product '${pair[0]}'`);
        if (b === undefined || inst.products[b].stage !== stage) fail(path, `unknown ${stage} product '${pair[1]}'`);
        const k = `${a},${b}`;
        if (m.pairs.has(k)) fail(path, 'duplicate changeover pair');
        m.pairs.set(k, int(pair[2], `${path}[2]`, { min: 0 }));
      }
    }
  }

  // calendar (MODEL.md 3, 9.13, 9.17)
  const stageSpec = { mixer: { kinds: {}, outages: [] }, line: { kinds: {}, outages: [] } };
  const overrides = new Map();
  const listedOutages = [];
  const merge = (spec, cal, path) => {
    checkKeys(cal, path, ['shift_break', 'maintenance', 'spare_capacity', 'outages']);
    for (const kind of KINDS) {
      if (!(kind in cal)) continue;
      const v = cal[kind];
      if (v === null) {
        delete spec.kinds[kind];
        continue;
      }
      const allowed = { shift_break: ['every', 'duration', 'offset'], maintenance: ['every', 'duration', 'since_last'],
        spare_capacity: ['every', 'duration'] }[kind];
      checkKeys(v, `${path}.${kind}`, allowed);
      spec.kinds[kind] = { ...(spec.kinds[kind] || {}), ...v };
    }
    if (cal.outages) {
      if (!Array.isArray(cal.outages)) fail(`${path}.outages`, 'expected a list');
      spec.outages.push(...cal.outages.map((o, i) => ({ o, path: `${path}.outages[${i}]` })));
    }
  };
  if (doc.calendar !== undefined && doc.calendar !== null) {
    if (!isMap(doc.calendar)) fail('calendar', 'expected a map');
    for (const [key, v] of Object.entries(doc.calendar)) {
      if (key === 'mixers' || key === 'lines') {
        if (v !== null) merge(stageSpec[key === 'mixers' ? 'mixer' : 'line'], v, `calendar.${key}`);
      } else if (key === 'outages') {
        if (v === null) continue;
        if (!Array.isArray(v)) fail('calendar.outages', 'expected a list');
        v.forEach((o, i) => listedOutages.push({ o, path: `calendar.outages[${i}]` }));
      } else {
        const r = inst.resourceById.get(key);
        if (r === undefined) fail(`calendar.${key}`, 'unknown resource id in calendar');
        overrides.set(r, v);
      }
    }
  }
  const readOutage = (r, { o, path }, withResource) => {
    checkKeys(o, path, ['resource', 'start', 'end', 'reason']);
    if (!withResource && o.resource !== undefined && String(o.resource) !== inst.resources[r].id)
      fail(`${path}.resource`, 'outage listed under a resource names another resource');
    const start = int(o.start, `${path}.start`, { min: 0 });
    const end = int(o.end, `${path}.end`, { max: inst.horizon });
    if (end <= start) fail(`${path}.end`, 'outage must end after its start');
    inst.resources[r].calendar.outages.push({ start, end });
  };
  for (const res of inst.resources) {
    const base = stageSpec[res.stage];
    const spec = { kinds: Object.fromEntries(Object.entries(base.kinds).map(([k, v]) => [k, { ...v }])), outages: [...base.outages] };
    const ov = overrides.get(res.index);
    if (ov !== undefined && ov !== null) merge(spec, ov, `calendar.${res.id}`);
    const cal = res.calendar;
    const path = `calendar(${res.id})`;
    const need = (kind, field) => {
      const v = spec.kinds[kind][field];
      if (v === undefined || v === null) fail(`${path}.${kind}`, `missing ${field}`);
      return v;
    };
    if (spec.kinds.shift_break) {
      const every = int(need('shift_break', 'every'), `${path}.shift_break.every`, { min: 1 });
      const duration = int(need('shift_break', 'duration'), `${path}.shift_break.duration`, { min: 1 });
      if (duration >= every) fail(`${path}.shift_break`, 'shift breaks leave no working time');
      const off = spec.kinds.shift_break.offset ?? 0;
      const offset = ((int(off, `${path}.shift_break.offset`) % every) + every) % every;
      cal.breaks = { every, duration, offset };
    }
    if (spec.kinds.maintenance) {
      const every = int(need('maintenance', 'every'), `${path}.maintenance.every`, { min: 1 });
      const duration = int(need('maintenance', 'duration'), `${path}.maintenance.duration`, { min: 1 });
      if (duration >= every) fail(`${path}.maintenance`, 'maintenance leaves no working time');
      const sl = spec.kinds.maintenance.since_last ?? 0;
      const sinceLast = int(sl, `${path}.maintenance.since_last`, { min: 0 });
      if (sinceLast > every) fail(`${path}.maintenance.since_last`, 'exceeds every (maintenance already overdue)');
      const firstDue = every - sinceLast;
      if (firstDue < inst.horizon && Math.min(firstDue, inst.horizon - duration) < 0)
        fail(`${path}.maintenance`, 'maintenance cannot fit in the horizon');
      cal.maintenance = { every, duration, sinceLast, firstDue };
    }
    if (spec.kinds.spare_capacity) {
      const every = int(need('spare_capacity', 'every'), `${path}.spare_capacity.every`, { min: 1 });
      const duration = int(need('spare_capacity', 'duration'), `${path}.spare_capacity.duration`, { min: 1 });
      if (duration >= every) fail(`${path}.spare_capacity`, 'spare capacity leaves no working time');
      cal.spare = { every, duration };
    }
    for (const o of spec.outages) readOutage(res.index, o, false);
    res.working = new WorkingTime(cal.breaks);
  }
  for (const { o, path } of listedOutages) {
    if (!isMap(o)) fail(path, 'expected a map');
    const r = inst.resourceById.get(String(o.resource));
    if (r === undefined) fail(`${path}.resource`, `unknown resource '${o.resource}'`);
    readOutage(r, { o, path }, true);
  }
  for (const res of inst.resources) res.calendar.outages.sort((a, b) => a.start - b.start);

  // objective weights (MODEL.md 7, 9.10)
  const w = { downtime: 1, changeover: 1, lateness: 0, unmet: 0, holding: 0, overproduction: 0, changes: 0 };
  if (doc.unmet_penalty !== undefined) w.unmet = num(doc.unmet_penalty, 'unmet_penalty', { min: 0 });
  if (doc.objective !== undefined) {
    checkKeys(doc.objective, 'objective', Object.keys(w));
    for (const [k, v] of Object.entries(doc.objective)) w[k] = num(v, `objective.${k}`, { min: 0 });
  }
  inst.weights = w;

  if (doc.storage !== undefined && doc.storage !== null) {
    checkKeys(doc.storage, 'storage', ['totes', 'tote_capacity', 'static_totes_per_running_line']);
    inst.storage = {
      totes: int(doc.storage.totes, 'storage.totes', { min: 1 }),
      toteCapacity: num(doc.storage.tote_capacity, 'storage.tote_capacity', { positive: true }),
      staticTotes: doc.storage.static_totes_per_running_line !== undefined
        ? int(doc.storage.static_totes_per_running_line, 'storage.static_totes_per_running_line', { min: 0 }) : 1,
    };
  } else {
    inst.storage = null;
  }

  // rolling review (MODEL.md 6)
  inst.frozenUntil = doc.frozen_until !== undefined ? int(doc.frozen_until, 'frozen_until', { min: 0, max: inst.horizon }) : 0;
  inst.fixedRows = [];
  inst.fixedBlocks = [];
  if (doc.fixed !== undefined && doc.fixed !== null) {
    checkKeys(doc.fixed, 'fixed', ['rows', 'blocks']);
    for (const [i, row] of (doc.fixed.rows || []).entries()) {
      const r = readRow(inst, row, `fixed.rows[${i}]`);
      if (r.end > inst.horizon) fail(`fixed.rows[${i}]`, 'fixed row ends after the horizon');
      inst.fixedRows.push(r);
    }
    for (const [i, b] of (doc.fixed.blocks || []).entries()) {
      const blk = readBlock(inst, b, `fixed.blocks[${i}]`);
      if (blk.kind === 'outage') fail(`fixed.blocks[${i}].kind`, 'outages belong in calendar.outages');
      if (blk.kind === 'changeover' || blk.kind === 'shift_break') continue; // derived
      inst.fixedBlocks.push(blk);
    }
  }
  return inst;
}

// Work of `amount` of product p on resource r (MODEL.md 2).
export function work(inst, p, r, amount) {
  const o = inst.products[p].options.get(r);
  if (inst.resources[r].stage === 'mixer') return amount * o.batchHours;
  return Math.ceil(amount / o.rate - 1e-9);
}

export function changeoverHours(inst, prev, next) {
  const stage = inst.products[prev].stage;
  const m = inst.changeover[stage];
  if (next < 0) return m.def;
  const v = m.pairs.get(`${prev},${next}`);
  return v === undefined ? m.def : v;
}

// A schedule row map -> {resource, product, amount, start, end}.
export function readRow(inst, row, path) {
  checkKeys(row, path, ['resource', 'product', 'batches', 'quantity', 'start', 'end']);
  const r = inst.resourceById.get(String(row.resource));
  if (r === undefined) fail(`${path}.resource`, `unknown resource '${row.resource}'`);
  const p = inst.productById.get(String(row.product));
  if (p === undefined) fail(`${path}.product`, `unknown product '${row.product}'`);
  const mixer = inst.resources[r].stage === 'mixer';
  if (inst.products[p].stage !== inst.resources[r].stage) fail(`${path}.product`, 'product of the other stage');
  if (!inst.products[p].options.has(r)) fail(`${path}.product`, `'${row.product}' is not eligible on '${row.resource}'`);
  const amount = int(mixer ? row.batches : row.quantity, `${path}.${mixer ? 'batches' : 'quantity'}`, { min: 1 });
  const start = int(row.start, `${path}.start`, { min: 0 });
  const end = inst.resources[r].working.endAfter(start, work(inst, p, r, amount));
  return { resource: r, product: p, amount, start, end };
}

export function readBlock(inst, b, path) {
  checkKeys(b, path, ['resource', 'kind', 'start', 'end']);
  const r = inst.resourceById.get(String(b.resource));
  if (r === undefined) fail(`${path}.resource`, `unknown resource '${b.resource}'`);
  const kind = str(b.kind, `${path}.kind`);
  if (!['maintenance', 'spare_capacity', 'outage', 'changeover', 'shift_break'].includes(kind)) fail(`${path}.kind`, `unknown kind '${kind}'`);
  const start = int(b.start, `${path}.start`);
  const end = int(b.end, `${path}.end`);
  if (end <= start) fail(`${path}.end`, 'end must be after start');
  return { resource: r, kind, start, end };
}
