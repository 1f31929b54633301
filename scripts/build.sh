#!/usr/bin/env bash
# Builds the wasm variants and the JS bundles into dist/. Incremental: reruns cost seconds.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export NODE_PATH=/usr/share/nodejs  # emcc's JS optimizer needs Debian's acorn

mkdir -p dist
for variant in wasm-simd wasm-simd-threads wasm-relaxed-simd wasm-relaxed-simd-threads wasm-scalar; do
  [ -f "build/$variant/build.ninja" ] || cmake --preset "$variant" > /dev/null
  targets=(ml5_wasm); [ "$variant" = wasm-simd ] && targets+=(ml5_wasm_single)
  cmake --build --preset "$variant" -- -k 0 "${targets[@]}" > /dev/null ||
    cmake --build --preset "$variant" --target "${targets[@]}"  # rerun to show the errors
  cp build/$variant/bindings/ml5-$variant.{js,wasm} dist/
  [[ $variant == *-threads ]] && cp build/$variant/bindings/ml5-$variant.worker.js dist/
done
node scripts/bundle.mjs
echo "[ml5-wasm build] dist/: $(cd dist && ls | tr '\n' ' ')" >&2
