#!/usr/bin/env bash
# Sets up (scripts/setup.sh), then solves the four-week thesis instance and
# verifies the schedule it wrote:
#   build/makepack solve instances/oakhill-4w.yaml -o oakhill-4w.schedule.yaml
#   build/makepack verify instances/oakhill-4w.yaml oakhill-4w.schedule.yaml
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh

echo
echo "=== solve: build/makepack solve instances/oakhill-4w.yaml -o oakhill-4w.schedule.yaml"
build/makepack solve instances/oakhill-4w.yaml -o oakhill-4w.schedule.yaml

echo
echo "=== verify: build/makepack verify instances/oakhill-4w.yaml oakhill-4w.schedule.yaml"
build/makepack verify instances/oakhill-4w.yaml oakhill-4w.schedule.yaml
