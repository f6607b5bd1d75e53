#!/usr/bin/env bash
# Feasibility benchmark of issue 12 ("never give up on a plant that has a
# plan"): N generated instances (thesis size and 12x12, loads 0.5-1.3, random
# subsets of MODEL.md's optional rules, ~28 % soft demand), each solved by
# `makepack solve` and planned by the independent dispatch rule
# (makepack_dispatch); every written plan is checked with `makepack verify`.
# Writes results/<date>-<label>.csv and results/<date>-<label>.md (summary).
# Instance i's parameters depend only on i (not on N). README.md has the runs.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
N=500
T=1
THREADS=2
GEN="$root/build/makepack"       # generates (needs --soft, --due-hard)
MAKEPACK="$root/build/makepack"  # solves and verifies: the solver measured
DISPATCH="$root/build/makepack_dispatch"
LABEL=""
KEEP=""
RECHECK=1

usage() {
    cat <<EOF
usage: bench/feasibility/run.sh [--n N] [--time-limit S] [--threads K] [--makepack PATH]
                                [--generate-with PATH] [--dispatch PATH] [--label TEXT] [--keep DIR]
                                [--no-recheck]
  --n N              instances (default 500)
  --time-limit S     makepack solve --time-limit (default 1)
  --threads K        makepack solve --threads (default 2)
  --makepack PATH    the makepack that solves and verifies (default: build/makepack here)
  --generate-with P  the makepack that generates (default: build/makepack here)
  --dispatch PATH    makepack_dispatch (default: build/makepack_dispatch here)
  --label TEXT       results file name part (default: the solver's source commit, from its CMakeCache)
  --keep DIR         keep instances, plans and logs there (default: a temporary directory, removed)
  --no-recheck       do not re-solve the misses (exit 3 while the dispatch rule has a plan) one by
                     one at S and 5 x S after the run (default: re-solve them, see README.md)
EOF
}

while [ $# -gt 0 ]; do
    case "$1" in
        --n) N=$2; shift 2 ;;
        --time-limit) T=$2; shift 2 ;;
        --threads) THREADS=$2; shift 2 ;;
        --makepack) MAKEPACK=$2; shift 2 ;;
        --generate-with) GEN=$2; shift 2 ;;
        --dispatch) DISPATCH=$2; shift 2 ;;
        --label) LABEL=$2; shift 2 ;;
        --keep) KEEP=$2; shift 2 ;;
        --no-recheck) RECHECK=""; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done
for tool in "$GEN" "$MAKEPACK" "$DISPATCH"; do
    [ -x "$tool" ] || { echo "run.sh: $tool is not an executable (build first)" >&2; exit 2; }
done
if [ -z "$LABEL" ]; then
    # The solver's commit: the source tree its build directory was configured from.
    src=$(sed -n 's/^makepack_SOURCE_DIR:STATIC=//p' "$(dirname "$MAKEPACK")/CMakeCache.txt" 2>/dev/null || true)
    LABEL=$(git -C "${src:-$root}" rev-parse --short HEAD 2>/dev/null || echo unknown)
    if [ -n "$(git -C "${src:-$root}" status --porcelain -- model heuristics solver 2>/dev/null)" ]; then
        LABEL="$LABEL-dirty"
    fi
fi
if [ -n "$KEEP" ]; then work=$KEEP; mkdir -p "$work"; else work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi
mkdir -p "$here/results"
stamp=$(date -u +%Y-%m-%dT%H%M)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
csv="$here/results/$stamp-$LABEL.csv"
summary="$here/results/$stamp-$LABEL.md"

