#!/usr/bin/env bash
# One-command setup on Debian 12: installs the build dependencies (only when
# one is missing; needs root or sudo then), the test tools (chromium for the
# Gantt render test; bench/cpsat's npm packages for the CP-SAT baseline test),
# then configures and builds makepack and its tests in Release mode into
# build/. Idempotent: a second run installs nothing and rebuilds only what
# changed.
#
#   scripts/setup.sh            # packages + build/
#   MAKEPACK_JOBS=4 scripts/setup.sh
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
jobs="${MAKEPACK_JOBS:-2}"

packages=(
  build-essential cmake
  libboost-graph-dev libboost-program-options-dev libtbb-dev libyaml-cpp-dev doctest-dev
  clang-14 libclang-rt-14-dev
  chromium libxml2-utils
  python3  # the median table of bench/search/run.sh (standard library only)
  openmpi-bin libopenmpi-dev libboost-mpi-dev  # mpirun -n N makepack batch|solve (docs/mpi.md)
)
# Test tools: headless Chromium renders the Gantt page (scripts/render-gantt.sh,
# tests/solver/gantt_render_test.cpp).
[[ -f scripts/render-gantt.sh ]] && packages+=(chromium)

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

echo "=== setup: configure + build (Release) in build/"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j "$jobs"
echo "setup: done; the executable is build/makepack"
