#!/usr/bin/env bash
# Renders a Gantt chart page (`makepack report ... --gantt FILE.html`) to a PNG
# with headless Chromium (Debian package `chromium`), offline: no network, a
# throw-away profile directory.
#
#   scripts/render-gantt.sh FILE.html OUT.png [WIDTHxHEIGHT]   # default 1600x1000
#
# Exit codes: 0 rendered; 1 Chromium failed or wrote no PNG; 2 bad usage;
# 3 Chromium is not installed (install the Debian package `chromium`, or run
# scripts/setup.sh --for test).
set -euo pipefail

if (($# < 2 || $# > 3)); then
  echo "usage: $0 FILE.html OUT.png [WIDTHxHEIGHT]" >&2
  exit 2
fi
html=$1
png=$2
size=${3:-1600x1000}
if [[ ! -f $html ]]; then
  echo "$0: no such file: $html" >&2
  exit 2
fi
if [[ ! $size =~ ^[0-9]+x[0-9]+$ ]]; then
  echo "$0: size must be WIDTHxHEIGHT, got '$size'" >&2
  exit 2
fi

browser=""
for candidate in chromium chromium-browser; do
  if command -v "$candidate" >/dev/null 2>&1; then
    browser=$(command -v "$candidate")
    break
  fi
done
if [[ -z $browser ]]; then
  echo "$0: chromium not found: install the Debian package 'chromium' (apt-get install -y chromium) or run scripts/setup.sh --for test" >&2
  exit 3
fi

profile=$(mktemp -d "${TMPDIR:-/tmp}/render-gantt.XXXXXX")
trap 'rm -rf "$profile"' EXIT
html_abs=$(cd "$(dirname "$html")" && pwd)/$(basename "$html")
png_dir=$(cd "$(dirname "$png")" && pwd)
png_abs=$png_dir/$(basename "$png")
rm -f "$png_abs"

# --virtual-time-budget lets the page's script run before the screenshot.
if ! timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --disable-dev-shm-usage --hide-scrollbars --virtual-time-budget=3000 \
    --user-data-dir="$profile" --screenshot="$png_abs" --window-size="${size/x/,}" \
    "file://$html_abs" >"$profile/chromium.log" 2>&1; then
  echo "$0: chromium failed:" >&2
  tail -n 20 "$profile/chromium.log" >&2
  exit 1
fi
if [[ ! -s $png_abs ]]; then
  echo "$0: chromium wrote no screenshot to $png_abs:" >&2
  tail -n 20 "$profile/chromium.log" >&2
  exit 1
fi
echo "$png_abs ($(stat -c %s "$png_abs") bytes, ${size})"
