#!/usr/bin/env bash
# `npm start`: sets up and builds what the demo needs in Chrome, Edge and Firefox first (the
# relaxed-SIMD variants), serves the demo, and builds the other variants (Safari's, older
# browsers') meanwhile. A page that asks for a file still being built waits for it.
#   scripts/start.sh [--port N] [--no-isolation]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
start=$(date +%s)
say() { echo "[ml5-wasm start] $*" >&2; }

bash scripts/setup.sh first
bash scripts/build.sh wasm-relaxed-simd wasm-relaxed-simd-threads
say "ready for Chrome, Edge and Firefox $(( $(date +%s) - start )) s after the start"

# The rest in the background, logged to build/start-rest.log; build/.building exists meanwhile.
marker=build/.building
mkdir -p build
touch "$marker"
exec 3>&2
set -m  # its own process group, so that stopping the server stops every build step too
{
  if bash scripts/setup.sh wasm && bash scripts/build.sh; then
    say "every variant built, $(( $(date +%s) - start )) s after the start" 2>&3
  else
    say "building the other variants failed: see build/start-rest.log" 2>&3
  fi
  rm -f "$marker"
} > build/start-rest.log 2>&1 &
rest=$!
set +m
trap 'kill -- -$rest 2>/dev/null; rm -f "$marker"' EXIT
node scripts/serve.mjs --building "$marker" "$@"
