#!/usr/bin/python3
"""A coupled downtime + changeover relaxation of the mixers with free rows
(issue 16; docs/bound.md, "Issue 16: a coupled downtime + changeover LP
for the mixers"). A measurement prototype,
not part of the build.

Per mixer m and paste p eligible on m (every paste, needed or not):
  B[p,m] >= 0  batches of p on m          y[p,m] in [0,1]  share of p's lbs made on m
  n[p,m] >= 0  rows of p on m             S[p,m], E[p,m]   first / last row of m is p
  f[p,q,m] >= 0  a row of p directly followed by a row of q on m (q may be p)
Rows:
  cover      sum_m y[p,m] >= 1                            (p with a need N_p)
  amount     bs_m B[p,m] - N_p y[p,m] >= 0
  cg         sum_m B[p,m] >= ceil(N_p / max_m bs_m)       (batches are whole)
  in / out   S[p,m] + sum_q f[q,p,m] = n[p,m] = E[p,m] + sum_q f[p,q,m]
  one start  sum_p S[p,m] <= 1
  used       sum_p S[p,m] >= y[p,m]                        (--used)
  row share  n[p,m] >= y[p,m]
  row batch  B[p,m] >= n[p,m]                              (unless --no-batch)
  row most   n[p,m] >= bs_m B[p,m] / most(p,m)             (--most)
  hours      sum_p bh B + sum c f + default sum_p E <= available_m   (--capacity)
Objective: w_d sum d(p,m) bh(p,m) B[p,m] + w_c (sum c(p,q) f[p,q,m] + default sum E).

  connectivity  S into U + arcs into U from outside >= y[p,m]   (--cuts=ROUNDS: separated
             on strong components; --mincut: also exactly, by maximum flows)
--hub: arcs only where the changeover is below the default, the rest through a
hub per mixer (a relaxation). --plan=FILE: map a plan into the LP and check every
row. --milp=SECONDS: the same rows with integer B, n, S, E, f.

Usage: coupled_flow_lp.py INSTANCE.yaml [--makepack=PATH] [--detail] [--no-batch]
           [--capacity] [--used] [--most] [--hub] [--cuts=N] [--mincut] [--plan=FILE] [--milp=S]
       (/usr/bin/python3 with python3-yaml and python3-scipy: scripts/setup.sh --for prototypes; the available
       hours and the current parts from `makepack bound --json`; hard demand, no fixed rows)
"""
import json
import math
import subprocess
import sys
import time

import numpy as np
import scipy.sparse as sp
import yaml
from scipy.optimize import linprog
from scipy.sparse.csgraph import connected_components, maximum_flow

path = sys.argv[1]
flags = set(sys.argv[2:])
makepack = next((a.split('=', 1)[1] for a in flags if a.startswith('--makepack=')), 'build/makepack')
inst = yaml.safe_load(open(path))
assert not inst.get('demand_soft'), 'hard demand only'
mixers = [m['id'] for m in inst['mixers']]
bs = {m['id']: m['batch_size'] for m in inst['mixers']}
pastes = {p['id']: p for p in inst['pastes']}
matrix = inst['changeover']['mixers']
default = matrix['default'] if isinstance(matrix, dict) else matrix
pairs = {(a, b): h for a, b, h in (matrix.get('pairs') or [])} if isinstance(matrix, dict) else {}
obj = inst['objective']
w_d, w_c = obj.get('downtime', 0), obj.get('changeover', 0)
report = json.loads(subprocess.run([makepack, 'bound', path, '--json'], capture_output=True, text=True).stdout)
available = {r['id']: r['available'] for r in report['resources']}

# Paste needs as model/bound/lower_bound.cpp computes them (no fixed rows here).
consumed = {p: 0.0 for p in pastes}
for s in inst['skus']:
    consumed[s['paste']] += s['demand'] / s['units_per_lb']
need = {}
for p, made in consumed.items():
    v = made - pastes[p].get('initial_stock', 0)
    need[p] = v if v > 1e-3 + 1e-6 * made else 0.0


def change(p, q):
    return pairs.get((p, q), default)


# cmin(p): the shortest changeover after a row of p (its matrix row and the default).
cmin = {p: min([default] + [h for (a, b), h in pairs.items() if a == p]) for p in pastes}

