#!/usr/bin/env bash
# Markdown summary of one bench/feasibility/run.sh CSV (see README.md).
set -euo pipefail
csv=$1

# Median of the numbers on stdin ("-" when none).
median() { sort -g | awk '{ v[NR] = $1 } END { if (!NR) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.4g\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
rows() { tail -n +2 "$csv"; }  # columns: see the header line of the CSV
# Fields: 1 instance 4 load 8 due_hard 12 soft 15 solve_exit 16 status 19 gap 20 fill 21 dispatch 23 dispatch_fill
# 25 before_search

total=$(rows | wc -l)
echo "### $total instances"
echo
echo "| status | hard demand | soft demand | all |"
echo "|---|---|---|---|"
for st in plan infeasible-proved infeasible-unproved refused-by-loader error; do
    rows | awk -F, -v st=$st '$16 == st { if ($12 == 1) s++; else h++ } END { printf "| %s | %d | %d | %d |\n", st, h, s, h + s }'
done
echo
rows | awk -F, '
    $16 ~ /^infeasible/ && $21 == "yes" { miss++; if ($12 == 1) soft++; else hard++ }
    $12 == 1 && $16 != "plan" { soft_none++ }
    $12 == 1 { soft_n++ }
    $21 == "yes" { d++ } $21 == "rejected" || $21 == "error" { dbad++ }
    $16 == "infeasible-unproved" && $25 == "yes" { before++ }
    END {
        printf "- **exit 3 while the dispatch rule found a plan: %d** (target 0; %d hard, %d soft)\n", miss, hard, soft
        printf "- soft-demand instances without a plan: %d of %d\n", soft_none, soft_n
        printf "- the dispatch rule planned %d instances (%d dispatch plans rejected by verify or tool errors)\n", d, dbad
        printf "- exit 3 without \"proof:\" but before the search started (the lower bound refused it): %d\n", before
    }'
if head -1 "$csv" | grep -q ',cpu_seconds$'; then  # runs since feas3 record the solve's CPU time
    echo "- CPU seconds (user + system) per solve: median $(rows | awk -F, '$27 != "" { print $27 }' | median)," \
         "misses' median $(rows | awk -F, '$16 ~ /^infeasible/ && $21 == "yes" && $27 != "" { print $27 }' | median)" \
         "(a solve can use up to its time limit x threads)"
fi
over=$(rows | awk -F, '$12 == 1 && $4 >= 1.1' | wc -l)
over_plan=$(rows | awk -F, '$12 == 1 && $4 >= 1.1 && $16 == "plan"' | wc -l)
echo "- overloaded soft plants (load >= 1.1): $over, with a plan $over_plan;" \
     "median fill rate $(rows | awk -F, '$12 == 1 && $4 >= 1.1 && $16 == "plan" { print $20 }' | median)," \
     "median gap to the bound $(rows | awk -F, '$12 == 1 && $4 >= 1.1 && $16 == "plan" && $19 != "" { print $19 }' | median) %" \
     "(dispatch rule's median fill rate there: $(rows | awk -F, '$12 == 1 && $4 >= 1.1 && $21 == "yes" { print $23 }' | median))"
echo
echo "By target load (hard / soft demand): plan, exit 3 unproved, exit 3 proved, refused by the loader; dispatch plans"
echo
echo "| load | instances | plan | exit 3 unproved | exit 3 proved | refused | dispatch plan | exit 3, dispatch plan |"
echo "|---|---|---|---|---|---|---|---|"
rows | awk -F, '
    { b = $4 < 0.75 ? "0.50-0.70" : $4 < 0.95 ? "0.75-0.90" : $4 < 1.1 ? "0.95-1.05" : "1.10-1.30"
      k = b SUBSEP ($12 == 1 ? "soft" : "hard"); n[k]++
      if ($16 == "plan") p[k]++; if ($16 == "infeasible-unproved") u[k]++; if ($16 == "infeasible-proved") q[k]++
      if ($16 == "refused-by-loader") r[k]++; if ($21 == "yes") d[k]++; if ($16 ~ /^infeasible/ && $21 == "yes") m[k]++ }
    END {
        split("0.50-0.70 0.75-0.90 0.95-1.05 1.10-1.30", bands, " ")
        for (i = 1; i <= 4; ++i) for (j = 0; j < 2; ++j) {
            kind = j ? "soft" : "hard"; k = bands[i] SUBSEP kind
            if (n[k]) printf "| %s %s | %d | %d | %d | %d | %d | %d | %d |\n", bands[i], kind, n[k], p[k], u[k], q[k], r[k], d[k], m[k]
        }
    }'
