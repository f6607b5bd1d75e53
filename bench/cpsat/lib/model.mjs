// The CP-SAT model of MODEL.md. See docs/cpsat.md for the formulation.
//
// Coordinates: every row, changeover and calendar block of a resource lives in
// that resource's *working time* W(t) (NOTES.md): a row started at working
// instant v with work w and changeover c occupies [v, v + w + c) there, which
// is exactly its clock span [Tstart(v), Tend(v + w + c)) with breaks pausing
// it. Clock-time blocks (maintenance, spare capacity, outages) are mapped to
// [W(a), W(b)); zero-length images (a block inside a break) still count in
// NoOverlap, so clock overlap <=> working-time overlap.
import { CpBuilder, not } from './cpbuilder.mjs';
import { Refusal, changeoverHours } from './instance.mjs';

const affine = CpBuilder.affine;
const linExpr = CpBuilder.linearExpr;

// --- exact rationals for rates, units_per_lb, batch sizes ----------------------
function gcd(a, b) {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}
function lcm(a, b) {
  return (a / gcd(a, b)) * b;
}
// x = num/den with den <= maxDen (continued fractions), or null.
export function rational(x, maxDen = 1_000_000) {
  if (Number.isInteger(x)) return [x, 1];
  let [h0, h1, k0, k1] = [0, 1, 1, 0];
  let y = x;
  for (let i = 0; i < 40; i++) {
    const a = Math.floor(y);
    [h0, h1] = [h1, a * h1 + h0];
    [k0, k1] = [k1, a * k1 + k0];
    if (k1 > maxDen) return null;
    if (Math.abs(h1 / k1 - x) <= 1e-12 * Math.max(1, Math.abs(x))) return [h1, k1];
    const frac = y - a;
    if (frac < 1e-15) break;
    y = 1 / frac;
  }
  return Math.abs(h1 / k1 - x) <= 1e-12 * Math.max(1, Math.abs(x)) ? [h1, k1] : null;
}

// Smallest 10^k * m (k <= 6) making every value integral; exact = false if none.
// m is 1 or the lcm of the lbs scales of the holding terms (coefficients w/S_p).
function decimalScale(values, m = 1) {
  for (let k = 0; k <= 6; k++) {
    const s = 10 ** k * m;
    if (values.every((v) => Math.abs(v * s - Math.round(v * s)) <= 1e-7 * Math.max(1, Math.abs(v * s)))) return { scale: s, exact: true };
  }
  return { scale: 1e6, exact: false };
}

// A var equal to W(t) for clock var t on `wt` (t in [lo, hi]); t itself without breaks.
function workingOf(b, wt, t, name) {
  if (!wt.has) return t;
  const lo = b.lb(t);
  const hi = b.ub(t);
  const k = b.newInt(Math.floor((lo - wt.A) / wt.E), Math.floor((hi - wt.A) / wt.E), `${name}_k`);
  const rho = b.newInt(0, wt.E - 1, `${name}_rho`);
  const m = b.newInt(0, wt.L, `${name}_m`);
  const w = b.newInt(wt.at(lo), wt.at(hi), `${name}_W`);
  b.eq([[t, 1], [k, -wt.E], [rho, -1]], wt.A); // t - A = E*k + rho
  b.minEquality(affine(m), [affine(rho), affine(null, 0, wt.L)]);
  b.eq([[w, 1], [k, -wt.L], [m, -1]], 0); // W = L*k + min(rho, L)
  return w;
}

// Circuits over every eligible candidate row of a resource grow with the square
// of its rows (bench large: about 670,000 arc literals on its mixers, beyond
// what the wasm build holds). Above `maxArcs`, each resource of a stage with a
// changeover matrix keeps the candidate rows of the products for which it is
// relatively cheapest (hours plus expected downtime per lb or unit, over the
// product's cheapest), at most `cap` rows; every product keeps its cheapest
// resource and the hint's. A restriction of MODEL.md (docs/cpsat.md, "Limits").
function restrictForCircuits(inst, rowsOf, stageHasMatrix, maxArcs, hintResources) {
  const { products, resources } = inst;
  const all = { resources: products.map((prod) => prod.eligible), kept: null };
  const fixedOn = resources.map(() => 0);
  for (const row of inst.fixedRows) fixedOn[row.resource]++;
  const countArcs = (lists) => {
    const n = [...fixedOn];
    products.forEach((prod, p) => {
      if (stageHasMatrix[prod.stage]) for (const r of lists[p]) n[r] += rowsOf[p];
    });
    return n.reduce((a, x) => a + x * x, 0);
  };
  if (countArcs(all.resources) <= maxArcs) return all;
  const cost = (p, r) => {
    const o = products[p].options.get(r);
    const perUnit = products[p].stage === 'mixer' ? o.batchHours / resources[r].batchSize : 1 / o.rate;
    return perUnit * (1 + o.downtime);
  };
  const best = products.map((prod, p) => Math.min(...prod.eligible.map((r) => cost(p, r))));
  const byResource = resources.map(() => []);
  products.forEach((prod, p) => {
    if (stageHasMatrix[prod.stage]) for (const r of prod.eligible) byResource[r].push([cost(p, r) / best[p], p]);
  });
  for (const list of byResource) list.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const matrixResources = resources.filter((res) => stageHasMatrix[res.stage]).length;
  let cap = Math.floor(Math.sqrt(maxArcs / Math.max(1, matrixResources)));
  for (;;) {
    const lists = products.map((prod, p) => {
      if (!stageHasMatrix[prod.stage]) return prod.eligible;
      const ranked = [...prod.eligible].sort((x, y) => cost(p, x) - cost(p, y) || x - y);
      return [ranked[0], ...(hintResources.get(p) || [])];
    });
    byResource.forEach((list, r) => {
      let n = fixedOn[r];
      for (const [, p] of list) {
        if (lists[p].includes(r)) n += rowsOf[p];
      }
      for (const [, p] of list) {
        if (lists[p].includes(r)) continue;
        if (n + rowsOf[p] > cap) break;
        lists[p].push(r);
        n += rowsOf[p];
      }
    });
    if (countArcs(lists) <= maxArcs || cap <= 1) {
      const kept = lists.map((l, p) => (stageHasMatrix[products[p].stage] ? new Set(l).size : 0)).filter((x) => x > 0);
      return { resources: lists.map((l) => [...new Set(l)]), kept: { cap, min: Math.min(...kept), max: Math.max(...kept) } };
    }
    cap = Math.floor(cap * 0.9);
  }
}