# variables
names = []
index = {}


def var(key):
    index[key] = len(names)
    names.append(key)
    return index[key]


cost = []
ub = []
arcs = {}
for m in mixers:
    on = [p for p in pastes if m in pastes[p]['batch_hours']]
    for p in on:
        bh, d = pastes[p]['batch_hours'][m], pastes[p]['downtime'][m]
        var(('B', p, m)); cost.append(w_d * d * bh); ub.append(None)
        var(('y', p, m)); cost.append(0); ub.append(1 if need[p] > 0 else 0)
        var(('n', p, m)); cost.append(0); ub.append(None)
        var(('S', p, m)); cost.append(0); ub.append(None)
        var(('E', p, m)); cost.append(w_c * default); ub.append(None)
    arcs[m] = []  # (variable, from, to, changeover hours); 'H' is the hub of --hub
    for p in on:
        for q in on:
            if '--hub' not in flags or change(p, q) < default:
                arcs[m].append((var(('f', p, q, m)), p, q, change(p, q)))
        if '--hub' in flags:
            arcs[m].append((var(('f', p, 'H', m)), p, 'H', default))
            arcs[m].append((var(('f', 'H', p, m)), 'H', p, 0))
    for i, _, _, h in arcs[m]:
        cost.append(w_c * h); ub.append(None)

rows_ub, rows_eq = [], []  # lists of (dict var->coef, rhs)


def le(coefs, rhs):
    rows_ub.append((coefs, rhs))


def ge(coefs, rhs):
    rows_ub.append(({k: -v for k, v in coefs.items()}, -rhs))


def eq(coefs, rhs):
    rows_eq.append((coefs, rhs))


for p in pastes:
    if need[p] <= 0:
        continue
    ms = [m for m in mixers if m in pastes[p]['batch_hours']]
    ge({index[('y', p, m)]: 1 for m in ms}, 1)
    ge({index[('B', p, m)]: 1 for m in ms}, math.ceil((need[p] - 1e-3 - 1e-6 * need[p]) / max(bs[m] for m in ms)))
    for m in ms:
        ge({index[('B', p, m)]: bs[m], index[('y', p, m)]: -need[p]}, 0)
for m in mixers:
    on = [p for p in pastes if m in pastes[p]['batch_hours']]
    for p in on:
        n = index[('n', p, m)]
        c_in = {index[('S', p, m)]: 1, n: -1}
        c_out = {index[('E', p, m)]: 1, n: -1}
        for i, a, b, _ in arcs[m]:
            if b == p:
                c_in[i] = c_in.get(i, 0) + 1
            if a == p:
                c_out[i] = c_out.get(i, 0) + 1
        eq(c_in, 0)
        eq(c_out, 0)
        ge({n: 1, index[('y', p, m)]: -1}, 0)
        if '--no-batch' not in flags:
            ge({index[('B', p, m)]: 1, n: -1}, 0)
        if '--used' in flags and need[p] > 0:
            c = {index[('S', q, m)]: 1 for q in on}
            c[index[('y', p, m)]] = c.get(index[('y', p, m)], 0) - 1
            ge(c, 0)
        if '--most' in flags:
            bh = pastes[p]['batch_hours'][m]
            most = math.floor((math.floor(available[m]) - cmin[p]) / bh) * bs[m]  # section 2's most(p,m)
            if most > 0:
                ge({n: 1, index[('B', p, m)]: -bs[m] / most}, 0)
    le({index[('S', p, m)]: 1 for p in on}, 1)
    if '--hub' in flags:  # the hub: in = out (a changeover at the default to any paste)
        c = {i: 1 for i, a, b, _ in arcs[m] if b == 'H'}
        c.update({i: -1 for i, a, b, _ in arcs[m] if a == 'H'})
        eq(c, 0)
    if '--capacity' in flags:
        c = {}
        for p in on:
            c[index[('B', p, m)]] = pastes[p]['batch_hours'][m]
            c[index[('E', p, m)]] = default
        for i, _, _, h in arcs[m]:
            c[i] = h
        le(c, available[m])


