#!/usr/bin/env bash
# `npm run fuzz -- --seconds N [--jobs J] [--seed S] [--merge] [target...]`: builds the libFuzzer
# targets (preset "fuzz": clang, ASan + UBSan) and runs each for N seconds, J at a time, from
#   - seeds: the small valid files the C++ tests make (ML5_FUZZ_SEEDS, tests/fuzz/fuzz_parts.h);
#   - tests/fuzz/regression/<target>/: every input that once failed, kept so it stays fixed;
#   - tests/fuzz/corpus/<target>.tar.xz: the committed corpus, minimised by a long run (--merge),
#     unpacked into build/fuzz/committed/<target>/ (xz: fuzz inputs are near-copies of each
#     other, 7 MB of them pack into 0.2 MB);
#   - build/fuzz/corpus/<target>/: what runs on this machine found (grows).
# A finding is written to build/fuzz/findings/ and fails the run. --seed S (S > 0) makes the
# mutations repeatable (npm test uses one); the default 0 lets libFuzzer pick. Each run's seconds and
# executions are appended to build/fuzz/log.tsv, so total fuzz time per target can be summed.
# --merge then minimises everything found into tests/fuzz/corpus/<target>.tar.xz (libFuzzer
# -merge=1: the fewest inputs that keep the coverage, less what the seeds and regression inputs
# cover), to commit. A run of every target for at least
# 1800 s with no finding is recorded in bench/results/fuzz-latest.json (docs/development.md).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

seconds=30 jobs=2 seed=0 merge=0 targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --merge) merge=1; shift ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
all=(pict_fuzzer pix2pix_model_fuzzer tfjs_model_fuzzer cvae_manifest_fuzzer cvae_model_fuzzer
     image_decode_fuzzer)
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

bash scripts/setup.sh all > /dev/null
[ -f build/fuzz/build.ninja ] || cmake --preset fuzz > /dev/null
cmake --build --preset fuzz > /dev/null
[ -f build/native/build.ninja ] || cmake --preset native > /dev/null
cmake --build --preset native --target ml5_models_test > /dev/null

# Seeds: the tests save the valid files they make (skipping what needs ../shared is fine).
seeds=build/fuzz/seeds
rm -rf "$seeds"
mkdir -p tests/fuzz/corpus
for t in "${all[@]}"; do
  mkdir -p "$seeds/$t" "build/fuzz/corpus/$t" "tests/fuzz/regression/$t"
  rm -rf "build/fuzz/committed/$t" && mkdir -p "build/fuzz/committed/$t"
  [ -f "tests/fuzz/corpus/$t.tar.xz" ] && tar -C "build/fuzz/committed/$t" -xJf "tests/fuzz/corpus/$t.tar.xz"
done
ML5_FUZZ_SEEDS="$root/$seeds" build/native/tests/ml5_models_test > /dev/null
mkdir -p build/fuzz/findings

mkdir -p build/fuzz/logs
run_id=$(date -u +%Y%m%dT%H%M%S)-$$
# The code the targets are built from, for the record (a run can outlast later commits).
fuzzed=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD -- src tests/fuzz 2>/dev/null || fuzzed="$fuzzed+changes"
runs_tsv="build/fuzz/logs/run-$run_id.tsv"  # this run's targets, for the record
flags=(-timeout=20 -rss_limit_mb=2560 -max_len=300000)
run_one() {
  local t=$1 out="build/fuzz/logs/$1-$run_id.log"
  if build/fuzz/tests/fuzz/$t -max_total_time="$seconds" -seed="$seed" "${flags[@]}" \
       -print_final_stats=1 -artifact_prefix="build/fuzz/findings/$t-" \
       "build/fuzz/corpus/$t" "$seeds/$t" "tests/fuzz/regression/$t" "build/fuzz/committed/$t" \
       > "$out" 2>&1; then
    local runs cov; runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out")
    cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$out" | tail -1 | awk '{print $2 "\t" $4}')
    printf '%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$t" "$seconds" "$runs" >> build/fuzz/log.tsv
    printf '%s\t%s\t%s\t%s\n' "$t" "$seconds" "$runs" "$cov" >> "$runs_tsv"
    printf '  %-22s %4s s, %9s executions, no finding\n' "$t" "$seconds" "$runs"
  else
    printf '  %-22s FINDING (see %s and build/fuzz/findings/)\n' "$t" "$out"
    grep -m3 'ERROR\|runtime error\|SUMMARY' "$out" | sed 's/^/    /'
    return 1
  fi
}

echo "[ fuzz ] ${#targets[@]} targets x ${seconds} s, ${jobs} at a time (ASan + UBSan)"
status=0 running=0
for t in "${targets[@]}"; do
  run_one "$t" & running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then wait -n || status=1; running=$((running - 1)); fi
done
while [ "$running" -gt 0 ]; do wait -n || status=1; running=$((running - 1)); done
[ $status -eq 0 ] || exit $status

if [ $merge -eq 1 ]; then
  echo "[ fuzz ] minimising each corpus into tests/fuzz/corpus/<target>.tar.xz"
  for t in "${targets[@]}"; do
    # The seeds and regression inputs go in first, so that only what they do not cover is
    # kept; they are regenerated (seeds) or committed (regression) anyway, so they leave again.
    fresh=$(mktemp -d)
    for f in "$seeds/$t"/* "tests/fuzz/regression/$t"/*; do
      [ -f "$f" ] && cp "$f" "$fresh/given-$(basename "$f")"
    done
    build/fuzz/tests/fuzz/$t -merge=1 "${flags[@]}" "$fresh" "build/fuzz/committed/$t" \
      "build/fuzz/corpus/$t" > "build/fuzz/logs/$t-$run_id-merge.log" 2>&1
    rm -f "$fresh"/given-*
    # Reproducible archives: names sorted, no owners or times.
    (cd "$fresh" && find . -type f | LC_ALL=C sort | tar --owner=0 --group=0 --mtime=@0 \
       --no-recursion -cf - -T - | xz -9e > "$root/tests/fuzz/corpus/$t.tar.xz")
    printf '  %-22s %4s files, %s bytes (%s bytes packed)\n' "$t" "$(ls "$fresh" | wc -l)" \
      "$(cat "$fresh"/* 2>/dev/null | wc -c)" "$(wc -c < "tests/fuzz/corpus/$t.tar.xz")"
    rm -rf "build/fuzz/committed/$t" && mv "$fresh" "build/fuzz/committed/$t"
  done
fi
if [ "$seconds" -ge 1800 ] && [ ${#targets[@]} -eq ${#all[@]} ]; then
  node scripts/fuzz-record.mjs "$runs_tsv" "$jobs" "$fuzzed"
fi