export function buildModel(inst, opts = {}) {
  const b = new CpBuilder();
  const H = inst.horizon;
  const t0 = inst.frozenUntil;
  const W = inst.weights;
  const rowsPerProduct = opts.rowsPerProduct ?? 1;
  const hintCount = opts.hintCount || new Map(); // product -> rows in the hint
  const hintMax = opts.hintMax || new Map(); // product -> largest amount in the hint

  const products = inst.products;
  const resources = inst.resources;

  // ---- per-paste integer lbs scale ---------------------------------------------
  // Flows are in 1/S_p lbs: a unit of SKU s consumes S_p/upl_s, a batch on
  // mixer r makes S_p*batch_size_r; exact when these are integers.
  const pasteScale = new Map();
  const inexact = [];
  for (let p = 0; p < inst.numPastes; p++) {
    let S = 1;
    let ok = true;
    for (const s of products[p].skus) {
      const q = rational(products[s].unitsPerLb);
      if (!q) ok = false;
      else S = lcm(S, q[0]);
    }
    for (const r of products[p].eligible) {
      const q = rational(resources[r].batchSize);
      if (!q) ok = false;
      else S = lcm(S, q[1]);
    }
    const init = rational(products[p].initialStock);
    if (!init) ok = false;
    else S = lcm(S, init[1]);
    if (!ok || S > 1e6) {
      S = 1000;
      inexact.push(products[p].id);
    }
    pasteScale.set(p, S);
  }
  // Conservative when inexact: consumption rounded up, making rounded down.
  const consCoef = (s) => Math.ceil(pasteScale.get(products[s].paste) / products[s].unitsPerLb - 1e-9);
  const prodCoef = (p, r) => Math.floor(pasteScale.get(p) * resources[r].batchSize + 1e-9);

  const Wlo = (r) => resources[r].working.at(Math.max(0, t0));
  const Whi = (r) => resources[r].working.at(H);

  // ---- candidate rows (slots) ---------------------------------------------------
  const slots = [];
  const slotsOf = products.map(() => []);
  const needPaste = new Map();
  for (let p = 0; p < inst.numPastes; p++) {
    let need = -products[p].initialStock;
    for (const s of products[p].skus) need += products[s].demand / products[s].unitsPerLb;
    needPaste.set(p, need);
  }

  let candidateResources = (p) => products[p].eligible;
  const newSlot = (p, k, fixedRow) => {
    const prod = products[p];
    const mixer = prod.stage === 'mixer';
    const slot = { index: slots.length, p, k, fixed: fixedRow || null, pres: new Map(), amt: new Map(), work: new Map(), groups: [] };
    const name = `${prod.id}#${fixedRow ? 'fixed' + k : k}`;
    slot.name = name;
    const rs = fixedRow ? [fixedRow.resource] : candidateResources(p);
    for (const r of rs) {
      const o = prod.options.get(r);
      const avail = Whi(r) - Wlo(r);
      const pres = fixedRow ? b.trueLit() : b.newBool(`${name}@${resources[r].id}`);
      slot.pres.set(r, pres);
      if (mixer) {
        const need = Math.max(1, needPaste.get(p));
        let nmax = Math.min(Math.ceil(need / resources[r].batchSize - 1e-9), Math.floor(avail / o.batchHours));
        nmax = Math.max(nmax, hintMax.get(p) || 0);
        if (fixedRow) nmax = fixedRow.amount;
        if (nmax < 1) {
          b.eq([[pres, 1]], 0);
          nmax = 0;
        }
        const n = b.newInt(fixedRow ? fixedRow.amount : 0, nmax, `${name}@${resources[r].id}_n`);
        b.linear([[n, 1], [pres, -1]], 0, Infinity); // n >= pres
        b.linear([[n, 1], [pres, -nmax]], -Infinity, 0); // n <= nmax*pres
        slot.amt.set(r, n);
        slot.work.set(r, [[n, o.batchHours]]);
      } else {
        const rate = rational(o.rate);
        if (!rate) throw new Refusal(`rate ${o.rate} of ${prod.id} on ${resources[r].id} is not a rational with a small denominator`);
        const [ra, rb] = rate; // rate = ra/rb units per hour; work = ceil(q*rb/ra)
        let qmax = Math.max(1, prod.demand, hintMax.get(p) || 0);
        qmax = Math.min(qmax, Math.floor((avail * ra) / rb));
        if (fixedRow) qmax = fixedRow.amount;
        if (qmax < 1) {
          b.eq([[pres, 1]], 0);
          qmax = 0;
        }
        const q = b.newInt(fixedRow ? fixedRow.amount : 0, qmax, `${name}@${resources[r].id}_q`);
        const wmax = Math.ceil((qmax * rb) / ra);
        const w = b.newInt(0, wmax, `${name}@${resources[r].id}_w`);
        b.linear([[q, 1], [pres, -1]], 0, Infinity);
        b.linear([[q, 1], [pres, -qmax]], -Infinity, 0);
        b.linear([[w, ra], [q, -rb]], 0, Infinity); // ra*w >= rb*q
        b.linear([[w, ra], [q, -rb]], -Infinity, ra - 1); // ra*(w-1) < rb*q
        slot.amt.set(r, q);
        slot.work.set(r, [[w, 1]]);
      }
    }
    const presLits = [...slot.pres.values()];
    if (fixedRow) slot.active = b.trueLit();
    else if (presLits.length === 1) slot.active = presLits[0];
    else {
      slot.active = b.newBool(`${name}_active`);
      b.eq([...presLits.map((l) => [l, 1]), [slot.active, -1]], 0);
    }
    slots.push(slot);
    slotsOf[p].push(slot);
    return slot;
  };

  for (const row of inst.fixedRows) newSlot(row.product, slotsOf[row.product].length, row);
  // Candidate rows per product: `rowsPerProduct`, more for a product whose
  // whole demand would keep its fastest resource busy for over 40 % of the
  // horizon (one such row delays everything made from it), at least the hint's.
  const sizing = new Map();
  for (let p = 0; p < products.length; p++) {
    const prod = products[p];
    let minWork = Infinity;
    let avail = 0;
    for (const r of prod.eligible) {
      const o = prod.options.get(r);
      const w = prod.stage === 'mixer'
        ? Math.ceil(Math.max(0, needPaste.get(p)) / resources[r].batchSize - 1e-9) * o.batchHours
        : Math.ceil(prod.demand / o.rate - 1e-9);
      minWork = Math.min(minWork, w);
      avail = Math.max(avail, Whi(r) - Wlo(r));
    }
    sizing.set(p, avail > 0 ? Math.ceil(minWork / (0.4 * avail)) : 1);
  }
  const rowsOf = products.map((prod, p) => {
    let K = Math.max(rowsPerProduct, sizing.get(p), hintCount.get(p) || 0);
    if (prod.stage === 'line' && prod.demand === 0) K = hintCount.get(p) || 0;
    if (prod.stage === 'mixer' && prod.skus.length === 0) K = hintCount.get(p) || 0;
    return K;
  });
  const stageHasMatrix = { mixer: inst.changeover.mixer.pairs.size > 0, line: inst.changeover.line.pairs.size > 0 };
  const allowed = restrictForCircuits(inst, rowsOf, stageHasMatrix, opts.maxArcs ?? 400_000, opts.hintResources || new Map());
  candidateResources = (p) => allowed.resources[p];
  for (let p = 0; p < products.length; p++) for (let k = 0; k < rowsOf[p]; k++) newSlot(p, k, null);

  // ---- changeover per slot -------------------------------------------------------
  for (const slot of slots) {
    const stage = products[slot.p].stage;
    if (!stageHasMatrix[stage]) {
      slot.changeTerms = [[slot.active, inst.changeover[stage].def]];
    } else {
      let maxC = inst.changeover[stage].def;
      for (const v of inst.changeover[stage].pairs.values()) maxC = Math.max(maxC, v);
      slot.changeVar = b.newInt(0, maxC, `${slot.name}_c`);
      slot.changeTerms = [[slot.changeVar, 1]];
    }
  }

  // ---- timing per slot (per working-time signature group) -------------------------
  for (const slot of slots) {
    const bySig = new Map();
    for (const r of slot.pres.keys()) {
      const sig = resources[r].working.signature();
      if (!bySig.has(sig)) bySig.set(sig, []);
      bySig.get(sig).push(r);
    }
    const single = bySig.size === 1;
    for (const [, rs] of bySig) {
      const wt = resources[rs[0]].working;
      const lo = Math.max(...rs.map(Wlo));
      const hi = Math.min(...rs.map(Whi));
      const g = { rs, wt };
      const gname = `${slot.name}_${single ? '' : resources[rs[0]].id}`;
      g.gp = rs.length === 1 ? slot.pres.get(rs[0]) : (single ? slot.active : b.newBool(`${gname}_gp`));
      if (rs.length > 1 && !single) b.eq([...rs.map((r) => [slot.pres.get(r), 1]), [g.gp, -1]], 0);
      const fr = slot.fixed;
      if (fr) {
        const v = wt.at(fr.start);
        g.v = b.newInt(v, v, `${gname}_v`);
      } else {
        g.v = b.newInt(lo, Math.max(lo, hi), `${gname}_v`);
      }
      g.x = b.newInt(b.lb(g.v), Math.max(b.lb(g.v), hi), `${gname}_x`); // working end of the row
      g.u = b.newInt(b.lb(g.v), Math.max(b.lb(g.v), hi), `${gname}_u`); // working end of its changeover
      g.z = b.newInt(0, Math.max(0, hi - b.lb(g.v)), `${gname}_z`); // size = work + changeover
      const workTerms = rs.flatMap((r) => slot.work.get(r));
      const enf = single ? undefined : [g.gp];
      b.eq([[g.x, 1], [g.v, -1], ...workTerms.map(([v, c]) => [v, -c])], 0);
      b.eq([[g.u, 1], [g.x, -1], ...slot.changeTerms.map(([v, c]) => [v, -c])], 0, enf);
      b.eq([[g.z, 1], [g.u, -1], [g.v, 1]], 0);
      if (!single) {
        b.eq([[g.v, 1]], b.lb(g.v), [not(g.gp)]);
        b.eq([[g.u, 1], [g.v, -1]], 0, [not(g.gp)]);
      }
      if (!fr) b.eq([[g.v, 1]], b.lb(g.v), [not(slot.active)]); // absent rows sit still
      // clock start s = Tstart(v), clock end e = Tend(x)
      if (fr) {
        g.s = b.newInt(fr.start, fr.start, `${gname}_s`);
        g.e = b.newInt(fr.end, fr.end, `${gname}_e`);
      } else if (!wt.has) {
        g.s = g.v;
        g.e = g.x;
      } else {
        const qlo = Math.floor((b.lb(g.v) - 1) / wt.L) - 1;
        const qhi = Math.floor(b.ub(g.x) / wt.L) + 1;
        g.qs = b.newInt(qlo, qhi, `${gname}_qs`);
        g.qe = b.newInt(qlo, qhi, `${gname}_qe`);
        b.linear([[g.v, 1], [g.qs, -wt.L]], 0, wt.L - 1); // qs = floor(v/L)
        b.linear([[g.x, 1], [g.qe, -wt.L]], 1, wt.L); // qe = floor((x-1)/L)
        g.s = b.newInt(wt.lastTimeWith(b.lb(g.v)), wt.lastTimeWith(b.ub(g.v)), `${gname}_s`);
        g.e = b.newInt(wt.firstTimeWith(b.lb(g.x)), Math.max(wt.firstTimeWith(b.lb(g.x)), wt.firstTimeWith(b.ub(g.x))), `${gname}_e`);
        b.eq([[g.s, 1], [g.v, -1], [g.qs, -wt.D]], wt.A);
        b.eq([[g.e, 1], [g.x, -1], [g.qe, -wt.D]], wt.A);
      }
      // one optional interval per resource of the group
      g.intervals = new Map();
      for (const r of rs) {
        const iv = b.interval(affine(g.v), affine(g.z), affine(g.u), fr ? undefined : slot.pres.get(r));
        g.intervals.set(r, iv);
      }
      slot.groups.push(g);
    }
    if (single) {
      slot.s = slot.groups[0].s;
      slot.e = slot.groups[0].e;
    } else {
      const slo = Math.min(...slot.groups.map((g) => b.lb(g.s)));
      const shi = Math.max(...slot.groups.map((g) => b.ub(g.s)));
      const elo = Math.min(...slot.groups.map((g) => b.lb(g.e)));
      const ehi = Math.max(...slot.groups.map((g) => b.ub(g.e)));
      slot.s = b.newInt(slo, shi, `${slot.name}_s`);
      slot.e = b.newInt(elo, ehi, `${slot.name}_e`);
      for (const g of slot.groups) {
        b.eq([[slot.s, 1], [g.s, -1]], 0, [g.gp]);
        b.eq([[slot.e, 1], [g.e, -1]], 0, [g.gp]);
      }
      b.eq([[slot.s, 1]], slo, [not(slot.active)]);
    }
    slot.groupOf = new Map();
    for (const g of slot.groups) for (const r of g.rs) slot.groupOf.set(r, g);
  }

  // ---- symmetry: identical candidate rows of a product, in start order --------------
  for (let p = 0; p < products.length; p++) {
    const free = slotsOf[p].filter((s) => !s.fixed);
    for (let k = 0; k + 1 < free.length; k++) {
      b.implies(free[k + 1].active, free[k].active);
      b.linear([[free[k + 1].s, 1], [free[k].s, -1]], 0, Infinity, [free[k + 1].active]);
    }
  }

  // ---- demand, lateness, overproduction, unmet (MODEL.md 5) --------------------------
  const objective = []; // [var, float coefficient]
  const comp = { downtime: [], changeover: [], lateness: [], unmet: [], overproduction: [] };
  for (let p = inst.numPastes; p < products.length; p++) {
    const prod = products[p];
    const qTerms = slotsOf[p].flatMap((s) => [...s.amt.values()].map((q) => [q, 1]));
    const free = slotsOf[p].filter((s) => !s.fixed);
    if (!inst.demandSoft) {
      if (prod.demand > 0) {
        if (qTerms.length === 0) throw new Refusal(`SKU ${prod.id} has demand but no candidate row`);
        b.linear(qTerms, prod.demand, Infinity);
        if (free.length && slotsOf[p].every((s) => !s.fixed)) b.eq([[free[0].active, 1]], 1);
      }
    } else if (prod.demand > 0) {
      // Soft (docs/unmet-demand.md): the min_fill share is hard, the rest priced per SKU.
      const required = Math.min(prod.demand, Math.ceil(prod.minFill * prod.demand - 1e-9));
      if (required > 0) {
        if (qTerms.length === 0) throw new Refusal(`SKU ${prod.id} has min_fill but no candidate row`);
        b.linear(qTerms, required, Infinity);
      }
      const penalty = prod.unmetPenalty ?? W.unmet;
      if (penalty > 0) {
        const unmet = b.newInt(0, prod.demand, `${prod.id}_unmet`);
        b.linear([...qTerms, [unmet, 1]], prod.demand, Infinity);
        comp.unmet.push([unmet, penalty]);  // weighted by its own price below
      }
    }
    if (W.overproduction > 0) {
      const maxQ = qTerms.reduce((a, [v]) => a + b.ub(v), 0);
      const over = b.newInt(0, Math.max(0, maxQ - prod.demand), `${prod.id}_over`);
      b.linear([[over, 1], ...qTerms.map(([v, c]) => [v, -c])], -prod.demand, Infinity);
      comp.overproduction.push([over, 1]);
    }
    if (prod.due !== null) {
      if (prod.dueHard) for (const s of slotsOf[p]) b.linear([[s.e, 1]], -Infinity, prod.due, [s.active]);
      if (W.lateness > 0) {
        const late = b.newInt(0, Math.max(0, H - prod.due), `${prod.id}_late`);
        for (const s of slotsOf[p]) b.linear([[late, 1], [s.e, -1]], -prod.due, Infinity, [s.active]);
        comp.lateness.push([late, 1]);
      }
    }
  }
  for (let p = 0; p < inst.numPastes; p++) {
    if (needPaste.get(p) > 1e-9 && !inst.demandSoft) {
      const free = slotsOf[p].filter((s) => !s.fixed);
      if (free.length && slotsOf[p].every((s) => !s.fixed)) b.eq([[free[0].active, 1]], 1);
    }
  }

  // ---- material: transport of paste lots to line rows (NOTES.md) ---------------------
  const flows = [];
  for (let p = 0; p < inst.numPastes; p++) {
    const prod = products[p];
    const S = pasteScale.get(p);
    const makers = slotsOf[p];
    const users = prod.skus.flatMap((s) => slotsOf[s]);
    if (users.length === 0) continue;
    const init = Math.floor(prod.initialStock * S + 1e-9);
    const prodTerms = (m) => [...m.amt.entries()].map(([r, n]) => [n, prodCoef(p, r)]);
    const consTerms = (u) => [...u.amt.entries()].map(([, q]) => [q, consCoef(u.p)]);
    const ubOf = (terms) => terms.reduce((a, [v, c]) => a + b.ub(v) * c, 0);
    const inflow = new Map(users.map((u) => [u, []]));
    for (const m of makers) {
      const pt = prodTerms(m);
      const out = [];
      for (const u of users) {
        if (m.fixed && u.fixed && (m.fixed.end > u.fixed.start
          || (prod.maxHold !== null && u.fixed.start > m.fixed.end + prod.maxHold))) continue;
        const cap = Math.min(ubOf(pt), ubOf(consTerms(u)));
        if (cap <= 0) continue;
        const y = b.newBool(`y_${m.name}_${u.name}`);
        const f = b.newInt(0, cap, `f_${m.name}_${u.name}`);
        b.linear([[f, 1], [y, -cap]], -Infinity, 0);
        b.implies(y, m.active);
        b.implies(y, u.active);
        b.linear([[u.s, 1], [m.e, -1]], 0, Infinity, [y]); // made by the row's start
        if (prod.maxHold !== null) b.linear([[u.s, 1], [m.e, -1]], -Infinity, prod.maxHold, [y]); // not older than max_hold
        out.push([f, 1]);
        inflow.get(u).push([f, 1]);
        flows.push({ maker: m, user: u, y, f });
      }
      if (out.length) b.linear([...out, ...pt.map(([v, c]) => [v, -c])], -Infinity, 0);
    }
    if (init > 0) {
      const out = [];
      for (const u of users) {
        if (prod.maxHold !== null && u.fixed && u.fixed.start > prod.maxHold) continue;
        const cap = Math.min(init, ubOf(consTerms(u)));
        const f = b.newInt(0, cap, `f_init_${u.name}`);
        if (prod.maxHold !== null) {
          const y = b.newBool(`y_init_${u.name}`);
          b.linear([[f, 1], [y, -cap]], -Infinity, 0);
          b.linear([[u.s, 1]], -Infinity, prod.maxHold, [y]);
          flows.push({ maker: null, user: u, y, f });
        } else {
          flows.push({ maker: null, user: u, y: null, f });
        }
        out.push([f, 1]);
        inflow.get(u).push([f, 1]);
      }
      b.linear(out, 0, init);
    }
    for (const u of users) b.eq([...inflow.get(u), ...consTerms(u).map(([v, c]) => [v, -c])], 0);
    // redundant: everything consumed was made (or in stock at 0)
    b.linear([...makers.flatMap(prodTerms), ...users.flatMap((u) => consTerms(u).map(([v, c]) => [v, -c]))], -init, Infinity);
  }

  // ---- storage (MODEL.md 4, 9.9): totes as reservoirs --------------------------------
  // Exact reformulation of sum_p ceil(held_p(t)/cap) + static totes of running
  // lines <= totes: per paste an integer tote count T_p(t) that may change only
  // where held_p changes (a lot made, a consuming row ended, initial stock at 0);
  // one reservoir per paste keeps cap*T_p(t) >= held_p(t), one reservoir over
  // every paste's T_p and the running lines keeps the total <= totes. The least
  // feasible T_p is ceil(held_p/cap), so a plan fits iff the checker accepts it.
  // held_p here never subtracts scrapped lbs (docs/cpsat.md, Limits).
  if (inst.storage) {
    const st = inst.storage;
    const capQ = rational(st.toteCapacity);
    if (!capQ) throw new Refusal(`storage.tote_capacity ${st.toteCapacity} is not a rational with a small denominator`);
    if (inexact.length) throw new Refusal(`storage with pastes whose lbs have no exact integer scale (${inexact.join(', ')})`);
    const [ca, cb] = capQ; // cap = ca/cb lbs
    const maxT = st.totes;
    const global = { times: [], changes: [], actives: [] };
    // CP-SAT takes one variable per level change: a change of several terms gets its own.
    const event = (res, time, terms, offset, active) => {
      const e = linExpr(terms, offset);
      let change = e;
      if (e.vars.length > 1) {
        const span = e.vars.reduce((x, v, i) => x + Math.abs(e.coeffs[i]) * Math.max(Math.abs(b.lb(v)), Math.abs(b.ub(v))), 0);
        const c = b.newInt(-span, span, 'level_change');
        b.eq([[c, 1], ...e.vars.map((v, i) => [v, -e.coeffs[i]])], 0);
        change = affine(c, 1, offset);
      }
      res.times.push(time);
      res.changes.push(change);
      res.actives.push(active);
    };
    // a level never goes below minus the sum of every change's largest magnitude
    const levelSpan = (res) => res.changes.reduce((a, e) => a + Math.abs(e.offset)
      + e.vars.reduce((x, v, i) => x + Math.abs(e.coeffs[i]) * Math.max(Math.abs(b.lb(v)), Math.abs(b.ub(v))), 0), 0);
    const timeOf = (v) => affine(v);
    const fixedTime = (t) => affine(null, 0, t);
    for (let p = 0; p < inst.numPastes; p++) {
      const prod = products[p];
      const S = pasteScale.get(p);
      const users = prod.skus.flatMap((s) => slotsOf[s]);
      const makers = slotsOf[p];
      const init = Math.floor(prod.initialStock * S + 1e-9);
      if (!makers.length && !users.length && init <= 0) continue;
      const own = { times: [], changes: [], actives: [] };
      const totesAt = (name) => b.newInt(-maxT, maxT, `totes_${prod.id}_${name}`);
      // level of `own` in units of 1/(S*cb) lb: cb*held*S - ca*S*T
      if (init > 0) {
        const d = totesAt('init');
        event(own, fixedTime(0), [[d, -ca * S]], cb * init, b.trueLit());
        event(global, fixedTime(0), [[d, 1]], 0, b.trueLit());
      }
      for (const m of makers) {
        const d = totesAt(m.name);
        event(own, timeOf(m.e), [...[...m.amt.entries()].map(([r, n]) => [n, cb * prodCoef(p, r)]), [d, -ca * S]], 0, m.active);
        event(global, timeOf(m.e), [[d, 1]], 0, m.active);
      }
      for (const u of users) {
        const d = totesAt(u.name);
        event(own, timeOf(u.e), [...[...u.amt.values()].map((q) => [q, -cb * consCoef(u.p)]), [d, -ca * S]], 0, u.active);
        event(global, timeOf(u.e), [[d, 1]], 0, u.active);
      }
      b.reservoir(own, -levelSpan(own), 0);
    }
    if (st.staticTotes > 0) {
      for (const slot of slots) {
        if (products[slot.p].stage !== 'line') continue;
        event(global, timeOf(slot.s), [], st.staticTotes, slot.active);
        event(global, timeOf(slot.e), [], -st.staticTotes, slot.active);
      }
    }
    b.reservoir(global, -levelSpan(global), maxT);
  }

  // ---- holding (MODEL.md 7, 9.8): lb-hours of paste in stock ---------------------------
  // The integral of the stock level over [0, H): every lot's lbs from its end to
  // H, minus every consumption's lbs from its start to H. Without max_hold this
  // is exactly the checker's FIFO sum over lots (it does not depend on which lot
  // serves which row); each term is lbs x (H - time), one CP-SAT product each.
  // With max_hold a scrapped lot still counts until H here: an over-estimate.
  const holdingTerms = [];
  if (W.holding > 0) {
    for (let p = 0; p < inst.numPastes; p++) {
      const prod = products[p];
      const S = pasteScale.get(p);
      const users = prod.skus.flatMap((s) => slotsOf[s]);
      const init = Math.floor(prod.initialStock * S + 1e-9);
      if (init > 0) holdingTerms.push([b.constant(1), (init * Math.max(0, H)) / S]);
      const lbsTimesWait = (slot, terms, time, sign) => {
        const ub = terms.reduce((a, [v, c]) => a + b.ub(v) * c, 0);
        if (ub <= 0) return;
        const lbs = b.newInt(0, ub, `lbs_${slot.name}`);
        b.eq([[lbs, 1], ...terms.map(([v, c]) => [v, -c])], 0);
        const waitHi = Math.max(0, H - b.lb(time));
        const waitLo = Math.max(0, H - b.ub(time));
        const wait = b.newInt(waitLo, waitHi, `wait_${slot.name}`);
        b.eq([[wait, 1], [time, 1]], H);
        const prodVar = b.newInt(0, ub * waitHi, `lbh_${slot.name}`);
        b.product(prodVar, [lbs, wait]);
        holdingTerms.push([prodVar, sign / S]);
      };
      for (const m of slotsOf[p]) lbsTimesWait(m, [...m.amt.entries()].map(([r, n]) => [n, prodCoef(p, r)]), m.e, 1);
      for (const u of users) lbsTimesWait(u, [...u.amt.values()].map((q) => [q, consCoef(u.p)]), u.s, -1);
    }
  }

  // ---- per resource: changeover sequence, calendar blocks, NoOverlap ------------------
  const blocks = []; // solver-placed calendar blocks
  const resInfo = resources.map(() => ({ intervals: [], clockBlockIntervals: [], clockFixed: [] }));
  for (const slot of slots)
    for (const g of slot.groups) for (const [r, iv] of g.intervals) resInfo[r].intervals.push(iv);

  for (const res of resources) {
    const r = res.index;
    const wt = res.working;
    const info = resInfo[r];
    const lo = Math.max(0, t0);
    const fixedHere = inst.fixedBlocks.filter((x) => x.resource === r);
    const fixedIv = (a, e) => {
      const wa = wt.at(a);
      const we = wt.at(e);
      return b.fixedInterval(wa, we);
    };
    // outages (merged; they may overlap each other) and fixed blocks
    const outs = [];
    for (const o of res.calendar.outages) {
      const last = outs[outs.length - 1];
      if (last && o.start <= last.end) last.end = Math.max(last.end, o.end);
      else outs.push({ ...o });
    }
    for (const o of outs) {
      info.intervals.push(fixedIv(o.start, o.end));
      info.clockFixed.push([o.start, o.end]);
    }
    for (const fb of fixedHere) {
      info.intervals.push(fixedIv(fb.start, fb.end));
      info.clockFixed.push([fb.start, fb.end]);
    }
    const placeBlock = (kind, k, startLo, startHi, duration, presence) => {
      const name = `${res.id}_${kind}${k}`;
      const a = b.newInt(startLo, startHi, `${name}_start`);
      const e = b.newInt(startLo + duration, startHi + duration, `${name}_end`);
      b.eq([[e, 1], [a, -1]], duration);
      const wa = workingOf(b, wt, a, `${name}_a`);
      const we = workingOf(b, wt, e, `${name}_e`);
      const size = wt.has ? b.newInt(0, duration, `${name}_wsize`) : null;
      if (size !== null) b.eq([[size, 1], [we, -1], [wa, 1]], 0);
      const iv = b.interval(affine(wa), size === null ? affine(null, 0, duration) : affine(size), affine(we), presence);
      info.intervals.push(iv);
      const civ = b.interval(affine(a), affine(null, 0, duration), affine(e), presence);
      info.clockBlockIntervals.push(civ);
      const blk = { resource: r, kind, k, start: a, presence, duration };
      blocks.push(blk);
      return blk;
    };
    // maintenance chain (MODEL.md 3, 9.5; NOTES.md)
    const mc = res.calendar.maintenance;
    if (mc) {
      const fixedM = fixedHere.filter((x) => x.kind === 'maintenance').sort((x, y) => x.start - y.start);
      const due0 = fixedM.length ? fixedM[fixedM.length - 1].start + mc.every : mc.firstDue;
      if (due0 < H) {
        if (due0 < lo) throw new Refusal(`maintenance of ${res.id} is due at ${due0}, before frozen_until ${t0}: input error`);
        let K = Math.ceil((H - due0) / mc.every) + 1;
        K = Math.max(K, (opts.hintMaintenance && opts.hintMaintenance.get(r)) || 0);
        const chain = [];
        for (let k = 0; k < K; k++) {
          const pres = k === 0 ? b.trueLit() : b.newBool(`${res.id}_maint${k}_pres`);
          const hi = Math.min(H - mc.duration, k === 0 ? due0 : H);
          if (hi < lo) throw new Refusal(`maintenance of ${res.id} cannot be placed in [${lo}, ${H})`);
          chain.push(placeBlock('maintenance', k, lo, hi, mc.duration, k === 0 ? undefined : pres));
          chain[k].pres = pres;
        }
        for (let k = 0; k < K; k++) {
          const cur = chain[k];
          if (k > 0) {
            b.eq([[cur.start, 1]], lo, [not(cur.pres)]);
          }
          if (k + 1 < K) {
            const nx = chain[k + 1];
            b.implies(nx.pres, cur.pres);
            b.linear([[nx.start, 1], [cur.start, -1]], mc.duration, mc.every, [nx.pres]);
            // no next block: the next due must lie at or after the horizon
            b.linear([[cur.start, 1]], H - mc.every, Infinity, [cur.pres, not(nx.pres)]);
          } else {
            b.linear([[cur.start, 1]], H - mc.every, Infinity, [cur.pres]);
          }
        }
      }
    }
    // spare capacity: one block in each full period (MODEL.md 9.4)
    const sc = res.calendar.spare;
    if (sc) {
      const periods = Math.floor(H / sc.every);
      for (let k = 0; k < periods; k++) {
        const p0 = k * sc.every;
        const p1 = (k + 1) * sc.every;
        if (fixedHere.some((x) => x.kind === 'spare_capacity' && x.start >= p0 && x.start < p1)) continue;
        const slo = Math.max(p0, lo);
        const shi = p1 - sc.duration;
        if (slo > shi) throw new Refusal(`spare capacity of ${res.id} in [${p0}, ${p1}) cannot start at or after frozen_until ${t0}`);
        placeBlock('spare_capacity', k, slo, shi, sc.duration, undefined);
      }
    }
    // fixed rows starting inside a break occupy clock time before their working start
    for (const slot of slots) {
      if (!slot.fixed || slot.fixed.resource !== r || !wt.has) continue;
      const ws = wt.lastTimeWith(wt.at(slot.fixed.start));
      if (ws > slot.fixed.start) info.clockFixed.push([slot.fixed.start, ws]);
    }
    b.noOverlap(info.intervals);
    // Two clock blocks may both cover the same break hour while their working
    // images [W(a), W(b)) only touch: blocks among themselves (and against
    // outages, fixed blocks) must not overlap in clock time.
    if (wt.has && info.clockBlockIntervals.length) {
      b.noOverlap([...info.clockBlockIntervals, ...info.clockFixed.map(([a, e]) => b.fixedInterval(a, e))]);
    }
  }

  // ---- changeover matrices: successor literals and a circuit per resource --------------
  const arcsOut = new Map(); // slot -> [[lit, hours]]
  const maxArcs = opts.maxArcs ?? 400_000;
  let arcCount = 0;
  for (const res of resources) {
    if (!stageHasMatrix[res.stage]) continue;
    const r = res.index;
    const nodes = slots.filter((s) => s.pres.has(r));
    if (nodes.length === 0) continue;
    arcCount += nodes.length * nodes.length;
    if (arcCount > maxArcs) {
      throw new Refusal(`the changeover matrix needs successor literals per resource (a circuit); ${arcCount}+ arcs `
        + `exceed the limit of ${maxArcs} (--max-arcs); refusing rather than exhausting the wasm memory`);
    }
    const arcs = [];
    const lit = (name) => b.newBool(name);
    const empty = lit(`${res.id}_empty`);
    arcs.push([0, 0, empty]);
    nodes.forEach((s, i) => {
      const pres = s.pres.get(r);
      const first = lit(`${res.id}_first_${s.name}`);
      const last = lit(`${res.id}_last_${s.name}`);
      arcs.push([0, i + 1, first], [i + 1, 0, last], [i + 1, i + 1, not(pres)]);
      if (!arcsOut.has(s)) arcsOut.set(s, []);
      arcsOut.get(s).push([last, changeoverHours(inst, s.p, -1)]);
    });
    nodes.forEach((si, i) => {
      nodes.forEach((sj, j) => {
        if (i === j) return;
        // identical candidate rows of a product run in start order
        if (si.p === sj.p && !si.fixed && !sj.fixed && si.k > sj.k) return;
        if (si.fixed && sj.fixed && sj.fixed.start < si.fixed.start) return;
        const x = lit(`${res.id}_${si.name}>${sj.name}`);
        arcs.push([i + 1, j + 1, x]);
        arcsOut.get(si).push([x, changeoverHours(inst, si.p, sj.p)]);
        const gi = si.groupOf.get(r);
        const gj = sj.groupOf.get(r);
        b.linear([[gj.v, 1], [gi.u, -1]], 0, Infinity, [x]);
      });
    });
    b.circuit(arcs);
  }
  for (const slot of slots) {
    if (slot.changeVar === undefined) continue;
    const out = arcsOut.get(slot) || [];
    b.eq([[slot.changeVar, 1], ...out.map(([l, h]) => [l, -h])], 0);
  }

  // ---- objective (MODEL.md 7), scaled to integers -------------------------------------
  for (const slot of slots) {
    for (const [r, terms] of slot.work) {
      const dt = products[slot.p].options.get(r).downtime;
      for (const [v, c] of terms) comp.downtime.push([v, c * dt]);
    }
    for (const [v, c] of slot.changeTerms) comp.changeover.push([v, c]);
  }
  const weighted = [];
  for (const [v, c] of holdingTerms) weighted.push([v, c * W.holding]);
  // Unmet units carry their SKU's price already (per-SKU unmet_penalty).
  for (const [k, terms] of Object.entries(comp)) for (const [v, c] of terms) weighted.push([v, k === 'unmet' ? c : c * W[k]]);
  let { scale, exact } = decimalScale(weighted.map(([, c]) => c));
  if (!exact && holdingTerms.length) {
    const m = [...pasteScale.values()].reduce((a, x) => lcm(a, x), 1);
    if (m <= 1e6) ({ scale, exact } = decimalScale(weighted.map(([, c]) => c), m));
  }
  const objectiveTerms = weighted.map(([v, c]) => [v, Math.round(c * scale)]);

  return { b, eligibleKept: allowed.kept, slots, slotsOf, blocks, flows, maxRowsPerProduct: Math.max(0, ...slotsOf.map((l) => l.filter((x) => !x.fixed).length)), objectiveTerms, objectiveScale: scale, objectiveExact: exact, inexactPastes: inexact };
}