# Deterministic parameters: a 31-bit LCG seeded per instance (bash arithmetic
# only, the same on every machine), a fixed number of draws per instance.
state=0
draw() {  # draw K -> R in [0, K)
    state=$(( (state * 1103515245 + 12345) % 2147483648 ))
    R=$(( (state >> 8) % $1 ))
}
params() {  # params I -> sets ARGS, SIZE, WEEKS, LOAD, and one variable per rule
    state=$(( 9973 * ($1 + 1) ))
    draw 2; if [ $R = 0 ]; then SIZE=thesis; ARGS="--mixers 6 --lines 6 --pastes 14 --skus 32"
                           else SIZE=12x12; ARGS="--mixers 12 --lines 12 --pastes 28 --skus 64"; fi
    draw 2; WEEKS=$((3 + R))
    draw 17; LOAD=$(awk -v k=$R 'BEGIN { printf "%.2f", 0.5 + 0.05 * k }')
    ARGS="$ARGS --weeks $WEEKS --seed $((5000 + $1)) --load $LOAD"
    # Each rule: one draw for on/off, one for its value, always both.
    local f on hard
    STORAGE=""; MAXHOLD=""; DUE=""; DUEHARD=""; MATRIX=""; OUTAGES=""; ELIGIBLE=""; SOFT=""
    draw 100; on=$R; draw 3; f=(0.2 0.3 0.5); [ $on -lt 35 ] && STORAGE=${f[$R]}
    draw 100; on=$R; draw 3; f=(120 168 240); [ $on -lt 35 ] && MAXHOLD=${f[$R]}
    draw 100; on=$R; draw 100; hard=$R; draw 3; f=(0.2 0.5 1)
    if [ $on -lt 50 ]; then DUE=1; [ $hard -lt 50 ] && DUEHARD=${f[$R]}; fi
    draw 100; [ $R -lt 40 ] && MATRIX=1
    draw 100; on=$R; draw 4; [ $on -lt 40 ] && OUTAGES=$((R + 1))
    draw 100; on=$R; draw 3; f=(0.6 0.7 0.85); [ $on -lt 40 ] && ELIGIBLE=${f[$R]}
    draw 100; [ $R -lt 28 ] && SOFT=1
    [ -n "$ELIGIBLE" ] && ARGS="$ARGS --eligible $ELIGIBLE"
    [ -n "$STORAGE" ] && ARGS="$ARGS --storage $STORAGE"
    [ -n "$MAXHOLD" ] && ARGS="$ARGS --max-hold $MAXHOLD"
    [ -n "$DUE" ] && ARGS="$ARGS --due"
    [ -n "$DUEHARD" ] && ARGS="$ARGS --due-hard $DUEHARD"
    [ -n "$MATRIX" ] && ARGS="$ARGS --matrix"
    [ -n "$OUTAGES" ] && ARGS="$ARGS --outages $OUTAGES"
    [ -n "$SOFT" ] && ARGS="$ARGS --soft"
    return 0
}

# Units met / demand from the "Units packed against demand" table of verify.
fill_rate() {
    awk '/^Units packed against demand/ { units = 1 } units && $1 == "total" { printf "%.4f", ($4 - $5) / $4; exit }' "$1"
}
objective() { sed -n 's/^Objective (minimise): total \([0-9.e+-]*\).*/\1/p' "$1" | head -1; }

echo "instance,size,weeks,load,storage,max_hold,due,due_hard,matrix,outages,eligible,soft,est_mixers,est_lines,solve_exit,status,objective,bound,gap_pct,fill_rate,dispatch,dispatch_objective,dispatch_fill_rate,seconds,before_search,reason,cpu_seconds" > "$csv"
started=$(date +%s)
for ((i = 0; i < N; ++i)); do
    params "$i"
    name=$(printf "feas%04d" "$i")
    inst="$work/$name.yaml"
    est_m=""; est_l=""; solve_exit=""; status=""; obj=""; bound=""; gap=""; fill=""; dplan=no; dobj=""; dfill=""; secs=""; before=""; reason=""; cpu=""
    # shellcheck disable=SC2086
    if ! nice "$GEN" generate $ARGS -o "$inst" -q 2> "$work/$name.gen.err"; then
        # Exit 2 at load > 1 or with hard due dates: the loader's capacity check
        # refuses the demand (a proof that no plan exists); anything else is an error.
        if grep -q "loader refuses" "$work/$name.gen.err"; then status=refused-by-loader; else status=error; fi
        reason=$(head -2 "$work/$name.gen.err" | tail -1 | tr ',\n' ';  ' | cut -c1-200)
    else
        read -r est_m est_l < <(sed -n 's/^# estimated utilisation: mixers \([0-9.]*\), lines \([0-9.]*\).*/\1 \2/p' "$inst")
        start=$(date +%s.%N)
        set +e
        # CPU seconds (user + system) the solve got: on a busy machine a 1-s
        # solve may get a fraction of its threads' time, which tells budget
        # misses from others.
        nice /usr/bin/time -f "%U %S" -o "$work/$name.solve.time" \
            "$MAKEPACK" solve "$inst" -o "$work/$name.plan.yaml" --time-limit "$T" --threads "$THREADS" \
            > "$work/$name.solve.out" 2> "$work/$name.solve.err"
        solve_exit=$?
        set -e
        cpu=$(awk 'END { printf "%.2f", $1 + $2 }' "$work/$name.solve.time")
        secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
        bound=$(sed -n 's/^makepack: lower bound \([0-9.e+-]*\) .*/\1/p' "$work/$name.solve.err" | head -1)
        if [ $solve_exit = 0 ]; then
            if "$MAKEPACK" verify "$inst" "$work/$name.plan.yaml" > "$work/$name.verify.out" 2>&1; then
                status=plan
                obj=$(objective "$work/$name.verify.out")
                fill=$(fill_rate "$work/$name.verify.out")
                if [ -n "$bound" ] && [ -n "$obj" ]; then
                    gap=$(awk -v o="$obj" -v b="$bound" 'BEGIN { g = o > 0 ? 100 * (o - b) / o : 0; printf "%.2f", g < 0 ? 0 : g }')
                fi
            else
                status=error; reason="verify rejects the written plan"
            fi
        elif [ $solve_exit = 3 ]; then
            line=$(grep -m1 "cannot be scheduled" "$work/$name.solve.err" || true)
            case "$line" in *proof:*) status=infeasible-proved ;; *) status=infeasible-unproved ;; esac
            # Refused before the search started (59cdaa1: by the lower bound, whose
            # message has no "proof:"): recorded so such runs can be told apart.
            grep -q "^makepack: solving" "$work/$name.solve.err" && before=no || before=yes
            reason=$(printf '%s' "${line#*cannot be scheduled: }" | tr ',\n' ';  ' | cut -c1-200)
        else
            status=error; reason="solve exit $solve_exit"
        fi
        set +e
        nice "$DISPATCH" "$inst" -o "$work/$name.dispatch.yaml" > "$work/$name.dispatch.out" 2> "$work/$name.dispatch.err"
        dexit=$?
        set -e
        if [ $dexit = 0 ]; then
            if "$MAKEPACK" verify "$inst" "$work/$name.dispatch.yaml" > "$work/$name.dverify.out" 2>&1; then
                dplan=yes
                dobj=$(objective "$work/$name.dverify.out")
                dfill=$(fill_rate "$work/$name.dverify.out")
            else
                dplan=rejected  # the dispatch tool's own check passed but verify did not: a bug to look at
            fi
        elif [ $dexit != 3 ]; then
            dplan=error
        fi
    fi
    [ -n "$SOFT" ] || fill=""
    [ -n "$SOFT" ] || dfill=""
    echo "$name,$SIZE,$WEEKS,$LOAD,$STORAGE,$MAXHOLD,$DUE,$DUEHARD,$MATRIX,$OUTAGES,$ELIGIBLE,${SOFT:+1},$est_m,$est_l,$solve_exit,$status,$obj,$bound,$gap,$fill,$dplan,$dobj,$dfill,$secs,$before,$reason,$cpu" >> "$csv"
    if (( (i + 1) % 25 == 0 )); then echo "run.sh: $((i + 1)) of $N" >&2; fi