def matrix_of(rows):
    data, ri, ci, rhs = [], [], [], []
    for r, (coefs, b) in enumerate(rows):
        for k, v in coefs.items():
            ri.append(r); ci.append(k); data.append(v)
        rhs.append(b)
    return sp.csr_matrix((data, (ri, ci)), shape=(len(rows), len(names))), np.array(rhs, dtype=float)


A_eq, b_eq = matrix_of(rows_eq)
rounds = next((int(a.split('=', 1)[1]) for a in flags if a.startswith('--cuts=')), 0)
elapsed = 0
for round_ in range(rounds + 1):
    A_ub, b_ub = matrix_of(rows_ub)
    t = time.time()
    res = linprog(np.array(cost), A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq,
                  bounds=[(0, u) for u in ub], method='highs')
    elapsed += time.time() - t
    if round_ == rounds:
        break
    # Connectivity cuts: every row of a mixer lies on its one path from START,
    # so a set U of nodes of m that holds a row is entered at least once:
    # in(U) >= y[p,m] for p in U. Separated on the strong components of the
    # support of f.
    added = 0
    for m in mixers:
        on = [p for p in pastes if m in pastes[p]['batch_hours']]
        at = {p: i for i, p in enumerate(on)}
        ri, ci = [], []
        for i, a, b, _ in arcs[m]:
            if a in at and b in at and res.x[i] > 1e-9:
                ri.append(at[a]); ci.append(at[b])
        g = sp.csr_matrix((np.ones(len(ri)), (ri, ci)), shape=(len(on), len(on)))
        k, label = connected_components(g, directed=True, connection='strong')
        for c in range(k):
            U = [p for p in on if label[at[p]] == c]
            inside = set(U)
            entry = {index[('S', p, m)]: 1 for p in U}
            for i, a, b, _ in arcs[m]:
                if a not in inside and b in inside:
                    entry[i] = 1
            top = max(U, key=lambda p: res.x[index[('y', p, m)]])
            flow_in = sum(res.x[i] for i in entry)
            if res.x[index[('y', top, m)]] > flow_in + 1e-6:
                entry[index[('y', top, m)]] = -1
                ge(entry, 0)
                added += 1
        if '--mincut' in flags:  # also by a maximum flow from the start to each used node
            nodes = ['START'] + on + (['H'] if '--hub' in flags else [])
            at_n = {v: i for i, v in enumerate(nodes)}
            edges = {}
            for p in on:
                edges[(0, at_n[p])] = res.x[index[('S', p, m)]]
            for i, a, b, _ in arcs[m]:
                if a != b:
                    edges[(at_n[a], at_n[b])] = edges.get((at_n[a], at_n[b]), 0) + res.x[i]
            keys = [e for e, v in edges.items() if v > 1e-9]
            cap = sp.csr_matrix((np.array([int(edges[e] * 1e6) for e in keys], dtype=np.int32),
                                 ([e[0] for e in keys], [e[1] for e in keys])), shape=(len(nodes), len(nodes)))
            done = set()
            for p in on:
                yv = res.x[index[('y', p, m)]]
                if yv < 1e-6 or p in done:
                    continue
                flow = maximum_flow(cap, 0, at_n[p])
                if flow.flow_value >= (yv - 1e-6) * 1e6:
                    continue
                fl = flow.flow.tocoo() if hasattr(flow, 'flow') else flow.residual.tocoo()
                used_ = {}
                for a, b, v in zip(fl.row, fl.col, fl.data):
                    used_[(a, b)] = v
                seen, stack = {0}, [0]
                while stack:  # reachable from START in the residual graph
                    a = stack.pop()
                    for (u, v) in keys:
                        if u == a and v not in seen and int(edges[(u, v)] * 1e6) - used_.get((u, v), 0) > 0:
                            seen.add(v); stack.append(v)
                        if v == a and u not in seen and used_.get((u, v), 0) > 0:
                            seen.add(u); stack.append(u)
                inside = {nodes[i] for i in range(len(nodes)) if i not in seen}
                entry = {index[('S', q, m)]: 1 for q in inside if q != 'H'}
                for i, a, b, _ in arcs[m]:
                    if a not in inside and b in inside:
                        entry[i] = 1
                if yv > sum(res.x[i] for i in entry) + 1e-6:
                    entry[index[('y', p, m)]] = entry.get(index[('y', p, m)], 0) - 1
                    ge(entry, 0)
                    added += 1
                    done |= inside
    print(f'  round {round_}: LP {res.fun:.2f}, {added} cuts added')
    if not added:
        break
