#!/usr/bin/env bash
# One-command setup on Debian 12, by job: installs the packages the job needs
# (only those missing; needs root or sudo then), then configures and builds
# makepack and its tests in Release mode into build/. Idempotent: a second run
# installs nothing and rebuilds only what changed.
#
#   scripts/setup.sh              # solving: compiler, cmake, the libraries (solve-example.sh)
#   scripts/setup.sh --for test   # + the test and benchmark tools: clang (sanitizers,
#                                 #   fuzzers), chromium (Gantt PNG), node + npm ci
#                                 #   (CP-SAT baseline), python3 (bench medians)
#   scripts/setup.sh --for prototypes  # solving + python3-yaml, -scipy, -networkx for the
#                                 #   measurement prototypes in bench/relaxation/*.py
#   MAKEPACK_JOBS=4 scripts/setup.sh
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
jobs="${MAKEPACK_JOBS:-2}"
job=solve
case "${1:-}" in
  "") ;;
  --for) job="${2:-}" ;;
  --for=*) job="${1#--for=}" ;;
  -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
  *) echo "setup.sh: unknown argument '$1' (use --for solve|test|prototypes)" >&2; exit 2 ;;
esac
[[ $job == solve || $job == test || $job == prototypes ]] ||
  { echo "setup.sh: --for takes solve, test or prototypes, not '$job'" >&2; exit 2; }

# Solving needs the compiler and the libraries (doctest too: the default build
# has the tests, and the package is 300 kB).
packages=(
  build-essential cmake
  libboost-graph-dev libboost-program-options-dev libtbb-dev libyaml-cpp-dev doctest-dev
  openmpi-bin libopenmpi-dev libboost-mpi-dev  # Boost.MPI: mpirun -n N makepack batch|solve (docs/mpi.md)
)
# Testing adds clang (libFuzzer, sanitizers), chromium (125 MB: the Gantt PNG
# render test and scripts/render-gantt.sh), xmllint, and python3 (the median
# table of bench/search/run.sh).
if [[ $job == test ]]; then
  packages+=(clang-14 libclang-rt-14-dev chromium libxml2-utils python3)
fi
# The bound prototypes of bench/relaxation (docs/bound.md) run with Debian's
# /usr/bin/python3 and its scipy (HiGHS) and networkx.
if [[ $job == prototypes ]]; then
  packages+=(python3 python3-yaml python3-scipy python3-networkx)
fi

sudo_cmd=""
[[ $(id -u) -eq 0 ]] || sudo_cmd=sudo

echo "=== setup: Debian packages"
missing=()
for package in "${packages[@]}"; do
  if ! dpkg -s "$package" 2>/dev/null | grep -q '^Status: install ok installed'; then
    missing+=("$package")
  fi
done
if ((${#missing[@]} == 0)); then
  echo "all ${#packages[@]} packages installed"
else
  echo "missing: ${missing[*]}"
  if [[ $(id -u) -eq 0 ]]; then
    sudo=()
  elif command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "setup: installing packages needs root or sudo; as root run:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update
  "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi

if [[ $job == test ]]; then
  echo "=== setup: CP-SAT baseline (bench/cpsat: npm ci)"
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    # The machine image ships Node 20; Debian's own nodejs is the fallback.
    echo "node/npm missing: installing Debian's nodejs and npm"
    export DEBIAN_FRONTEND=noninteractive
    ${sudo_cmd:-} apt-get update && ${sudo_cmd:-} apt-get install -y --no-install-recommends nodejs npm
  fi
  if [[ ! -f bench/cpsat/node_modules/.package-lock.json || bench/cpsat/package-lock.json -nt bench/cpsat/node_modules/.package-lock.json ]]; then
    (cd bench/cpsat && npm ci --no-audit --no-fund)
  else
    echo "bench/cpsat/node_modules up to date"
  fi
fi

echo "=== setup: configure + build (Release) in build/"
# A first configure builds in unity mode (16 sources per compiler run: a
# fresh build in about half the CPU time); an existing build/ keeps its own
# setting, so a developer's incremental builds stay per file.
unity=()
[[ -f build/CMakeCache.txt ]] || unity=(-DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=16)
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release "${unity[@]}"
if [[ $job == test ]]; then
  cmake --build build -j "$jobs"
else
  # Solving needs the executable only; the tests build with --for test.
  cmake --build build -j "$jobs" --target makepack
fi
echo "setup: done; the executable is build/makepack"
