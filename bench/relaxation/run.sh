#!/usr/bin/env bash
# What each calendar rule costs: the search on an instance and on relaxations
# of it with block kinds removed (bench/cpsat/relax/drop_blocks.mjs), same
# seconds, threads and seeds, every plan verified against its own instance.
# A relaxation admits every plan of the original, so its optimum is never
# worse; the table shows how much of the search's result each rule accounts for.
# Also solves the mixer stage alone with CP-SAT (bench/cpsat/relax/mixer_stage.mjs).
# Writes results/<date>-<commit>-<instance>.csv and prints a markdown table.
#
#   bench/relaxation/run.sh [--seconds S] [--seeds N] [--threads T] [--cpsat-seconds C] INSTANCE
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=10 seeds=4 threads=2 cpsat_seconds=120 instance=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --seeds) seeds=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --cpsat-seconds) cpsat_seconds=$2; shift 2 ;;
    -h|--help) sed -n 2,10p "$0"; exit 0 ;;
    *) instance=$1; shift ;;
  esac
done
[[ -n $instance ]] || { echo "usage: bench/relaxation/run.sh [options] INSTANCE" >&2; exit 2; }
makepack=build/makepack
[[ -x $makepack ]] || { echo "no $makepack: run scripts/setup.sh first" >&2; exit 2; }
[[ -d bench/cpsat/node_modules ]] || { echo "no bench/cpsat/node_modules: run scripts/setup.sh first" >&2; exit 2; }

name=$(basename "$instance" .yaml)
commit=$(git rev-parse --short HEAD)
mkdir -p bench/relaxation/results
csv=bench/relaxation/results/$(date -u +%Y-%m-%dT%H%M)-$commit-$name.csv
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

variants=(
  "original:"
  "no mixer maintenance, spare:mixers:maintenance,mixers:spare_capacity"
  "no line maintenance:lines:maintenance"
  "no line spare capacity:lines:spare_capacity"
  "no outages:all:outage"
  "none of these:all:maintenance,all:spare_capacity,all:outage"
)
echo "variant,seed,objective,verified" > "$csv"
declare -A median
for entry in "${variants[@]}"; do
  label=${entry%%:*} drops=${entry#*:}
  plant=$instance
  if [[ -n $drops ]]; then
    plant=$work/relaxed.yaml
    node bench/cpsat/relax/drop_blocks.mjs "$instance" "$plant" "$drops"
  fi
  values=()
  for seed in $(seq 1 "$seeds"); do
    out=$work/plan.yaml
    "$makepack" solve "$plant" -o "$out" --time-limit "$seconds" --threads "$threads" --seed "$seed" --quiet > /dev/null
    verified=no objective=""
    if report=$("$makepack" verify "$plant" "$out"); then
      verified=yes
      objective=$(grep -oE 'total [0-9.]+' <<< "$report" | head -1 | cut -d' ' -f2)
      values+=("$objective")
    fi
    echo "$label,$seed,$objective,$verified" >> "$csv"
    echo "$label seed=$seed objective=$objective verified=$verified" >&2
  done
  median[$label]=$(printf '%s\n' "${values[@]}" | sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}')
done
stage=$(node bench/cpsat/relax/mixer_stage.mjs "$instance" --time-limit "$cpsat_seconds")
echo "mixer stage alone (CP-SAT, ${cpsat_seconds}s): $stage" >&2
echo "mixer_stage,,$(sed -n 's/.*"objective":\([0-9.]*\).*/\1/p' <<< "$stage"),$(sed -n 's/.*"status":"\([A-Z_]*\)".*/\1/p' <<< "$stage")" >> "$csv"

echo
echo "Results: $csv (commit $commit, $(nproc) cores, ${seconds}s, $threads threads, seeds 1-$seeds)"
echo
echo "| $name | median objective | vs original |"
echo "|---|---|---|"
for entry in "${variants[@]}"; do
  label=${entry%%:*}
  awk -v l="$label" -v m="${median[$label]}" -v o="${median[original]}" 'BEGIN {printf "| %s | %.2f | %+.2f |\n", l, m, m - o}'
done
echo
echo "Mixer stage alone, CP-SAT: $stage"
