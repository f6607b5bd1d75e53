#!/usr/bin/env python3
"""Where the mixers' changeover gap of a plan comes from (issue 16; docs/bound.md,
"Issue 16, third round"). A measurement prototype, not part of the build.

For the mixer rows of a plan (their pastes and batches fixed), prints:
  - the plan's mixer downtime and changeover;
  - the "trivial" relaxation: every row's cheapest downtime (over its
    mixers) plus its cheapest changeover to any other row or the end;
  - a coupled assignment relaxation (min-cost flow): every row has one
    successor (another row or its mixer's end) and, unless it is a mixer's
    first row, one predecessor, at most one first and one last row per mixer;
    an arc i -> j on mixer m costs half of i's downtime on m + the changeover
    + half of j's downtime on m (both rows on m); an end costs half the row's
    cheapest downtime + the default changeover, a start half its cheapest
    downtime. Every plan with these rows costs at least this (each row's
    downtime is split between its in- and out-arc, on the mixer both use);
  - greedy path covers by cheap changeover arcs when each row may only use
    mixers within +delta of its cheapest downtime: how much changeover the
    downtime-cheapest mixers force, before any timing.

Usage: mixer_coupling.py INSTANCE.yaml PLAN.yaml   (python3-yaml, python3-networkx: scripts/setup.sh --for prototypes)
"""
import sys

import networkx as nx
import yaml

inst = yaml.safe_load(open(sys.argv[1]))
plan = yaml.safe_load(open(sys.argv[2]))
mixers = {m['id'] for m in inst['mixers']}
pastes = {p['id']: p for p in inst['pastes']}
matrix = inst['changeover']['mixers']
default = matrix['default'] if isinstance(matrix, dict) else matrix
pairs = {(a, b): h for a, b, h in (matrix.get('pairs') or [])} if isinstance(matrix, dict) else {}
w_down = inst['objective'].get('downtime', 1)
w_change = inst['objective'].get('changeover', 1)


def changeover(a, b):
    return pairs.get((a, b), default)


rows = sorted((r for r in plan['rows'] if r['resource'] in mixers), key=lambda r: (r['resource'], r['start']))
n = len(rows)
P = [r['product'] for r in rows]
E = [set(pastes[p]['batch_hours']) for p in P]


def downtime(i, m):
    p = pastes[P[i]]
    return w_down * rows[i]['batches'] * p['batch_hours'][m] * p['downtime'][m]


cheapest = [min(downtime(i, m) for m in E[i]) for i in range(n)]
plan_down = sum(downtime(i, rows[i]['resource']) for i in range(n))
plan_change = sum(changeover(P[i], P[i + 1]) if i + 1 < n and rows[i + 1]['resource'] == rows[i]['resource'] else default
                  for i in range(n))
trivial = sum(cheapest) + w_change * sum(
    min([default] + [changeover(P[i], P[j]) for j in range(n) if P[j] != P[i]]) for i in range(n))
print(f'mixer rows {n}: plan downtime {plan_down:.2f} changeover {plan_change} h, '
      f'cost {plan_down + w_change * plan_change:.2f}')

S = 100  # integer costs for the network simplex
G = nx.DiGraph()
for i in range(n):
    G.add_node(('out', i), demand=-1)
    G.add_node(('in', i), demand=1)
for i in range(n):
    for j in range(n):
        shared = E[i] & E[j]
        if i != j and shared:
            cost = min(0.5 * downtime(i, m) + w_change * changeover(P[i], P[j]) + 0.5 * downtime(j, m) for m in shared)
            G.add_edge(('out', i), ('in', j), weight=round(cost * S), capacity=1)
    G.add_edge(('out', i), 'end', weight=round((0.5 * cheapest[i] + w_change * default) * S), capacity=1)
    G.add_edge('start', ('in', i), weight=round(0.5 * cheapest[i] * S), capacity=1)
G.add_edge('end', 'start', weight=0, capacity=len(mixers))  # one last and one first row per mixer at most
coupled = nx.min_cost_flow_cost(G) / S
print(f'relaxations of these rows: trivial {trivial:.2f}, coupled assignment {coupled:.2f}')

arcs = sorted((changeover(P[i], P[j]), i, j) for i in range(n) for j in range(n) if i != j and changeover(P[i], P[j]) < default)
for delta in (0, 2, 5, 10, 20, float('inf')):
    allowed = [{m for m in E[i] if downtime(i, m) <= cheapest[i] + delta} for i in range(n)]
    nxt, prv, head = [-1] * n, [-1] * n, list(range(n))
    tail, usable = list(range(n)), list(allowed)

    def root(i):
        while head[i] != i:
            i = head[i]
        return i

    for _, i, j in arcs:
        if nxt[i] != -1 or prv[j] != -1:
            continue
        a, b = root(i), root(j)
        if a == b or tail[a] != i or not (usable[a] & usable[b]):
            continue
        nxt[i], prv[j], head[b] = j, i, a
        usable[a], tail[a] = usable[a] & usable[b], tail[b]
    cover = sum(changeover(P[i], P[nxt[i]]) if nxt[i] != -1 else default for i in range(n))
    print(f'greedy cover, mixers within +{delta} of the cheapest downtime: changeover {cover} h, '
          f'{sum(1 for i in range(n) if prv[i] == -1)} chains')
