#!/usr/bin/env bash
# Parallel efficiency at equal total work (issue 14): K search workers sharing a
# deterministic work budget W (`solve --work W`) against 1 worker spending W.
# Work budgets take wall-clock noise out of the comparison, so this runs on a
# 2-core machine; the plans are reproducible only for K = 1 (with more workers,
# when a worker reads the shared pool depends on timing), or for every K with
# ARGS="--parallel chain" (the speculative chain).
#
# Usage: bench/scaling/run.sh [BINARY] [OUT.md]
#   env: SEEDS="1 2 3 4 5"  KS="1 2 4 8 16"  INSTANCES="medium large"
#        WORK_medium=22000  WORK_large=20000  BENCH_DIR=/work/shared/instances/bench
#        ARGS="--parallel chain"  (more solve options, e.g. the speculative chain)
# Prints (and writes to OUT.md) one table per instance: objective per seed,
# median, and the median's gap to K = 1 (efficiency: within 1 % is the target).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${1:-$root/build/makepack}
out=${2:-/dev/null}
seeds=${SEEDS:-"1 2 3 4 5"}
ks=${KS:-"1 2 4 8 16"}
instances=${INSTANCES:-"medium large"}
read -r -a extra <<< "${ARGS:-}"
bench_dir=${BENCH_DIR:-$root/instances/bench}
[ -d "$bench_dir" ] || bench_dir=/work/shared/instances/bench
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

{
echo "# Parallel efficiency at equal total work"
echo
echo "- binary: \`$bin\`"
echo "- commit: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)$(git -C "$root" diff --quiet 2>/dev/null || echo ' (dirty)')"
echo "- machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
echo "- date: $(date -u +%Y-%m-%dT%H:%MZ)"
echo "- seeds: $seeds; K: $ks${ARGS:+; options: $ARGS}"
echo
} | tee "$out"

for inst in $instances; do
    var="WORK_$inst"; work=${!var:-$([ "$inst" = large ] && echo 20000 || echo 22000)}
    file=$bench_dir/$inst.yaml
    {
    echo "## $inst, W = $work"
    echo
    echo "command: \`$(basename "$bin") solve $file --threads K --seed S --work $work${ARGS:+ $ARGS} -o OUT\`"
    echo
    printf "| K | %s | median | vs K=1 | wall s (sum) |\n" "$(echo $seeds | sed 's/ / | /g; s/[0-9][0-9]*/seed &/g')"
    printf "|---|%s---|---|---|\n" "$(for s in $seeds; do printf -- '---|'; done)"
    } | tee -a "$out"
    base=""
    for k in $ks; do
        row="| $k |"
        vals=""
        wall=0
        for s in $seeds; do
            start=$(date +%s.%N)
            obj=$("$bin" solve "$file" --threads "$k" --seed "$s" --work "$work" ${extra[@]+"${extra[@]}"} -o "$tmp/plan.yaml" 2>/dev/null |
                  sed -n 's/^Objective (minimise): total \([0-9.]*\).*/\1/p')
            wall=$(echo "$wall + $(date +%s.%N) - $start" | bc)
            row="$row $obj |"
            vals="$vals$obj"$'\n'
        done
        med=$(printf "%s" "$vals" | median)
        [ -n "$base" ] || base=$med
        gap=$(echo "scale=4; 100 * ($med - $base) / $base" | bc)
        printf "%s %s | %+.2f %% | %.0f |\n" "$row" "$med" "$gap" "$wall" | tee -a "$out"
    done
    echo | tee -a "$out"
done
