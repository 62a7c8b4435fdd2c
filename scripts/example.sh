#!/usr/bin/env bash
# The main job on a bundled example: installs, builds, generates a 32-bit comparator in both weight
# regimes, verifies each against its reference and prints its stats.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh >/dev/null
mkdir -p build/example
for regime in exp majority; do
  echo "== tc0 gen cmp --width 32 --weights $regime"
  ./build/tc0 gen cmp --width 32 --weights "$regime" -o "build/example/cmp32-$regime.tc0"
  ./build/tc0 verify "build/example/cmp32-$regime.tc0"
  ./build/tc0 stats "build/example/cmp32-$regime.tc0"
done
