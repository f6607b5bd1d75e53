#!/usr/bin/env bash
# Objective against time for the parallel search: every instance, 1 and 2
# threads, several seeds, each run verified. Writes results/<date>-<commit>.csv
# and prints a markdown table of medians. Run it on an otherwise idle machine.
#
#   bench/search/run.sh [--seconds S] [--seeds N] [--build DIR] [INSTANCE...]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=10 seeds=5 build=build
instances=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --seeds) seeds=$2; shift 2 ;;
    --build) build=$2; shift 2 ;;
    -h|--help) sed -n 2,7p "$0"; exit 0 ;;
    *) instances+=("$1"); shift ;;
  esac
done
[[ ${#instances[@]} -gt 0 ]] || instances=(instances/oakhill-4w.yaml instances/oakhill-6w.yaml instances/bench/small-tight.yaml instances/bench/medium.yaml)
makepack=$build/makepack
[[ -x $makepack ]] || { echo "no $makepack: run scripts/setup.sh first" >&2; exit 2; }
commit=$(git rev-parse --short HEAD)
stamp=$(date -u +%Y-%m-%dT%H%M)
mkdir -p bench/search/results
csv=bench/search/results/$stamp-$commit.csv
work=$(mktemp -d)
echo "instance,threads,seed,seconds,objective,time_to_best,iterations,verified" > "$csv"
for inst in "${instances[@]}"; do
  name=$(basename "$inst" .yaml)
  for threads in 1 2; do
    for seed in $(seq 1 "$seeds"); do
      out=$work/$name-$threads-$seed.yaml
      log=$work/$name-$threads-$seed.log
      "$makepack" solve "$inst" -o "$out" --time-limit "$seconds" --threads "$threads" --seed "$seed" \
        --operator-table > "$log" 2>&1 || { echo "solve failed: $inst threads $threads seed $seed" >&2; cat "$log" >&2; exit 1; }
      verified=no
      "$makepack" verify "$inst" "$out" > /dev/null && verified=yes
      objective=$(awk '/^Objective/ {print $NF}' "$log")
      ttb=$(sed -n 's/.*best found after \([0-9.]*\) \(m\?s\).*/\1 \2/p' "$log" | awk '{print ($2=="ms") ? $1/1000 : $1}')
      iters=$(sed -n 's/^Search: \([0-9]*\) iterations.*/\1/p' "$log")
      echo "$name,$threads,$seed,$seconds,$objective,${ttb:-0},${iters:-0},$verified" >> "$csv"
      echo "$name threads=$threads seed=$seed objective=$objective ttb=${ttb:-0}s iterations=${iters:-0} verified=$verified" >&2
    done
  done
done
rm -rf "$work"
echo
echo "Results: $csv (commit $commit, $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), ${seconds}s per run)"
echo
echo "| instance | threads | median objective | best | worst | median time to best (s) | median iterations | all verified |"
echo "|---|---|---|---|---|---|---|---|"
python3 - "$csv" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1])))
keys = sorted({(r["instance"], int(r["threads"])) for r in rows}, key=lambda k: (k[0], k[1]))
for inst, th in keys:
    rs = [r for r in rows if r["instance"] == inst and int(r["threads"]) == th]
    obj = [float(r["objective"]) for r in rs]
    print(f"| {inst} | {th} | {statistics.median(obj):.2f} | {min(obj):.2f} | {max(obj):.2f} | "
          f"{statistics.median(float(r['time_to_best']) for r in rs):.2f} | {int(statistics.median(int(r['iterations']) for r in rs))} | "
          f"{'yes' if all(r['verified'] == 'yes' for r in rs) else 'NO'} |")
PY
