#!/usr/bin/env bash
# Start plans compared (issue 17, docs/rules.md): for each instance and each
# --start (backward, rules, portfolio), the start plan alone (--greedy-only:
# objective, hard-demand shortfall, seconds) and the search's final objective
# after SEARCH_SECONDS from that start (--threads 1, --seed 1).
#
# Usage: bench/starts/run.sh [MAKEPACK] [OUT.csv]
#   env SEARCH_SECONDS (default 10), GENERATED (default 8: generated instances),
#       BENCH_DIR (default instances/bench)
# Writes one CSV line per (instance, start); prints a summary per start.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
makepack=${1:-$root/build/makepack}
out=${2:-/dev/stdout}
seconds=${SEARCH_SECONDS:-10}
generated=${GENERATED:-8}
bench_dir=${BENCH_DIR:-$root/instances/bench}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

instances=()
for f in "$bench_dir"/*.yaml; do instances+=("$f"); done
# A generated set: loose and tight plants, with and without due dates and
# restricted eligibility (makepack generate, docs/generate.md).
variants=("--load 0.7 --due" "--load 0.9" "--load 0.85 --due --eligible 0.6" "--load 0.95 --due --storage 0.3")
for ((k = 0; k < generated; ++k)); do
    v=${variants[$((k % ${#variants[@]}))]}
    f=$work/gen-$k.yaml
    # shellcheck disable=SC2086
    "$makepack" generate $v --seed $((k + 1)) --name "gen-$k" -o "$f" > /dev/null 2>&1
    instances+=("$f")
done

# "makepack: <method> start: objective X[, N units of hard demand short,] in T s"
parse_start() {
    sed -n 's/^makepack: .* start: objective \([0-9.e+-]*\)\(, \([0-9]*\) units of hard demand short,\)\{0,1\} in \([0-9.e+-]*\) s$/\1,\3,\4/p' "$1" | head -1
}

echo "instance,start,start_exit,start_objective,start_shortfall,start_seconds,start_method,search_seconds,final_exit,final_objective" > "$out.tmp"
for f in "${instances[@]}"; do
    name=$(basename "$f" .yaml)
    for start in backward rules portfolio; do
        set +e
        "$makepack" solve "$f" --greedy-only --start "$start" --threads 1 -o "$work/s.yaml" > "$work/out" 2> "$work/err"
        start_exit=$?
        "$makepack" solve "$f" --start "$start" --threads 1 --seed 1 --time-limit "$seconds" -o "$work/f.yaml" \
            > "$work/fout" 2> "$work/ferr"
        final_exit=$?
        set -e
        parsed=$(parse_start "$work/err")
        [ -n "$parsed" ] || parsed=",,"
        method=$(sed -n 's/^Solve time [^(]*(\(.*\)), check.*/\1/p' "$work/out" | head -1)
        final=$(sed -n 's/^Objective (minimise): total \(.*\)$/\1/p' "$work/fout" | head -1)
        echo "$name,$start,$start_exit,$parsed,\"$method\",$seconds,$final_exit,$final" >> "$out.tmp"
    done
done
if [ "$out" = /dev/stdout ]; then cat "$out.tmp"; rm -f "$out.tmp"; else mv "$out.tmp" "$out"; fi