done

# The misses (exit 3 while the dispatch rule has a plan), each solved again
# alone right after the run, at the same limit and at 5 x: on a busy machine
# this tells budget misses from the rest (README.md, earlier runs did it by hand).
recheck() {
    local misses
    misses=$(awk -F, '$16 ~ /^infeasible/ && $21 == "yes" { print $1 }' "$csv")
    [ -n "$misses" ] || return 0
    echo
    echo "Misses solved again one by one after the run (\`solve --time-limit S --threads $THREADS --seed 1\`, plan checked by \`verify\`): units short, or plan"
    echo
    echo "| instance | cpu s in the run | S = $T | S = $(awk -v t="$T" 'BEGIN { print 5 * t }') |"
    echo "|---|---|---|---|"
    local name t out result cells
    for name in $misses; do
        cells=""
        for t in "$T" "$(awk -v t="$T" 'BEGIN { print 5 * t }')"; do
            out="$work/$name.recheck-$t"
            set +e
            nice "$MAKEPACK" solve "$work/$name.yaml" -o "$out.yaml" --time-limit "$t" --threads "$THREADS" --seed 1 \
                > /dev/null 2> "$out.err"
            result=$?
            set -e
            if [ $result = 0 ]; then
                "$MAKEPACK" verify "$work/$name.yaml" "$out.yaml" > /dev/null 2>&1 && result=plan || result="plan rejected by verify"
            elif [ $result = 3 ]; then
                result=$(grep -m1 -oE 'leaves [0-9]+ units' "$out.err" | grep -oE '[0-9]+' || true)
                result=${result:+$result units short}
                result=${result:-exit 3 before a start plan}
            else
                result="exit $result"
            fi
            cells="$cells | $result"
        done
        echo "| $name | $(awk -F, -v n="$name" '$1 == n { print $27 }' "$csv")$cells |"
    done
}

"$here/summarize.sh" "$csv" > "$summary"
{
    echo
    echo "Command: bench/feasibility/run.sh --n $N --time-limit $T --threads $THREADS (label $LABEL)"
    echo "Solver: $MAKEPACK; generator: $GEN; dispatch: $DISPATCH"
    echo "Machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(date -u +%Y-%m-%d);" \
         "load average $load_before at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end"
    echo "Run time: $(( $(date +%s) - started )) s"
    echo "CSV: ${csv#"$root/"}"
    [ -z "$RECHECK" ] || recheck
} >> "$summary"
cat "$summary"