# --milp=SECONDS: the same rows (cuts included) with B, n, S, E, f integer, as
# they are in every plan; HiGHS's dual bound after SECONDS is still a bound.
milp_seconds = next((float(a.split('=', 1)[1]) for a in flags if a.startswith('--milp=')), None)
if milp_seconds:
    from scipy.optimize import Bounds, LinearConstraint, milp
    A_ub, b_ub = matrix_of(rows_ub)
    t = time.time()
    r = milp(np.array(cost), integrality=np.array([0 if k[0] == 'y' else 1 for k in names]),
             bounds=Bounds(np.zeros(len(names)), np.array([np.inf if u is None else u for u in ub])),
             constraints=[LinearConstraint(A_ub, -np.inf, b_ub), LinearConstraint(A_eq, b_eq, b_eq)],
             options={'time_limit': milp_seconds})
    print(f'  integer B, n, S, E, f: status {r.status} ({r.message}); best {r.fun}; '
          f'dual bound {getattr(r, "mip_dual_bound", None)}; {time.time() - t:.0f} s')
mix = report['stages']['mixers']
current = max(v for v in mix.values() if v is not None)
print(f'{inst["name"]} {sorted(flags)}: {len(names)} variables, {len(rows_ub) + len(rows_eq)} rows; '
      f'{res.status} {res.message}; LP {res.fun:.2f} in {elapsed:.1f} s; '
      f'mixers part now {current:.2f} ({mix}); gain {res.fun - current:+.2f}')
if '--detail' in flags:
    x = res.x
    down = sum(cost[i] * x[i] for i, k in enumerate(names) if k[0] == 'B')
    chg = sum(cost[i] * x[i] for i, k in enumerate(names) if k[0] in 'fE')
    rows = sum(x[i] for i, k in enumerate(names) if k[0] == 'n')
    ends = sum(x[i] for i, k in enumerate(names) if k[0] == 'E')
    print(f'  downtime {down:.2f}, changeover {chg:.2f}, rows {rows:.2f}, ends {ends:.2f}')

# --plan=FILE: map a plan's mixer rows into the LP (B, n, S, E, f as counted,
# y = the mixer's share of the lbs made) and check every row, cuts included.
plan_path = next((a.split('=', 1)[1] for a in flags if a.startswith('--plan=')), None)
if plan_path:
    plan = yaml.safe_load(open(plan_path))
    x = np.zeros(len(names))
    made = {p: 0.0 for p in pastes}
    for m in mixers:
        rows = sorted((r for r in plan['rows'] if r['resource'] == m), key=lambda r: r['start'])
        for i, r in enumerate(rows):
            p = r['product']
            x[index[('B', p, m)]] += r['batches']
            x[index[('n', p, m)]] += 1
            made[p] += r['batches'] * bs[m]
            if i == 0:
                x[index[('S', p, m)]] += 1
            if i + 1 < len(rows):
                q = rows[i + 1]['product']
                if ('f', p, q, m) in index:
                    x[index[('f', p, q, m)]] += 1
                else:
                    x[index[('f', p, 'H', m)]] += 1
                    x[index[('f', 'H', q, m)]] += 1
            else:
                x[index[('E', p, m)]] += 1
    for (kind, *key), i in index.items():
        if kind == 'y' and need[key[0]] > 0:
            x[i] = x[index[('B', *key)]] * bs[key[1]] / made[key[0]]
    A_ub, b_ub = matrix_of(rows_ub)
    worst_ub = float(np.max(A_ub @ x - b_ub))
    worst_eq = float(np.max(np.abs(A_eq @ x - b_eq)))
    worst_bound = max(0.0, max(x[i] - u for i, u in enumerate(ub) if u is not None))
    print(f'plan {plan_path}: mixer cost {float(np.array(cost) @ x):.2f} >= LP {res.fun:.2f}; '
          f'largest violation: <= rows {worst_ub:.2e}, = rows {worst_eq:.2e}, bounds {worst_bound:.2e}')
