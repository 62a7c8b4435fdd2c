#!/usr/bin/env bash
# The main job on a bundled example: installs what is missing, builds, compiles the bundled
# micro-rope model (RoPE attention, 2 layers, p = 6) to a threshold circuit with its report and
# bounds table, checks the circuit against the word-level reference on random inputs, and runs
# the model once with both engines.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh >/dev/null
mkdir -p build/example
model=examples/models/micro-rope.json
echo "== tc0 compile $model"
./build/tc0 compile "$model" -o build/example/micro-rope.tc0 --report build/example/micro-rope.report.json
echo "== tc0 verify (gate level against the word-level reference, 16 random inputs)"
./build/tc0 verify build/example/micro-rope.tc0 --random 16
echo '{"x": [[1, 0.5, -0.25, 2], [0, -1, 0.75, 0.125], [-2, 1.5, 0.5, -0.5], [0.25, 0.25, -1.25, 1]]}' \
  > build/example/micro-rope.input.json
echo "== tc0 run --engine reference / circuit: the first output row"
for engine in reference circuit; do
  ./build/tc0 run "$model" --input build/example/micro-rope.input.json --engine "$engine" \
    -o "build/example/micro-rope.$engine.json"
  /usr/bin/python3 -c "import json,sys; y=json.load(open(sys.argv[1])); print(sys.argv[2], y['y_hex'][0])" \
    "build/example/micro-rope.$engine.json" "$engine"
done
