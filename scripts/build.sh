#!/usr/bin/env bash
# Builds the wasm variants (all five, or those named) and the JS bundles into dist/.
# Incremental: reruns cost seconds. Files in dist/ are replaced whole and only when they changed,
# so a server that reads them meanwhile (npm start) never sees half a file.
#   scripts/build.sh [variant ...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export NODE_PATH=/usr/share/nodejs  # emcc's JS optimizer needs Debian's acorn

publish() {  # publish FILE...: into dist/, by rename
  for file in "$@"; do
    cmp -s "$file" "dist/${file##*/}" && continue
    cp "$file" "dist/.${file##*/}.tmp" && mv "dist/.${file##*/}.tmp" "dist/${file##*/}"
  done
}

mkdir -p dist
variants=("$@")
[ ${#variants[@]} -gt 0 ] || variants=(wasm-simd wasm-simd-threads wasm-relaxed-simd wasm-relaxed-simd-threads wasm-scalar)
for variant in "${variants[@]}"; do
  [ -f "build/$variant/build.ninja" ] || cmake --preset "$variant" > /dev/null
  targets=(ml5_wasm); [ "$variant" = wasm-simd ] && targets+=(ml5_wasm_single)
  cmake --build --preset "$variant" -- -k 0 "${targets[@]}" > /dev/null ||
    cmake --build --preset "$variant" --target "${targets[@]}"  # rerun to show the errors
  publish build/$variant/bindings/ml5-$variant.{js,wasm}
  [[ $variant == *-threads ]] && publish build/$variant/bindings/ml5-$variant.worker.js
done
node scripts/bundle.mjs
echo "[ml5-wasm build] dist/: $(cd dist && ls | tr '\n' ' ')" >&2
