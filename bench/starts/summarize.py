#!/usr/bin/env python3
"""Summary of a bench/starts/run.sh CSV: per --start, how often the start plan
packs all hard demand (exit 0), its mean time, and how often the search from
it ends feasible; then one line per instance with the start and final
objectives side by side (shortfall in units when the start is short)."""
import csv
import sys
from collections import defaultdict

rows = list(csv.DictReader(open(sys.argv[1])))
starts = ["backward", "rules", "portfolio"]
by_start = defaultdict(list)
for r in rows:
    by_start[r["start"]].append(r)
print("| start | start plan feasible | mean start s | max start s | final feasible | best final (ties count for each) |")
print("|---|---|---|---|---|---|")
best = defaultdict(int)
instances = sorted({r["instance"] for r in rows}, key=lambda n: [r["instance"] for r in rows].index(n))
for name in instances:
    finals = {r["start"]: float(r["final_objective"]) for r in rows
              if r["instance"] == name and r["final_exit"] == "0" and r["final_objective"]}
    if finals:
        low = min(finals.values())
        for s, v in finals.items():
            if v <= low + 1e-6:
                best[s] += 1
for s in starts:
    rs = by_start[s]
    times = [float(r["start_seconds"]) for r in rs if r["start_seconds"]]
    ok = sum(r["start_exit"] == "0" for r in rs)
    fin = sum(r["final_exit"] == "0" for r in rs)
    mean = sum(times) / len(times) if times else float("nan")
    print(f"| {s} | {ok}/{len(rs)} | {mean:.3f} | {max(times) if times else float('nan'):.3f} | {fin}/{len(rs)} | {best[s]} |")
print()
print("| instance | " + " | ".join(f"{s} start" for s in starts) + " | " + " | ".join(f"{s} final" for s in starts) + " |")
print("|---|" + "---|" * 6)
for name in instances:
    cells = {r["start"]: r for r in rows if r["instance"] == name}
    def start_cell(r):
        if not r or not r["start_objective"]:
            return "none"
        text = r["start_objective"]
        if r["start_shortfall"]:
            text += f" (short {int(float(r['start_shortfall']))})"
        return text
    def final_cell(r):
        if not r or r["final_exit"] != "0":
            return f"exit {r['final_exit']}" if r else "-"
        return r["final_objective"]
    print(f"| {name} | " + " | ".join(start_cell(cells.get(s)) for s in starts) + " | " +
          " | ".join(final_cell(cells.get(s)) for s in starts) + " |")
