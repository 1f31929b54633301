#!/usr/bin/env bash
# `npm test`: sets up what is missing, builds, then runs every suite and prints each runner's
# summary. Runs all suites even after a failure; exits non-zero if any failed.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export NODE_PATH=/usr/share/nodejs  # emcc's JS optimizer needs Debian's acorn
start=$(date +%s)

bash scripts/setup.sh all || { echo "setup failed" >&2; exit 1; }
bash scripts/build.sh || { echo "build failed" >&2; exit 1; }

failed=()
# node --test runs also write TAP here, for the failure digest at the end.
logs=build/test-logs; rm -rf "$logs"; mkdir -p "$logs"
tap() { printf -- '--test-reporter=spec --test-reporter-destination=stdout --test-reporter=tap --test-reporter-destination=%s' "$logs/$1.tap"; }
section() { printf '\n=== %s\n' "$1"; }
quiet() {  # runs a command, showing its output only if it fails
  local out; out=$(mktemp)
  if "$@" > "$out" 2>&1; then rm -f "$out"; return 0; fi
  tail -n 60 "$out"; rm -f "$out"; return 1
}

# The C++ tests (op harness, tfjs loader, CVAE compatibility) natively, under ASan+UBSan, and
# in the threaded and unthreaded SIMD wasm variants (the relaxed-SIMD ones under Node's flag).
# The relaxed build without threads and the build without SIMD (the last resort) run the op
# harness, which checks every op against its reference (their models are checked from Node below).
for preset in native native-asan wasm-simd wasm-simd-threads wasm-relaxed-simd wasm-relaxed-simd-threads wasm-scalar; do
  section "C++ tests: $preset"
  targets=(); tests=()
  case $preset in wasm-scalar|wasm-relaxed-simd) targets=(--target ml5_ops_test) tests=(-R '^ops$') ;; esac
  if ! { [ -f "build/$preset/build.ninja" ] || quiet cmake --preset "$preset"; } ||
     ! quiet cmake --build --preset "$preset" "${targets[@]}"; then
    failed+=("build $preset"); continue
  fi
  ctest --preset "$preset" "${tests[@]}" || failed+=("ctest $preset")
  log="build/$preset/Testing/Temporary/LastTest.log"
  sed -n '/\[ op errors \]/,/^\[====/p' "$log" | sed '$d'
  grep -h '\[ cvae compat \]\|\[ pix2pix compat \]\|SKIPPED' "$log" || true
  # The op benchmark must keep running (one quick pass; real numbers: npm run bench:ops).
  if [ "$preset" != native-asan ] && [ "$preset" != wasm-scalar ] && [ "$preset" != wasm-relaxed-simd ]; then
    runner=""; [[ $preset == wasm* ]] && runner=node
    [[ $preset == wasm-relaxed* ]] && runner="node --experimental-wasm-relaxed-simd"
    bench="build/$preset/bench/ml5_op_bench"; [[ $preset == wasm* ]] && bench+=".js"
    quiet $runner "$bench" 1 && echo "op benchmark smoke run: ok" || failed+=("bench smoke $preset")
  fi
  if [ "$preset" = native ]; then  # the codebook fidelity tool too (one image, about a second)
    quiet build/native/bench/ml5_codebook_fidelity models/pix2pix-default/model.pict \
      tests/data/gradient.jpg && echo "codebook fidelity smoke run: ok" || failed+=("codebook fidelity smoke")
  fi
done

section "JS tests (Node $(node --version))"
node --test --test-timeout=180000 $(tap js) tests/js/ || failed+=("JS tests")

# The model tests again on the build without SIMD and on the relaxed-SIMD ones (FMA rounds
# differently), with the same tolerances.
section "JS model tests on wasm-scalar (no SIMD)"
ML5_WASM_VARIANT=wasm-scalar node --test --test-timeout=300000 $(tap js-scalar) \
  tests/js/cvae.test.mjs tests/js/pix2pix.test.mjs || failed+=("JS tests on wasm-scalar")
section "JS model tests on wasm-relaxed-simd-threads (Node's --experimental-wasm-relaxed-simd)"
ML5_WASM_VARIANT=wasm-relaxed-simd-threads node --experimental-wasm-relaxed-simd --test \
  --test-timeout=300000 $(tap js-relaxed-threads) tests/js/cvae.test.mjs tests/js/pix2pix.test.mjs \
  tests/js/toy-net.test.mjs || failed+=("JS tests on wasm-relaxed-simd-threads")
section "JS model tests on wasm-relaxed-simd (no threads; Node's --experimental-wasm-relaxed-simd)"
ML5_WASM_VARIANT=wasm-relaxed-simd node --experimental-wasm-relaxed-simd --test \
  --test-timeout=300000 $(tap js-relaxed) tests/js/cvae.test.mjs tests/js/pix2pix.test.mjs ||
  failed+=("JS tests on wasm-relaxed-simd")

# Every engine unless ML5_ENGINES names some (chromium, firefox, webkit, webkit-sab).
section "Browser tests (${ML5_ENGINES:-chromium, firefox, webkit, webkit-sab})"
# --test-timeout bounds each file as a whole (node runs a file as one test), and a file runs its
# suite once per engine: forEachEngine bounds each engine's part at 10 minutes, so a hang still
# fails within minutes while a loaded 2-core machine can take its time over four engines.
node --test --test-timeout=2400000 $(tap browser) tests/browser/ || failed+=("browser tests")

# Hours of use, compressed: transferStream() in worker mode with reloads and a killed worker,
# one minute per engine here (npm run soak: 30 minutes each).
section "Soak (1 minute per engine)"
node scripts/soak.mjs --minutes 1 || failed+=("soak")

# The benchmarks must keep running: short runs of a few rows (real numbers: npm run bench,
# npm run bench:threads, npm run bench:video, npm run bench:editor and npm run bench:downloads).
section "Benchmark smoke run"
quiet node bench/run.mjs --smoke && echo "benchmark smoke run: ok" || failed+=("bench smoke")
quiet node bench/threads.mjs --smoke --engines webkit-sab && echo "threads benchmark smoke run: ok" ||
  failed+=("threads bench smoke")
quiet node bench/video.mjs --smoke && echo "video benchmark smoke run: ok" || failed+=("video bench smoke")
quiet node bench/editor.mjs --smoke && echo "editor benchmark smoke run: ok" || failed+=("editor bench smoke")
quiet node bench/downloads.mjs --smoke && echo "downloads benchmark smoke run: ok" || failed+=("downloads bench smoke")

# Every fuzzer for 30 s from the tests' seeds, the regression inputs and the committed corpus (longer runs:
# npm run fuzz -- --seconds N).
section "Fuzzing (libFuzzer, ASan + UBSan)"
bash scripts/fuzz.sh --seconds 30 --seed 1 || failed+=("fuzzing")

section "Summary"
echo "took $(( $(date +%s) - start )) s"
if [ ${#failed[@]} -gt 0 ]; then
  echo "failed tests, with their errors (whole logs above and in build/test-logs/):"
  node scripts/failure-digest.mjs "$logs"/*.tap
  printf 'FAILED: %s\n' "${failed[@]}"
  exit 1
fi
echo "all suites passed"
