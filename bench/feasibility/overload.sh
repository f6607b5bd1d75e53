#!/usr/bin/env bash
# Overloaded soft plants (issue 12): thesis size (6x6, 14 pastes, 32 SKUs, 4
# weeks), loads 1.1/1.2/1.3, soft demand at 0.01 per unmet unit; each solved
# once (--time-limit T, --threads 2, seed 1) and verified; prints one CSV row
# per plant (objective, bound, gap, fill rate) and the median gap.
# Usage: bench/feasibility/overload.sh [--seeds N] [--time-limit T] [--makepack BIN]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
seeds=4 limit=10 bin=build/makepack
while (($#)); do
    case $1 in
        --seeds) seeds=$2; shift 2 ;;
        --time-limit) limit=$2; shift 2 ;;
        --makepack) bin=$2; shift 2 ;;
        *) echo "usage: $0 [--seeds N] [--time-limit T] [--makepack BIN]" >&2; exit 2 ;;
    esac
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "instance,load,objective,bound,gap_pct,fill_rate"
gaps=()
for load in 1.1 1.2 1.3; do
    for ((seed = 1; seed <= seeds; ++seed)); do
        name="over-$load-$seed"
        "$bin" generate --seed $((7000 + seed)) --load "$load" --soft -o "$work/$name.yaml" >/dev/null 2>&1
        "$bin" solve "$work/$name.yaml" --time-limit "$limit" --threads 2 --seed 1 -o "$work/$name.plan.yaml" \
            >"$work/$name.out" 2>"$work/$name.err" || { echo "$name,$load,solve failed,,,"; continue; }
        "$bin" verify "$work/$name.yaml" "$work/$name.plan.yaml" >"$work/$name.verify" || { echo "$name,$load,verify failed,,,"; continue; }
        objective=$(grep -m1 -oE 'objective [0-9.]+,' "$work/$name.err" | grep -oE '[0-9.]+')
        bound=$(grep -m1 -oE 'lower bound [0-9.]+' "$work/$name.err" | grep -oE '[0-9.]+$' || echo "")
        fill=$(grep -m1 -oE 'Fill rate [0-9.]+' "$work/$name.out" | grep -oE '[0-9.]+$' || echo "")
        gap=$(awk -v o="$objective" -v b="$bound" 'BEGIN { if (b == "" || o <= 0) print ""; else printf "%.2f", 100 * (o - b) / o }')
        echo "$name,$load,$objective,$bound,$gap,$fill"
        [[ -n $gap ]] && gaps+=("$gap")
    done
done
if ((${#gaps[@]})); then
    printf '%s\n' "${gaps[@]}" | sort -g | awk '{ a[NR] = $1 } END { m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "median gap to the bound: %.2f %% over %d plants\n", m, NR }'
fi
