#!/usr/bin/env python3
"""Hand-made instance families straight from MODEL.md that sweep.py's variants
rarely combine (third session, README.md): fixed rows + frozen_until + storage +
max_hold + initial_stock; asymmetric changeover matrices + due_hard; per-SKU
rates with eligibility lists; shift breaks with odd offsets and long rows;
maintenance with since_last near every; tiny horizons; amounts near the
loader's limits. Each case goes through sweep.py's checks (Sweep.check_case).

usage: bench/sweep/families.py OUTDIR [--n N per family] [--seed S] [--bin DIR] [--families a,b]
"""
import argparse
import copy
import os
import random
import re
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sweep import Sweep, finish, run, soft_demand  # noqa: E402


def plant(rng, nm=2, nl=2, np_=3, ns=5, horizon=168, load=0.5, elig=1.0):
    """A small thesis-like plant built from scratch (demand from a rough capacity estimate)."""
    mixers = [{"id": f"M{i+1}", "batch_size": rng.choice([10000, 20000])} for i in range(nm)]
    lines = [{"id": f"L{i+1}", "rate": rng.choice([4000, 5000, 6000])} for i in range(nl)]
    pastes = []
    for p in range(np_):
        ms = [m["id"] for m in mixers if rng.random() < elig] or [rng.choice(mixers)["id"]]
        pastes.append({"id": f"P{p+1}", "batch_hours": {m: rng.randint(4, 12) for m in ms},
                       "downtime": {m: round(rng.uniform(0.1, 0.5), 2) for m in ms}})
    skus = []
    line_hours = horizon * nl * load
    for s in range(ns):
        ls = [l["id"] for l in lines if rng.random() < elig] or [rng.choice(lines)["id"]]
        rate = min(l["rate"] for l in lines if l["id"] in ls)
        demand = int(line_hours / ns * rate * rng.uniform(0.5, 1.2))
        skus.append({"id": f"S{s+1}", "paste": f"P{s % np_ + 1}", "units_per_lb": rng.choice([1, 2, 4, 8]),
                     "demand": demand, "downtime": {l: round(rng.uniform(0.1, 0.5), 2) for l in ls}})
    # mixer capacity: keep paste demand within ~load of mixer hours
    need_h = 0.0
    for s in skus:
        p = pastes[int(s["paste"][1:]) - 1]
        bh = min(p["batch_hours"].values())
        bs = min(m["batch_size"] for m in mixers)
        need_h += s["demand"] / s["units_per_lb"] / bs * bh
    cap = horizon * nm * load
    if need_h > cap:
        f = cap / need_h
        for s in skus:
            s["demand"] = int(s["demand"] * f)
    return {"name": "x", "time_unit": "hour", "horizon": horizon, "objective": {"downtime": 1, "changeover": 1},
            "mixers": mixers, "lines": lines, "pastes": pastes, "skus": skus,
            "changeover": {"mixers": rng.choice([0, 2, 6]), "lines": rng.choice([0, 3, 6])}}


def thesis_calendar(horizon):
    return {"mixers": {"maintenance": {"every": 336, "duration": 8}, "spare_capacity": {"every": 168, "duration": 14}},
            "lines": {"shift_break": {"every": 12, "duration": 1, "offset": 0},
                      "maintenance": {"every": 672, "duration": 8}, "spare_capacity": {"every": 168, "duration": 14}}}


# ---- families: each returns a list of (name, instance dict) ----

