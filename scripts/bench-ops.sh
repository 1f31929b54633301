#!/usr/bin/env bash
# npm run bench:ops: builds the op benchmark natively and for the wasm variants it compares, then runs it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export NODE_PATH=/usr/share/nodejs
bash scripts/setup.sh all
for preset in native wasm-simd wasm-simd-threads wasm-relaxed-simd-threads; do
  [ -f "build/$preset/build.ninja" ] || cmake --preset "$preset" > /dev/null
  cmake --build --preset "$preset" --target ml5_op_bench > /dev/null
done
node bench/ops.mjs "$@"
node scripts/doc-numbers.mjs
