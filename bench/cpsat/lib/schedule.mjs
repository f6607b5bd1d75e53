// Schedule YAML (MODEL.md 8): read a makepack schedule (the hint), evaluate the
// objective exactly as the checker does (model/checker.cpp), write the YAML.
import { readFileSync, writeFileSync, renameSync, openSync, fsyncSync, closeSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { InputError, readRow, readBlock, work, changeoverHours } from './instance.mjs';

export function loadSchedule(inst, file) {
  let doc;
  try {
    doc = yaml.load(readFileSync(file, 'utf8'), { filename: file });
  } catch (e) {
    throw new InputError(`${file}: ${e.message}`);
  }
  if (doc === null || typeof doc !== 'object') throw new InputError(`${file}: expected a schedule map`);
  const rows = (doc.rows || []).map((row, i) => readRow(inst, row, `${file}: rows[${i}]`));
  const blocks = (doc.blocks || []).map((blk, i) => readBlock(inst, blk, `${file}: blocks[${i}]`))
    .filter((blk) => blk.kind === 'maintenance' || blk.kind === 'spare_capacity');
  return { rows, blocks };
}

// Rows of each resource in the checker's order (start, end, product, amount).
function rowsByResource(inst, rows) {
  const by = inst.resources.map(() => []);
  for (const row of rows) by[row.resource].push(row);
  for (const list of by)
    list.sort((a, b) => a.start - b.start || a.end - b.end || a.product - b.product || a.amount - b.amount);
  return by;
}

// Lb-hours of paste in stock, FIFO with max_hold scrapping, as
// model/rules/material_flow.cpp counts them (MODEL.md 9.7, 9.8).
export function holding(inst, rows) {
  let total = 0;
  for (let p = 0; p < inst.numPastes; p++) {
    const prod = inst.products[p];
    const events = []; // [time, kind 0 made / 1 consumed, lbs]
    if (prod.initialStock > 0) events.push([0, 0, prod.initialStock]);
    for (const row of rows) {
      if (row.product === p) events.push([row.end, 0, row.amount * inst.resources[row.resource].batchSize]);
      else if (inst.products[row.product].paste === p) events.push([row.start, 1, row.amount / inst.products[row.product].unitsPerLb]);
    }
    events.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    const lots = [];
    let head = 0;
    for (const [t, kind, lbs] of events) {
      if (kind === 0) {
        lots.push({ made: t, lbs });
        continue;
      }
      if (prod.maxHold !== null)
        while (head < lots.length && t - lots[head].made > prod.maxHold) {
          total += lots[head].lbs * (t - lots[head].made);
          head++;
        }
      let remaining = lbs;
      while (remaining > 0 && head < lots.length) {
        const lot = lots[head];
        const take = Math.min(remaining, lot.lbs);
        total += take * (t - lot.made);
        remaining -= take;
        if (take === lot.lbs) head++;
        else lot.lbs -= take;
      }
    }
    for (let i = head; i < lots.length; i++) total += lots[i].lbs * Math.max(0, inst.horizon - lots[i].made);
  }
  return total;
}

// Objective components (unweighted) and the weighted total, as the checker computes them.
export function evaluate(inst, rows) {
  const c = { downtime: 0, changeover: 0, lateness: 0, unmet: 0, holding: 0, overproduction: 0, changes: 0 };
  let unmetCost = 0;  // unmet units at their SKU's price (docs/unmet-demand.md)
  const by = rowsByResource(inst, rows);
  by.forEach((list, r) => {
    list.forEach((row, k) => {
      const next = k + 1 < list.length ? list[k + 1].product : -1;
      c.downtime += work(inst, row.product, r, row.amount) * inst.products[row.product].options.get(r).downtime;
      c.changeover += changeoverHours(inst, row.product, next);
    });
  });
  for (let s = inst.numPastes; s < inst.products.length; s++) {
    const prod = inst.products[s];
    const mine = rows.filter((row) => row.product === s);
    const produced = mine.reduce((a, row) => a + row.amount, 0);
    if (prod.due !== null && mine.length) c.lateness += Math.max(0, Math.max(...mine.map((row) => row.end)) - prod.due);
    c.overproduction += Math.max(0, produced - prod.demand);
    if (produced < prod.demand && inst.demandSoft) {
      c.unmet += prod.demand - produced;
      unmetCost += (prod.demand - produced) * (prod.unmetPenalty ?? inst.weights.unmet);
    }
  }
  c.holding = holding(inst, rows);
  const w = inst.weights;
  c.total = w.downtime * c.downtime + w.changeover * c.changeover + w.lateness * c.lateness + unmetCost
    + w.holding * c.holding + w.overproduction * c.overproduction + w.changes * c.changes;
  return c;
}

const RESERVED = new Set(['null', 'Null', 'NULL', '~', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'yes', 'Yes',
  'YES', 'no', 'No', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'OFF']);
function scalar(s) {
  if (s !== '' && !RESERVED.has(s) && /^[A-Za-z0-9_][A-Za-z0-9_\-./]*$/.test(s)) return s;
  return JSON.stringify(s);
}
function number(x) {
  if (x === 0) return '0';
  return String(x);
}

const KIND_ORDER = { maintenance: 0, spare_capacity: 1, outage: 2, changeover: 3, shift_break: 4 };

export function scheduleYaml(inst, rows, blocks, objective) {
  const sorted = [...rows].sort((a, b) => a.resource - b.resource || a.start - b.start || a.product - b.product);
  const all = [...blocks];
  // changeovers, derived (MODEL.md 3): after every row, paused over breaks; listed for display
  const by = rowsByResource(inst, rows);
  by.forEach((list, r) => list.forEach((row, k) => {
    const hours = changeoverHours(inst, row.product, k + 1 < list.length ? list[k + 1].product : -1);
    if (hours > 0) all.push({ resource: r, kind: 'changeover', start: row.end, end: inst.resources[r].working.endAfter(row.end, hours) });
  }));
  all.sort((a, b) => a.resource - b.resource || a.start - b.start || KIND_ORDER[a.kind] - KIND_ORDER[b.kind]);
  const w = inst.weights;
  let obj = `objective: {total: ${number(objective.total)}`;
  for (const k of ['downtime', 'changeover', 'lateness', 'unmet', 'holding', 'overproduction']) {
    if (objective[k] !== 0 || w[k] !== 0) obj += `, ${k}: ${number(objective[k])}`;
  }
  obj += '}';
  const lines = [`instance: ${scalar(inst.name)}`, obj, sorted.length ? 'rows:' : 'rows: []'];
  for (const row of sorted) {
    const mixer = inst.resources[row.resource].stage === 'mixer';
    lines.push(`  - {resource: ${scalar(inst.resources[row.resource].id)}, product: ${scalar(inst.products[row.product].id)}, `
      + `${mixer ? 'batches' : 'quantity'}: ${row.amount}, start: ${row.start}, end: ${row.end}}`);
  }
  lines.push(all.length ? 'blocks:' : 'blocks: []');
  for (const blk of all)
    lines.push(`  - {resource: ${scalar(inst.resources[blk.resource].id)}, kind: ${blk.kind}, start: ${blk.start}, end: ${blk.end}}`);
  return lines.join('\n') + '\n';
}

// A hidden temporary file beside `target` (same file system, so rename is atomic).
export function tempPathFor(target) {
  const dir = path.dirname(path.resolve(target));
  return path.join(dir, `.${path.basename(target)}.tmp-${process.pid}-${Date.now()}`);
}

export function writeDurably(file, text) {
  const fd = openSync(file, 'wx', 0o644);
  try {
    writeFileSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function commit(temp, target) {
  renameSync(temp, target);
}

export function discard(temp) {
  try {
    unlinkSync(temp);
  } catch {
    // already gone
  }
}
