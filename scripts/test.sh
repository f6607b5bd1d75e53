#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine (as CI runs it):
#   1. scripts/setup.sh --for test: packages + Release build in build/
#   2. ctest in build/
#   3. ASan+UBSan build of the tests in build-asan/, ctest
#   4. TSan build of the tests of the threaded code in build-tsan/, ctest
#      (the parallel search, exchange, batch, CLI processes, review; CMakeLists.txt)
#   5. the libFuzzer targets (clang) in build-fuzz/, MAKEPACK_FUZZ_SECONDS of CPU in
#      all (default 75), a third each, side by side (tests/fuzz/README.md):
#        fuzz_instance_loader      seeds instances/**/*.yaml, tests/fuzz/corpus/*
#        fuzz_schedule_checker     seeds tests/fuzz/corpus_schedule/*
#        fuzz_checker_differential no seeds (any bytes are a case)
#      a crash, leak, timeout or checker/reference disagreement fails
# Every section runs even when an earlier one failed; the script ends with the
# ctest summary lines and exits non-zero if any section failed.
#
# Environment: MAKEPACK_JOBS (default 2), MAKEPACK_FUZZ_SECONDS (default 75;
# 0 skips the fuzz runs but still builds the fuzzers).
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$(pwd)
jobs="${MAKEPACK_JOBS:-2}"
fuzz_seconds="${MAKEPACK_FUZZ_SECONDS:-75}"
started=$SECONDS
failed=()
summary=()

# Unity builds (16 sources per compiler run) for the test-only build dirs:
# headers are parsed once per batch; measured on the model library with
# ASan -O1: 104 -> 57 s of CPU. Sources must not repeat names in anonymous
# namespaces (docs/architecture.md).
unity=(-DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=16)

section() { printf '\n========== %s ==========\n' "$*"; }
elapsed() { echo "$((SECONDS - started)) s"; }

# run_ctest NAME DIR: runs ctest in DIR, keeps its summary lines for the end.
run_ctest() {
  local name=$1 dir=$2 log
  log="$dir/ctest.log"
  (cd "$dir" && ctest --output-on-failure -j "$jobs" --timeout 600) 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  summary+=("--- $name ($dir/)")
  while IFS= read -r line; do summary+=("$line"); done < <(grep -E 'tests passed|tests failed|No tests were found|Total Test time' "$log")
  if ((status != 0)); then
    failed+=("$name")
  fi
}

# build_sanitized NAME DIR SANITIZERS: configures + builds the tests with sanitizers.
build_sanitized() {
  local name=$1 dir=$2 sanitize=$3
  mkdir -p "$dir"
  # -O1 -g1: the usual sanitizer setting; compiles about twice as fast as -O2 -g.
  if cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" "${unity[@]}" \
       -DMAKEPACK_SANITIZE="$sanitize" >"$dir/configure.log" 2>&1 \
     || { cat "$dir/configure.log"; false; }; then
    if cmake --build "$dir" -j "$jobs"; then
      return 0
    fi
  fi
  failed+=("$name build")
  summary+=("--- $name ($dir/)" "build FAILED")
  return 1
}

section "1/5 setup: packages + Release build (build/)"
if ! bash scripts/setup.sh --for test; then
  failed+=("setup/Release build")
  summary+=("--- Release (build/)" "build FAILED")
else
  section "2/5 tests: Release (build/)  [$(elapsed)]"
  run_ctest "Release" build
fi

# Sanitizer runtime settings: stop at the first report, with a stack trace.
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:strict_string_checks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}"
# Reports TSan cannot judge (e.g. inside Debian's uninstrumented libtbb) may be
# suppressed, one justified line each, in tests/tsan.supp.
if [[ -f tests/tsan.supp ]]; then export TSAN_OPTIONS="$TSAN_OPTIONS:suppressions=$root/tests/tsan.supp"; fi

section "3/5 tests: ASan+UBSan (build-asan/)  [$(elapsed)]"
# Tests marked doctest::skip(kSanitizedBuild) are not registered here; say so.
echo "Release suite only (not in the sanitizer builds): the CP-SAT baseline, bench/run and the"
echo "headless-Chromium render tests -- their time is uninstrumented wasm/Chromium under fixed limits."
echo "Smaller samples here (the Release run covers all): the bound checks leave bench/large and the medium"
echo "plants but bench/medium-plant out, the timing check searches no plan on bench/large, the feasibility"
echo "property takes half its cases."
if build_sanitized "ASan+UBSan" build-asan address,undefined; then
  run_ctest "ASan+UBSan" build-asan
fi

section "4/5 tests: TSan, the threaded code (build-tsan/)  [$(elapsed)]"
if build_sanitized "TSan" build-tsan thread; then
  run_ctest "TSan" build-tsan
fi

