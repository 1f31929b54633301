#!/usr/bin/env bash
# Installs only what is missing, for `npm start` (first, then wasm) or `npm test` /
# `npm run setup` (all): Debian packages, npm packages, and the XNNPACK builds cached outside
# the checkout.
#   scripts/setup.sh first|wasm|all
# first: only the two variants the demo runs in Chrome, Edge and Firefox (relaxed SIMD, with
# threads and without), so that `npm start` can serve it before the others are built.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
what=${1:-all}
log() { echo "[ml5-wasm setup] $*" >&2; }

# Debian packages. debian-archive-keyring verifies the private apt index of fetch-deps.sh;
# googletest provides /usr/src/googletest; clang-19 and lld-19 build the relaxed-SIMD variant
# (cmake/RelaxedSimd.cmake); chromium, firefox-esr and WebKitGTK (webkit2gtk-driver:
# WebKitWebDriver and MiniBrowser, under xvfb) run the browser tests; python3-torch makes the
# PyTorch checkpoints that the converter's tests convert (tests/convert/), and with python3-pil
# runs models/train_pix2pix.py on a tiny dataset (tests/js/train.test.mjs).
packages=(emscripten cmake ninja-build g++ libcpuinfo-dev python3 xz-utils patch
          nlohmann-json3-dev libstb-dev
          debian-archive-keyring googletest clang-19 lld-19)
case "$what" in first|wasm|all) ;; *) echo "usage: setup.sh first|wasm|all" >&2; exit 2 ;; esac
[ "$what" = all ] && packages+=(chromium firefox-esr webkit2gtk-driver xvfb clang libclang-rt-14-dev python3-torch python3-pil)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log "installing Debian packages: ${missing[*]}"
  apt_log=$(mktemp)
  { $sudo apt-get update -q && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q \
      --no-install-recommends "${missing[@]}"; } > "$apt_log" 2>&1 ||
    { tail -n 40 "$apt_log" >&2; echo "apt-get failed (full log: $apt_log)" >&2; exit 1; }
  rm -f "$apt_log"
fi

# npm packages, when package-lock.json changed since the last install.
if [ ! -f "$root/node_modules/.package-lock.json" ] ||
   [ "$root/package-lock.json" -nt "$root/node_modules/.package-lock.json" ]; then
  log "installing npm packages"
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi

# XNNPACK, once per version and variant (~1.5 min each on 2 cores; the second of each twin,
# with and without threads, reuses the first one's microkernels and takes a third of that).
variants=(wasm-relaxed-simd wasm-relaxed-simd-threads)
[ "$what" != first ] && variants+=(wasm-simd wasm-simd-threads wasm-scalar)
[ "$what" = all ] && variants+=(native)
for v in "${variants[@]}"; do "$here/build-deps.sh" "$v"; done
