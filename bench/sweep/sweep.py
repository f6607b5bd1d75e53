#!/usr/bin/env python3
"""Adversarial end-to-end sweep (issue 12): generated plants plus hand-made
variants that reach every optional field of MODEL.md and extreme values; each
goes through solve, verify, bound, report, review, --allow-unmet, --partial
and the dispatch witness, and every contradiction with docs/cli.md is flagged.

usage: bench/sweep/sweep.py OUTDIR [--n N] [--seed S] [--combos K] [--bin DIR]  (README.md)
Writes OUTDIR/<case>.yaml, plans and logs, and OUTDIR/findings.txt.
"""
import argparse
import copy
import os
import random
import re
import subprocess
import sys
import time

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def run(cmd, timeout=120):
    t = time.time()
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        return p.returncode, p.stdout, p.stderr, time.time() - t
    except subprocess.TimeoutExpired:
        return "timeout", "", "", time.time() - t


def objective_of(text):
    m = re.search(r"^Objective \(minimise\): total ([0-9.e+-]+)", text, re.M)
    return float(m.group(1)) if m else None


class Sweep:
    def __init__(self, out, binary, dispatch):
        self.out = out
        self.mp = binary
        self.dispatch = dispatch
        self.findings = []
        self.ran = 0

    def flag(self, case, what):
        line = f"{case}: {what}"
        print("FINDING", line, flush=True)
        self.findings.append(line)

    def write(self, name, inst):
        path = os.path.join(self.out, name + ".yaml")
        inst["name"] = name  # distinct names: batch writes <name>.schedule.yaml
        with open(path, "w") as f:
            yaml.safe_dump(inst, f, sort_keys=False, default_flow_style=None, width=10**6)
        return path

    def check_case(self, name, path, soft=False, tl=1):
        self.ran += 1
        plan = os.path.join(self.out, name + ".plan.yaml")
        partial = os.path.join(self.out, name + ".partial.yaml")
        for f in (plan, partial):
            if os.path.exists(f):
                os.remove(f)
        rc, so, se, secs = run([self.mp, "solve", path, "-o", plan, "--time-limit", str(tl), "--threads", "2",
                                "--partial", partial, "-q"], timeout=60 + 10 * tl)
        with open(os.path.join(self.out, name + ".solve.err"), "w") as f:
            f.write(se)
        if rc == "timeout":
            self.flag(name, "solve did not end within 60 s of --time-limit")
            return
        if secs > tl + 5:
            self.flag(name, f"solve took {secs:.1f} s with --time-limit {tl}")
        if rc not in (0, 2, 3):
            self.flag(name, f"solve exit {rc}: {se.strip()[-400:]}")
            return
        if rc == 2:
            if not re.search(r":\d+:\d+: ", se) and "makepack:" not in se:
                self.flag(name, f"exit 2 without file:line:col: {se.strip()[:300]}")
            if os.path.exists(plan):
                self.flag(name, "exit 2 but a plan was written")
            print(f"{name}: input refused: {se.strip()[:200]}", flush=True)
            return
        obj = None
        if rc == 0:
            vrc, vo, ve, _ = run([self.mp, "verify", path, plan])
            if vrc != 0:
                self.flag(name, f"solve exit 0 but verify exit {vrc}: {(vo + ve)[:400]}")
            obj = objective_of(vo)
            # bound must not exceed a verified objective
            brc, bo, be, _ = run([self.mp, "bound", path, "--json", "--time-limit", "5"])
            m = re.search(r'"bound"\s*:\s*([0-9.e+-]+)', bo)
            if brc == 0 and m and obj is not None and float(m.group(1)) > obj + 1e-6 * max(1, abs(obj)):
                self.flag(name, f"bound {m.group(1)} above verified objective {obj}")
            if brc not in (0,):
                self.flag(name, f"bound exit {brc} on a plannable instance: {(bo + be)[:300]}")
            rrc, ro, re_, _ = run([self.mp, "report", path, plan, "--gantt", os.path.join(self.out, name + ".html"),
                                   "--csv", os.path.join(self.out, name + ".csv")])
            if rrc != 0:
                self.flag(name, f"report exit {rrc}: {(ro + re_)[-300:]}")
            self.review(name, path, plan)
        elif rc == 3:
            if soft and "(proof:" not in se:  # a proof (calendar, fixed rows) holds for soft demand too
                self.flag(name, f"soft instance exit 3: {se.strip()[:300]}")
            if os.path.exists(plan):
                self.flag(name, "exit 3 but a plan was written")
            if os.path.exists(partial):
                vrc, vo, ve, _ = run([self.mp, "verify", path, partial, "--allow-unmet", "0"])
                if vrc != 0:
                    self.flag(name, f"partial plan rejected by verify --allow-unmet 0: {(vo + ve)[:300]}")
            # is there a witness?
            dplan = os.path.join(self.out, name + ".dispatch.yaml")
            drc, do, de, _ = run([self.dispatch, path, "-o", dplan])
            if drc == 0:
                vrc, _, _, _ = run([self.mp, "verify", path, dplan])
                if vrc == 0:
                    self.flag(name, "solve exit 3 but the dispatch rule has a verified plan: " +
                              se.strip().splitlines()[0][:200] if se.strip() else "")
        # what can we make?
        au = os.path.join(self.out, name + ".au.yaml")
        arc, ao, ae, asecs = run([self.mp, "solve", path, "-o", au, "--time-limit", str(tl), "--threads", "2", "-q",
                                  "--allow-unmet", "0.5"], timeout=60 + 10 * tl)
        if arc == 3 and "(proof:" in ae:
            print(f"{name}: --allow-unmet exit 3 with a proof: {ae.strip()[:200]}", flush=True)
        elif arc != 0:
            self.flag(name, f"--allow-unmet solve exit {arc}: {ae.strip()[:300]}")
        else:
            vrc, vo, ve, _ = run([self.mp, "verify", path, au, "--allow-unmet", "0.5"])
            if vrc != 0:
                self.flag(name, f"--allow-unmet plan rejected by verify --allow-unmet 0.5: {(vo + ve)[:300]}")
        if asecs > tl + 5:
            self.flag(name, f"--allow-unmet solve took {asecs:.1f} s")
        print(f"{name}: solve {rc} ({secs:.1f}s) obj {obj}; allow-unmet {arc}", flush=True)

    def review(self, name, path, plan):
        inst = yaml.safe_load(open(path))
        if "frozen_until" in inst or "fixed" in inst:
            return  # review takes the plain data of a horizon (docs/review.md); its own instance is not one
        h = inst["horizon"]
        odd = random.Random(name).randint(1, max(1, h - 1))  # an odd freeze time (inside a row or block, mostly)
        for t in (0, h // 3, odd, h):
            out = os.path.join(self.out, f"{name}.review{t}.yaml")
            rc, so, se, secs = run([self.mp, "review", path, "--previous", plan, "--freeze-until", str(t), "-o", out,
                                    "--time-limit", "1", "--threads", "2", "-q",
                                    "--write-instance", os.path.join(self.out, f"{name}.reviewinst{t}.yaml")])
            if rc not in (0,):
                self.flag(name, f"review --freeze-until {t} of a feasible plan: exit {rc}: {se.strip()[:300]}")
                continue
            vrc, vo, ve, _ = run([self.mp, "verify", path, out])
            if vrc != 0:
                self.flag(name, f"review {t} plan rejected by verify: {(vo + ve)[:300]}")
            # the self-contained instance must be solvable and its plan verify
            wi = os.path.join(self.out, f"{name}.reviewinst{t}.yaml")
            out2 = os.path.join(self.out, f"{name}.reviewinst{t}.plan.yaml")
            rc2, _, se2, _ = run([self.mp, "solve", wi, "-o", out2, "--time-limit", "1", "--threads", "2", "-q"])
            if rc2 == 0:
                vrc, vo, ve, _ = run([self.mp, "verify", wi, out2])
                if vrc != 0:
                    self.flag(name, f"solve of review instance {t}: verify rejects: {(vo + ve)[:300]}")
            elif rc2 != 3:
                self.flag(name, f"solve of written review instance {t}: exit {rc2}: {se2.strip()[:300]}")
            else:
                # its previous plan (review output) is a feasible plan of it
                vrc, vo, ve, _ = run([self.mp, "verify", wi, out])
                if vrc == 0:
                    self.flag(name, f"solve of review instance {t} exit 3 though the review plan verifies: {se2.strip()[:200]}")


def generate(mp, out, name, args):
    path = os.path.join(out, name + ".yaml")
    rc, so, se, _ = run([mp, "generate", *args, "-o", path, "-q"])
    return path if rc == 0 else None


# ---- variants: each takes a loaded instance dict and an rng, returns (name suffix, instance, soft?) ----

def v_time_unit(inst, rng):
    inst["time_unit"] = rng.choice(["minute", "day"])
    return inst


def v_initial_stock(inst, rng):
    for p in inst["pastes"]:
        if rng.random() < 0.5:
            p["initial_stock"] = rng.choice([1, 500, 20000, 123456.5, 1e7])
    return inst


def v_soft_prices(inst, rng):
    inst["demand_soft"] = True
    inst["unmet_penalty"] = rng.choice([0, 0.01, 1, 1e6])
    for s in inst["skus"]:
        r = rng.random()
        if r < 0.3:
            s["unmet_penalty"] = rng.choice([0, 0.5, 100, 1e9])
        if rng.random() < 0.3:
            s["min_fill"] = rng.choice([0, 0.1, 0.5, 1])
    return inst


def v_zero_demand(inst, rng):
    for s in inst["skus"]:
        if rng.random() < 0.5:
            s["demand"] = 0
    return inst


def v_all_zero_demand(inst, rng):
    for s in inst["skus"]:
        s["demand"] = 0
    return inst


def v_due_hard(inst, rng):
    h = inst["horizon"]
    for s in inst["skus"]:
        s["due"] = rng.randint(h // 3, h)
        s["due_hard"] = rng.random() < 0.5
    return inst


def v_max_hold(inst, rng):
    for p in inst["pastes"]:
        p["max_hold"] = rng.choice([0, 1, 6, 24, 1000000])
    return inst


def v_tiny_storage(inst, rng):
    nl = len(inst["lines"])
    inst["storage"] = {"totes": nl + rng.choice([0, 1, 5, 40]), "tote_capacity": rng.choice([2000, 20000, 1e9]),
                       "static_totes_per_running_line": rng.choice([0, 1, 2])}
    return inst


def v_big_outages(inst, rng):
    h = inst["horizon"]
    cal = inst.setdefault("calendar", {})
    outs = cal.setdefault("outages", []) or []
    for r in inst["mixers"] + inst["lines"]:
        if rng.random() < 0.4:
            a = rng.randint(0, h // 10)
            b = min(h, a + int(h * rng.choice([0.5, 0.8, 0.95])))
            outs.append({"resource": r["id"], "start": a, "end": b, "reason": "breakdown"})
    cal["outages"] = outs
    return inst


def v_calendar_overrides(inst, rng):
    cal = inst.setdefault("calendar", {})
    m = inst["mixers"][0]["id"]
    l = inst["lines"][-1]["id"]
    cal[m] = {"maintenance": {"every": rng.choice([48, 100, 336]), "duration": rng.choice([1, 8, 20]),
                              "since_last": rng.choice([0, 40])}, "spare_capacity": None}
    cal[l] = {"shift_break": {"every": rng.choice([8, 12, 24]), "duration": rng.choice([1, 3]),
                              "offset": rng.choice([-5, 0, 7])}}
    return inst


def v_no_calendar(inst, rng):
    inst.pop("calendar", None)
    return inst


def v_sku_rates(inst, rng):
    for s in inst["skus"]:
        lines = list((s.get("downtime") or {}).keys()) or [l["id"] for l in inst["lines"]]
        if rng.random() < 0.5:
            s["rate"] = {lines[0]: rng.choice([1, 7, 100000, 0.5])}
    return inst


def v_matrix_missing(inst, rng):
    pastes = [p["id"] for p in inst["pastes"]]
    skus = [s["id"] for s in inst["skus"]]
    pairs = [[a, b, rng.choice([0, 1, 30])] for a in pastes for b in pastes if rng.random() < 0.2]
    lpairs = [[a, b, rng.choice([0, 2, 50])] for a in skus for b in skus if rng.random() < 0.05]
    inst["changeover"] = {"mixers": {"default": rng.choice([0, 3, 6])} | ({"pairs": pairs} if pairs else {}),
                          "lines": {"default": rng.choice([0, 6])} | ({"pairs": lpairs} if lpairs else {})}
    return inst


def v_objective_weights(inst, rng):
    inst["objective"] = {"downtime": rng.choice([0, 1]), "changeover": rng.choice([0, 1, 5]),
                         "lateness": rng.choice([0, 1]), "holding": rng.choice([0, 1e-6]),
                         "overproduction": rng.choice([0, 0.01])}
    for s in inst["skus"]:
        s.setdefault("due", inst["horizon"] // 2)
    return inst


def v_huge_quantities(inst, rng):
    f = rng.choice([1e3, 1e5])
    for m in inst["mixers"]:
        m["batch_size"] = m["batch_size"] * f
    for l in inst["lines"]:
        l["rate"] = l["rate"] * f
    for s in inst["skus"]:
        s["demand"] = int(s["demand"] * f)
    return inst


def v_tiny_amounts(inst, rng):
    for m in inst["mixers"]:
        m["batch_size"] = rng.choice([1, 0.5, 3])
    for l in inst["lines"]:
        l["rate"] = rng.choice([1, 2, 0.25])
    for s in inst["skus"]:
        s["demand"] = rng.choice([0, 1, 2, 7])
    return inst


def v_long_horizon(inst, rng):
    inst["horizon"] = inst["horizon"] * rng.choice([10, 50])
    return inst


def v_tiny_horizon(inst, rng):
    inst["horizon"] = rng.choice([1, 2, 5, 13, 24])
    inst.pop("calendar", None)
    for s in inst["skus"]:
        s["demand"] = rng.choice([0, 1, 100])
        s.pop("due", None)
    return inst


def v_one_resource(inst, rng):
    inst["mixers"] = inst["mixers"][:1]
    inst["lines"] = inst["lines"][:1]
    m, l = inst["mixers"][0]["id"], inst["lines"][0]["id"]
    for p in inst["pastes"]:
        p["batch_hours"] = {m: list(p["batch_hours"].values())[0]}
        p["downtime"] = {m: list(p["downtime"].values())[0]}
    for s in inst["skus"]:
        s["downtime"] = {l: 0.2}
        s.pop("rate", None)
        s["demand"] = max(0, s["demand"] // 20)
        s.pop("due", None)
    cal = inst.get("calendar") or {}
    cal["outages"] = [o for o in (cal.get("outages") or []) if o["resource"] in (m, l)]
    for k in list(cal):
        if k not in ("mixers", "lines", "outages", m, l):
            cal.pop(k)
    if "changeover" in inst:
        inst["changeover"] = {"mixers": 6, "lines": 6}
    inst.pop("storage", None)
    return inst


def v_initial_stock_hold(inst, rng):
    # initial stock ages from 0 (MODEL.md 9.7): with a short max_hold most of it is scrapped
    for p in inst["pastes"]:
        p["initial_stock"] = rng.choice([1000, 20000, 300000])
        p["max_hold"] = rng.choice([0, 5, 24, 200])
    return inst


def v_min_fill_storage(inst, rng):
    inst["demand_soft"] = True
    inst["unmet_penalty"] = rng.choice([1, 100])
    for s in inst["skus"]:
        if rng.random() < 0.6:
            s["min_fill"] = rng.choice([0.3, 0.9, 1])
    nl = len(inst["lines"])
    inst["storage"] = {"totes": nl + rng.choice([2, 10, 60]), "tote_capacity": rng.choice([2000, 5000]),
                       "static_totes_per_running_line": rng.choice([1, 2])}
    return inst


def v_minute_long(inst, rng):
    # minutes: every time field x60 (a plant with a shift break of 60 units and a horizon of 10^4-10^5)
    inst["time_unit"] = "minute"
    f = 60
    inst["horizon"] *= f
    for p in inst["pastes"]:
        p["batch_hours"] = {k: v * f for k, v in p["batch_hours"].items()}
        if "max_hold" in p:
            p["max_hold"] *= f
    for l in inst["lines"]:
        l["rate"] = l["rate"] / f
    for s in inst["skus"]:
        if "rate" in s:
            s["rate"] = {k: v / f for k, v in s["rate"].items()}
        if "due" in s:
            s["due"] *= f

    def scale(node):
        if isinstance(node, dict):
            for k in list(node):
                if k in ("every", "duration", "offset", "since_last", "start", "end", "default") and \
                        isinstance(node[k], (int, float)):
                    node[k] = node[k] * f
                else:
                    scale(node[k])
        elif isinstance(node, list):
            for x in node:
                scale(x)
    scale(inst.get("calendar") or {})
    co = inst.get("changeover") or {}
    for stage in ("mixers", "lines"):
        v = co.get(stage)
        if isinstance(v, (int, float)):
            co[stage] = v * f
        elif isinstance(v, dict):
            v["default"] = v.get("default", 0) * f
            for pair in v.get("pairs") or []:
                pair[2] *= f
    return inst


def v_due_hard_lateness(inst, rng):
    h = inst["horizon"]
    inst["due_hard"] = True
    inst.setdefault("objective", {})["lateness"] = rng.choice([1, 10])
    for s in inst["skus"]:
        s["due"] = rng.randint(h // 2, h)
        if rng.random() < 0.3:
            s["due_hard"] = False
    return inst


def v_one_mixer_paste(inst, rng):
    # eligibility lists that leave each paste one mixer (and some SKUs one line)
    for p in inst["pastes"]:
        m = rng.choice(list(p["batch_hours"]))
        p["batch_hours"] = {m: p["batch_hours"][m]}
        p["downtime"] = {m: (p.get("downtime") or {}).get(m, 0.1)}
    for s in inst["skus"]:
        if rng.random() < 0.5 and s.get("downtime"):
            l = rng.choice(list(s["downtime"]))
            s["downtime"] = {l: s["downtime"][l]}
            if "rate" in s:
                s["rate"] = {k: v for k, v in s["rate"].items() if k == l}
                if not s["rate"]:
                    s.pop("rate")
    return inst


def v_frozen_only(inst, rng):
    # frozen_until without fixed rows: nothing may start before it (MODEL.md 6)
    h = inst["horizon"]
    inst["frozen_until"] = rng.choice([1, 7, h // 4 + 3, h // 2 - 1])
    return inst


def v_fixed_rows(inst, rng):
    # filled in later from a plan (needs solve); marker only
    inst["_fixed"] = True
    return inst


VARIANTS = [v_time_unit, v_initial_stock, v_soft_prices, v_zero_demand, v_all_zero_demand, v_due_hard, v_max_hold,
            v_tiny_storage, v_big_outages, v_calendar_overrides, v_no_calendar, v_sku_rates, v_matrix_missing,
            v_objective_weights, v_huge_quantities, v_tiny_amounts, v_long_horizon, v_tiny_horizon, v_one_resource,
            v_initial_stock_hold, v_min_fill_storage, v_minute_long, v_due_hard_lateness, v_one_mixer_paste,
            v_frozen_only]


def soft_demand(inst):
    """whether every unit of the instance may stay unmet (min_fill makes a share of a soft SKU's
    demand hard: exit 3 may be right then)"""
    return bool(inst.get("demand_soft")) and not any(s.get("min_fill") for s in inst["skus"])


def finish(sw, out, pattern):
    """the batch check over the folder's cases, then findings.txt and the count"""
    batch_check(sw, out, pattern)
    with open(os.path.join(out, "findings.txt"), "w") as f:
        f.write("\n".join(sw.findings) + "\n")
    print(f"ran {sw.ran} cases, {len(sw.findings)} findings")


def batch_check(sw, out, pattern):
    """batch over the folder's cases (file names matching pattern): every row has a status, no crash,
    every written schedule verifies."""
    cases = sorted(os.path.join(out, f) for f in os.listdir(out) if re.match(pattern, f))
    bdir = os.path.join(out, "batch")
    rc, so, se, secs = run([sw.mp, "batch", *cases, "--time-limit", "1", "--out", bdir, "--threads", "2", "--quiet"],
                           timeout=60 + 20 * len(cases))
    summary = os.path.join(bdir, "summary.csv")
    if rc == "timeout" or not os.path.exists(summary):
        sw.flag("batch", f"exit {rc}, no summary.csv: {se[-300:]}")
        return
    import csv
    for row in csv.DictReader(open(summary)):
        if row["status"] == "error":
            sw.flag("batch " + row["instance"], "status error: " + row["message"][:200])
        src = os.path.join(out, row["instance"] + ".yaml")
        for kind, extra in (("schedule", []), ("partial", ["--allow-unmet", "0"])):
            plan = os.path.join(bdir, f"{row['instance']}.{kind}.yaml")
            if os.path.exists(plan) and run([sw.mp, "verify", src, plan, *extra])[0] != 0:
                sw.flag("batch " + row["instance"], f"written {kind} rejected by verify {' '.join(extra)}")
    print(f"batch: exit {rc}, {secs:.0f} s", flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bin", default=os.path.join(ROOT, "build"))
    ap.add_argument("--combos", type=int, default=2, help="variants applied per case")
    ap.add_argument("--variants", default="", help="comma-separated variant names to draw from (default: all)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    sw = Sweep(args.out, os.path.join(args.bin, "makepack"), os.path.join(args.bin, "makepack_dispatch"))
    rng = random.Random(args.seed)
    for i in range(args.n):
        size = rng.choice([["--mixers", "2", "--lines", "2", "--pastes", "3", "--skus", "5"],
                           ["--mixers", "3", "--lines", "3", "--pastes", "6", "--skus", "10"],
                           ["--mixers", "6", "--lines", "6", "--pastes", "14", "--skus", "32"]])
        gargs = size + ["--weeks", str(rng.choice([1, 2, 4])), "--seed", str(9000 + i),
                        "--load", str(rng.choice([0.3, 0.6, 0.8, 0.95]))]
        if rng.random() < 0.3: gargs += ["--storage", str(rng.choice([0.2, 0.5]))]
        if rng.random() < 0.3: gargs += ["--max-hold", str(rng.choice([48, 120]))]
        if rng.random() < 0.4: gargs += ["--due"]
        if rng.random() < 0.3: gargs += ["--matrix"]
        if rng.random() < 0.3: gargs += ["--outages", "2"]
        if rng.random() < 0.3: gargs += ["--eligible", "0.6"]
        base = generate(sw.mp, args.out, f"base{i:03d}", gargs)
        if not base:
            print(f"base{i:03d}: generate failed {gargs}")
            continue
        inst = yaml.safe_load(open(base))
        pool = [v for v in VARIANTS if not args.variants or v.__name__[2:] in args.variants.split(",")]
        picks = rng.sample(pool, min(args.combos, len(pool)))
        for v in picks:
            inst = v(copy.deepcopy(inst), rng)
        name = f"case{i:03d}-" + "-".join(v.__name__[2:] for v in picks)
        path = sw.write(name, inst)
        sw.check_case(name, path, soft=soft_demand(inst))
    finish(sw, args.out, r"case\d+-[a-z_-]+\.yaml$")


if __name__ == "__main__":
    main()