section "5/5 fuzz: loader, schedule reader + checker, differential checker; ${fuzz_seconds} s (build-fuzz/)  [$(elapsed)]"
fuzz_targets=(fuzz_instance_loader fuzz_schedule_checker fuzz_checker_differential)
# The three fuzzers run side by side, each for fuzz_seconds / jobs of wall time:
# on 2 cores that is the CPU time each had when they ran one after the other
# (a third of fuzz_seconds), in about half the wall time.
# start_fuzz TARGET SECONDS CORPUS_DIR DICT: starts one bounded libFuzzer run in
# the background; finish_fuzz TARGET waits for it; a finding fails.
declare -A fuzz_pid
start_fuzz() {
  local target=$1 seconds=$2 corpus=$3 dict=$4 artifacts=build-fuzz/artifacts/$1 log=build-fuzz/$1.log
  mkdir -p "$artifacts"
  local dict_arg=()
  [[ -n $dict && -f $dict ]] && dict_arg=(-dict="$dict")
  # A small quarantine, no malloc fill and short malloc stacks: 2-4x more runs
  # per second on these allocation-heavy targets; every check stays on.
  ASAN_OPTIONS="$ASAN_OPTIONS:quarantine_size_mb=8:max_malloc_fill_size=0:malloc_context_size=2" \
    build-fuzz/"$target" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 \
      "${dict_arg[@]}" -artifact_prefix="$artifacts/" "$corpus" 2>"$log" &
  fuzz_pid[$target]=$!
}
finish_fuzz() {
  local target=$1 artifacts=build-fuzz/artifacts/$1 log=build-fuzz/$1.log
  if wait "${fuzz_pid[$target]}"; then
    local runs seconds
    runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo "?")
    seconds=$(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$log" | grep -Eo '[0-9]+ second' | grep -Eo '[0-9]+' || echo "?")
    echo "fuzz $target: ${seconds} s, ${runs} runs, no finding"
    summary+=("fuzz $target: ${seconds} s, ${runs} runs, no finding")
  else
    tail -n 60 "$log"
    echo "fuzz $target: FAILED; reproducer(s) in $root/$artifacts: $(ls "$artifacts" | tr '\n' ' ')"
    failed+=("fuzz $target")
    summary+=("fuzz $target: FAILED, see $artifacts/")
  fi
}
if ! command -v clang++-14 >/dev/null 2>&1; then
  echo "clang++-14 not found (scripts/setup.sh installs it)"
  failed+=("fuzz")
  summary+=("--- fuzz" "fuzz: FAILED (no clang++-14)")
elif ! { mkdir -p build-fuzz && CXX=clang++-14 cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" "${unity[@]}" -DMAKEPACK_FUZZ=ON \
           -DMAKEPACK_TESTS=OFF -DMAKEPACK_SANITIZE=address,undefined,fuzzer-no-link >build-fuzz/configure.log 2>&1 \
         || { cat build-fuzz/configure.log; false; }; } \
     || ! cmake --build build-fuzz -j "$jobs" --target "${fuzz_targets[@]}"; then
  failed+=("fuzz build")
  summary+=("--- fuzz" "fuzz: build FAILED")
else
  summary+=("--- fuzz")
  # Fresh corpora each run: the shipped seeds only (a grown corpus would make runs differ).
  rm -rf build-fuzz/corpus && mkdir -p build-fuzz/corpus/{loader,schedule,differential}
  # Loader seeds: every shipped instance up to 256 KiB (the 100k-line bench file
  # only slows each run) and the loader's own seeds in tests/fuzz/corpus/.
  find instances -name '*.yaml' -size -256k -exec cp {} build-fuzz/corpus/loader/ \;
  for seed in tests/fuzz/corpus/*; do [[ -f $seed ]] && cp "$seed" "build-fuzz/corpus/loader/fuzz-seed-$(basename "$seed")"; done
  for seed in tests/fuzz/corpus_schedule/*; do [[ -f $seed ]] && cp "$seed" build-fuzz/corpus/schedule/; done
  if ((fuzz_seconds > 0)); then
    each=$(( (fuzz_seconds + jobs - 1) / jobs ))
    start_fuzz fuzz_instance_loader "$each" build-fuzz/corpus/loader tests/fuzz/instance.dict
    start_fuzz fuzz_schedule_checker "$each" build-fuzz/corpus/schedule tests/fuzz/schedule.dict
    start_fuzz fuzz_checker_differential "$each" build-fuzz/corpus/differential ""
    for target in "${fuzz_targets[@]}"; do finish_fuzz "$target"; done
  else
    summary+=("fuzz: built, runs skipped (MAKEPACK_FUZZ_SECONDS=0)")
  fi
fi

section "summary  [$(elapsed)]"
if ((${#failed[@]} > 0)); then
  echo "FAILED: ${failed[*]}"
fi
printf '%s\n' "${summary[@]}"
((${#failed[@]} == 0))
