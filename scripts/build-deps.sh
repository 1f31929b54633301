#!/usr/bin/env bash
# Builds XNNPACK + pthreadpool for one variant into the cache, once per version:
#   scripts/build-deps.sh wasm-simd | wasm-simd-threads | wasm-relaxed-simd |
#                         wasm-relaxed-simd-threads | wasm-scalar | native
# Prints nothing and returns at once when that build is already cached.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/versions.sh"
variant=${1:?usage: build-deps.sh wasm-simd|wasm-simd-threads|wasm-relaxed-simd|wasm-relaxed-simd-threads|wasm-scalar|native}
prefix="$ML5_DEPS_DIR/$variant"
[ -f "$prefix/.complete" ] && exit 0

"$here/fetch-deps.sh"
build="$ML5_DEPS_DIR/build-$variant"
common=(-G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix"
        -DML5_DEPS_SOURCES="$ML5_DEPS_DIR/src" -DML5_CPUINFO_PREFIX="$ML5_DEPS_DIR/src/cpuinfo")
case "$variant" in
  wasm-simd)
    flags="-msimd128"
    cfg=(emcmake cmake "${common[@]}") ;;
  wasm-scalar)
    # No SIMD128: XNNPACK's scalar wasm kernels, for browsers without wasm SIMD.
    flags=""
    cfg=(emcmake cmake "${common[@]}") ;;
  wasm-simd-threads)
    # pthreadpool spins 1e6 times before it sleeps; on busy or over-reported cores the spinning
    # threads take the time that the working ones need (pix2pix ngf32 on 4 threads on 2 cores:
    # 344 ms, against 89 ms on 2). With 2e5 spins that was 135 ms; fewer spins (2e4: 116 ms)
    # made small calls pay for waking threads (CVAE generate on 2 threads: 0.65 ms, 0.22 at 2e5).
    flags="-msimd128 -pthread -DPTHREADPOOL_SPIN_WAIT_ITERATIONS=200000"
    cfg=(emcmake cmake "${common[@]}" -DPTHREADPOOL_EMSCRIPTEN_THREADS=ON) ;;
  wasm-relaxed-simd)
    # XNNPACK's relaxed-SIMD kernels (FMA) without threads, compiled by clang-19
    # (cmake/RelaxedSimd.cmake).
    flags="-msimd128 -mrelaxed-simd"
    cfg=(emcmake cmake "${common[@]}" -DML5_RELAXED_SIMD=ON) ;;
  wasm-relaxed-simd-threads)
    # The same with threads.
    flags="-msimd128 -mrelaxed-simd -pthread -DPTHREADPOOL_SPIN_WAIT_ITERATIONS=200000"
    cfg=(emcmake cmake "${common[@]}" -DPTHREADPOOL_EMSCRIPTEN_THREADS=ON -DML5_RELAXED_SIMD=ON) ;;
  native)
    flags="-fPIC"
    cfg=(cmake "${common[@]}") ;;
  *) echo "unknown variant '$variant'" >&2; exit 2 ;;
esac
# The four SIMD variants come in twins, with and without threads, whose microkernels are the
# same code: whichever is built second reuses the first one's (third_party/CMakeLists.txt).
case "$variant" in
  wasm-simd|wasm-relaxed-simd|wasm-simd-threads|wasm-relaxed-simd-threads)
    cfg+=("-DML5_MICROKERNEL_FLAGS=-matomics;-mbulk-memory")
    twin=${variant%-threads}; [ "$twin" = "$variant" ] && twin=$variant-threads
    if [ -f "$ML5_DEPS_DIR/$twin/.complete" ]; then
      cfg+=("-DML5_SHARED_MICROKERNELS=$ML5_DEPS_DIR/$twin/lib/libmicrokernels-prod.a")
      echo "[ml5-wasm deps] $variant reuses the microkernels of $twin" >&2
    fi ;;
esac
export NODE_PATH=/usr/share/nodejs # emcc's JS optimizer needs Debian's acorn
echo "[ml5-wasm deps] building XNNPACK for $variant (first time only, several minutes)" >&2
start=$(date +%s)
rm -rf "$build" "$prefix"
"${cfg[@]}" -S "$here/../third_party" -B "$build" -DCMAKE_C_FLAGS="$flags" \
  -DCMAKE_CXX_FLAGS="$flags" > "$ML5_DEPS_DIR/configure-$variant.log" 2>&1 ||
  { tail -n 40 "$ML5_DEPS_DIR/configure-$variant.log" >&2; exit 1; }
cmake --build "$build" > "$ML5_DEPS_DIR/build-$variant.log" 2>&1 ||
  { grep -B2 -A20 -m3 'error' "$ML5_DEPS_DIR/build-$variant.log" >&2; exit 1; }
cmake --install "$build" > /dev/null
rm -rf "$build"
touch "$prefix/.complete"
echo "[ml5-wasm deps] $variant ready in $(( $(date +%s) - start )) s: $prefix" >&2