def f_fixed_mix(sw, rng, i):
    """A generated storage plant, solved, reviewed at an odd t0 (--write-instance), then storage
    tightened, max_hold, initial_stock and due_hard added around the fixed rows."""
    mp = sw.mp
    base = os.path.join(sw.out, f"fixbase{i:03d}.yaml")
    g = ["--mixers", rng.choice(["2", "3"]), "--lines", rng.choice(["2", "3"]), "--pastes", "4", "--skus", "7",
         "--weeks", rng.choice(["1", "2"]), "--seed", str(7000 + i), "--load", str(rng.choice([0.4, 0.6, 0.8])),
         "--storage", str(rng.choice([0.2, 0.5]))]
    if rng.random() < 0.5:
        g += ["--max-hold", str(rng.choice([48, 120]))]
    if rng.random() < 0.5:
        g += ["--due"]
    if rng.random() < 0.4:
        g += ["--matrix"]
    rc, _, se, _ = run([mp, "generate", *g, "-o", base, "-q"])
    if rc != 0:
        return []
    plan = base + ".plan.yaml"
    rc, _, _, _ = run([mp, "solve", base, "-o", plan, "--time-limit", "1", "--threads", "2", "-q"])
    if rc != 0:
        return []
    h = yaml.safe_load(open(base))["horizon"]
    t0 = rng.randint(1, h - 1)
    inst_path = base + ".rev.yaml"
    rc, _, se, _ = run([mp, "review", base, "--previous", plan, "--freeze-until", str(t0), "-o", base + ".revplan.yaml",
                        "--time-limit", "1", "--threads", "2", "-q", "--write-instance", inst_path])
    if rc != 0:
        sw.flag(f"fixbase{i:03d}", f"review --freeze-until {t0} exit {rc}: {se.strip()[:200]}")
        return []
    inst0 = yaml.safe_load(open(inst_path))
    out = []
    for k in range(3):
        inst = copy.deepcopy(inst0)
        tag = []
        if rng.random() < 0.6:
            for p in inst["pastes"]:
                if rng.random() < 0.5:
                    p["initial_stock"] = rng.choice([1000, 20000, 150000])
            tag.append("stock")
        if rng.random() < 0.6:
            for p in inst["pastes"]:
                p["max_hold"] = rng.choice([0, 6, 24, 72, p.get("max_hold", 200)])
            tag.append("hold")
        if rng.random() < 0.6 and "storage" in inst:
            inst["storage"]["totes"] = max(1, int(inst["storage"]["totes"] * rng.choice([0.3, 0.6, 0.9])))
            tag.append("totes")
        if rng.random() < 0.5:
            for s in inst["skus"]:
                s["due"] = rng.randint(max(t0, h // 2), h)
                s["due_hard"] = rng.random() < 0.6
            tag.append("duehard")
        if rng.random() < 0.3:
            inst["demand_soft"] = True
            inst["unmet_penalty"] = rng.choice([1, 100])
            tag.append("soft")
        out.append((f"fix{i:03d}{'abc'[k]}-t{t0}-" + "-".join(tag or ["plain"]), inst, base + ".revplan.yaml"))
    return out


def f_matrix_due(sw, rng, i):
    h = rng.choice([96, 168, 200])
    inst = plant(rng, nm=rng.choice([1, 2, 3]), nl=rng.choice([1, 2, 3]), np_=rng.choice([2, 4, 5]),
                 ns=rng.choice([4, 6, 8]), horizon=h, load=rng.choice([0.3, 0.5, 0.7]))
    pastes = [p["id"] for p in inst["pastes"]]
    skus = [s["id"] for s in inst["skus"]]
    mp_pairs, lp_pairs = [], []
    for a in pastes:
        for b in pastes:
            if a < b:
                mp_pairs += [[a, b, 0], [b, a, rng.choice([12, 30, 60])]]
    for a in skus:
        for b in skus:
            if rng.random() < 0.3:
                lp_pairs.append([a, b, rng.choice([0, 1, 24, 48])])
    inst["changeover"] = {"mixers": {"default": rng.choice([0, 4, 10]), "pairs": mp_pairs},
                          "lines": {"default": rng.choice([2, 6]), "pairs": lp_pairs}}
    for s in inst["skus"]:
        s["due"] = rng.randint(h // 4, h)
        s["due_hard"] = rng.random() < 0.7
    if rng.random() < 0.5:
        inst["calendar"] = thesis_calendar(h)
    if rng.random() < 0.5:
        inst["objective"]["lateness"] = rng.choice([1, 5])
        inst["due_hard"] = True
    return [(f"mat{i:03d}", inst, None)]


def f_rates_elig(sw, rng, i):
    h = rng.choice([120, 168])
    inst = plant(rng, nm=rng.choice([2, 3]), nl=rng.choice([2, 3, 4]), np_=3, ns=rng.choice([5, 8]),
                 horizon=h, load=rng.choice([0.3, 0.6]), elig=rng.choice([0.4, 0.7]))
    for s in inst["skus"]:
        ls = list(s["downtime"])
        if rng.random() < 0.7:
            s["rate"] = {l: rng.choice([0.5, 3, 999, 12345.5, 1e6]) for l in ls if rng.random() < 0.7}
            if not s["rate"]:
                del s["rate"]
    if rng.random() < 0.5:
        inst["calendar"] = thesis_calendar(h)
    if rng.random() < 0.3:
        inst["demand_soft"] = True
        inst["unmet_penalty"] = 10
    return [(f"rate{i:03d}", inst, None)]


def f_odd_breaks(sw, rng, i):
    h = rng.choice([97, 168, 211])
    inst = plant(rng, nm=2, nl=2, np_=3, ns=5, horizon=h, load=rng.choice([0.2, 0.4]))
    for p in inst["pastes"]:
        p["batch_hours"] = {m: rng.choice([5, 13, 25]) for m in p["batch_hours"]}
    cal = {}
    for stage in ("mixers", "lines"):
        every = rng.choice([3, 5, 7, 12, 13, 24])
        dur = rng.choice([1, 2, every - 1]) if every > 2 else 1
        dur = max(1, min(dur, every - 1))
        cal[stage] = {"shift_break": {"every": every, "duration": dur,
                                      "offset": rng.choice([-17, -1, 0, 1, 5, every + 3, 1000003])}}
        if rng.random() < 0.5:
            cal[stage]["spare_capacity"] = {"every": rng.choice([24, 48, h]), "duration": rng.choice([1, 5])}
        if rng.random() < 0.5:
            cal[stage]["maintenance"] = {"every": rng.choice([30, 50, 100]), "duration": rng.choice([1, 3]),
                                         "since_last": rng.choice([0, 29])}
    if rng.random() < 0.5:
        cal["outages"] = [{"resource": "L1", "start": rng.randint(0, h // 2), "end": rng.randint(h // 2, h),
                           "reason": "x"}]
    inst["calendar"] = cal
    inst["changeover"] = {"mixers": rng.choice([1, 5, 9]), "lines": rng.choice([1, 5, 9])}
    return [(f"brk{i:03d}", inst, None)]


def f_maint_near(sw, rng, i):
    h = rng.choice([50, 100, 168, 173])
    inst = plant(rng, nm=2, nl=2, np_=3, ns=5, horizon=h, load=rng.choice([0.2, 0.4, 0.6]))
    cal = {}
    for stage in ("mixers", "lines"):
        dur = rng.choice([1, 4, 8])
        # mostly room for a row between two blocks; sometimes none (then no plan: exit 3 is right)
        every = rng.choice([dur + 1, 2 * dur + 1, dur + 20, 24, 48, 48, h - 1, h, h + 1])
        since = rng.choice([every, every - 1, max(0, every - dur), max(0, every - dur + 1), 0])
        cal[stage] = {"maintenance": {"every": every, "duration": dur, "since_last": since}}
        if rng.random() < 0.5:
            cal[stage]["spare_capacity"] = {"every": rng.choice([24, h // 2 or 1, h]), "duration": rng.choice([1, 3])}
        if rng.random() < 0.5:
            cal[stage]["shift_break"] = {"every": rng.choice([6, 12]), "duration": 1, "offset": rng.choice([0, 5])}
    for r in [inst["mixers"][0]["id"], inst["lines"][-1]["id"]]:
        if rng.random() < 0.5:
            stage = "mixers" if r.startswith("M") else "lines"
            ev = cal[stage]["maintenance"]["every"]
            cal[r] = {"maintenance": {"since_last": rng.choice([ev, ev - 1, 0])}}
    inst["calendar"] = cal
    return [(f"mnt{i:03d}", inst, None)]


def f_tiny_horizon(sw, rng, i):
    h = rng.choice([1, 2, 3, 4, 6, 9])
    inst = plant(rng, nm=rng.choice([1, 2]), nl=rng.choice([1, 2]), np_=2, ns=3, horizon=h)
    for p in inst["pastes"]:
        p["batch_hours"] = {m: rng.choice([1, 2, h, h + 1]) for m in p["batch_hours"]}
    for s in inst["skus"]:
        s["demand"] = rng.choice([0, 1, 100, 4000])
        if rng.random() < 0.4:
            s["due"] = rng.randint(0, h)
            s["due_hard"] = rng.random() < 0.5
    inst["changeover"] = {"mixers": rng.choice([0, 1, h]), "lines": rng.choice([0, 1, h - 1 if h > 1 else 0])}
    r = rng.random()
    if r < 0.3:
        inst["calendar"] = {"lines": {"shift_break": {"every": 2, "duration": 1, "offset": rng.choice([0, 1])}}}
    elif r < 0.5 and h >= 2:
        inst["calendar"] = {"mixers": {"spare_capacity": {"every": h, "duration": 1}}}
    elif r < 0.7 and h >= 2:
        inst["calendar"] = {"lines": {"maintenance": {"every": h, "duration": 1, "since_last": rng.choice([0, 1])}}}
    if rng.random() < 0.4:
        for p in inst["pastes"]:
            p["initial_stock"] = rng.choice([1, 1000, 1e6])
            p["max_hold"] = rng.choice([0, 1, h])
    if rng.random() < 0.3:
        inst["frozen_until"] = rng.randint(0, h)
    if rng.random() < 0.3:
        inst["demand_soft"] = True
        inst["unmet_penalty"] = 1
    return [(f"tiny{i:03d}", inst, None)]


def f_huge(sw, rng, i):
    h = rng.choice([168, 336])
    inst = plant(rng, nm=2, nl=2, np_=3, ns=5, horizon=h, load=0.4)
    f = rng.choice([1e6, 1e8, 1e9])
    for m in inst["mixers"]:
        m["batch_size"] *= f
    for l in inst["lines"]:
        l["rate"] *= f
    for s in inst["skus"]:
        s["demand"] = int(s["demand"] * f)
        if rng.random() < 0.3:
            s["units_per_lb"] = rng.choice([1e-3, 1e3])
            # keep the paste's mixer load as before: scale the demand with units_per_lb
            s["demand"] = int(s["demand"] * s["units_per_lb"] / 4)
    r = rng.random()
    if r < 0.4:
        inst["storage"] = {"totes": rng.choice([10, 1000, 10**9]), "tote_capacity": rng.choice([1e-6, 1, 1e12, 1e15]),
                           "static_totes_per_running_line": rng.choice([0, 1])}
    if rng.random() < 0.4:
        for p in inst["pastes"]:
            p["initial_stock"] = rng.choice([1e9, 1e12, 1e14])
    if rng.random() < 0.4:
        inst["objective"] = {"downtime": 1, "changeover": 1, "holding": rng.choice([1e-9, 1]),
                             "overproduction": rng.choice([1e-6, 1])}
    if rng.random() < 0.3:
        inst["demand_soft"] = True
        inst["unmet_penalty"] = rng.choice([1e-9, 1e9])
    return [(f"huge{i:03d}", inst, None)]


FAMILIES = [f_fixed_mix, f_matrix_due, f_rates_elig, f_odd_breaks, f_maint_near, f_tiny_horizon, f_huge]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--n", type=int, default=6, help="cases per family")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bin", default=os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__)))), "build"))
    ap.add_argument("--families", default="")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    sw = Sweep(args.out, os.path.join(args.bin, "makepack"), os.path.join(args.bin, "makepack_dispatch"))
    rng = random.Random(args.seed)
    fams = [f for f in FAMILIES if not args.families or f.__name__[2:] in args.families.split(",")]
    for fam in fams:
        for i in range(args.n):
            for name, inst, witness in fam(sw, rng, i):
                path = sw.write(name, inst)
                sw.check_case(name, path, soft=soft_demand(inst))
                # the review's plan is a witness when the changes left the fixed past feasible
                if witness and not os.path.exists(os.path.join(sw.out, name + ".plan.yaml")):
                    vrc, _, _, _ = run([sw.mp, "verify", path, witness])
                    if vrc == 0:
                        err = open(os.path.join(sw.out, name + ".solve.err")).read().strip()
                        sw.flag(name, "no plan though the review's plan verifies: " + err[:200])
    finish(sw, args.out, r"(fix|mat|rate|brk|mnt|tiny|huge)\d+[a-z]?(-[a-z0-9-]+)?\.yaml$")


if __name__ == "__main__":
    main()
