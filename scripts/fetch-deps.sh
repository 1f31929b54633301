#!/usr/bin/env bash
# Fetches XNNPACK and its small dependencies as Debian source packages (orig tarballs only),
# plus trixie's libcpuinfo binary packages, through a private apt configuration.
# The mirror is the one this machine already uses. Idempotent: a stamp marks a finished fetch.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/versions.sh"

src="$ML5_DEPS_DIR/src"
[ -f "$src/.complete" ] && exit 0

log() { echo "[ml5-wasm deps] $*" >&2; }

mirror_host() {
  # The first Debian archive URI in the machine's own apt configuration (deb822 or one-line).
  local uri
  uri=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/ {print $2}' |
        grep -v -- '-security' | head -n 1 || true)
  if [ -z "$uri" ]; then
    uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
          awk '$1 == "deb" {for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) {print $i; exit}}' |
          grep -v -- '-security' | head -n 1 || true)
  fi
  [ -n "$uri" ] || { echo "no Debian mirror found in /etc/apt sources" >&2; exit 1; }
  echo "$uri"
}

apt_dir="$ML5_CACHE_ROOT/apt"
dl="$ML5_CACHE_ROOT/downloads"
mkdir -p "$apt_dir/lists/partial" "$dl"
apt_log="$apt_dir/apt.log"; : > "$apt_log"
mirror=$(mirror_host)
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
{
  echo "deb-src [signed-by=$keyring] $mirror trixie main"
  echo "deb-src [signed-by=$keyring] $mirror bookworm main"
  echo "deb [signed-by=$keyring arch=amd64] $mirror trixie main"
} > "$apt_dir/sources.list"
apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
          -o "Dir::State::Lists=$apt_dir/lists" -o APT::Sandbox::User=root)

log "updating the private apt index (trixie + bookworm sources) from $mirror"
apt-get "${apt_opts[@]}" -q update >> "$apt_log" 2>&1 || { cat "$apt_log" >&2; exit 1; }

orig() { echo "$dl/${1}_${2%-*}.orig.tar.xz"; }
fetch_source() { # name full-version
  local tarball; tarball=$(orig "$1" "$2")
  [ -f "$tarball" ] && return 0
  # Only the orig tarball is served; the .dsc/.debian.tar.xz 404, so apt exits non-zero.
  # apt still checks the tarball against the signed Sources index, so test for the file.
  (cd "$dl" && apt-get "${apt_opts[@]}" -q source --download-only "$1=$2" >> "$apt_log" 2>&1 || true)
  [ -f "$tarball" ] || { cat "$apt_log" >&2; echo "could not download $1 $2 (expected $tarball)" >&2; exit 1; }
}
fetch_source xnnpack "$XNNPACK_VERSION"
fetch_source pthreadpool "$PTHREADPOOL_VERSION"
fetch_source fxdiv "$FXDIV_VERSION"
fetch_source fp16 "$FP16_VERSION"
fetch_source psimd "$PSIMD_VERSION"
(cd "$dl" && apt-get "${apt_opts[@]}" -q download "libcpuinfo0=$CPUINFO_VERSION" \
   "libcpuinfo-dev=$CPUINFO_VERSION" >> "$apt_log" 2>&1) || { cat "$apt_log" >&2; exit 1; }

log "extracting into $src"
rm -rf "$src" && mkdir -p "$src/xnnpack" "$src/cpuinfo"
tar -xf "$(orig xnnpack "$XNNPACK_VERSION")" -C "$src/xnnpack" # no top-level folder
for name in pthreadpool fxdiv fp16 psimd; do
  version_var="${name^^}_VERSION"
  mkdir -p "$src/$name"
  tar -xf "$(orig "$name" "${!version_var}")" -C "$src/$name" --strip-components=1
done
for deb in "$dl"/libcpuinfo*_"${CPUINFO_VERSION//:/%3a}"_amd64.deb; do dpkg -x "$deb" "$src/cpuinfo"; done

patches="$here/../third_party/patches"
patch -d "$src/xnnpack" -p1 --quiet < "$patches/xnnpack-emscripten.patch"
patch -d "$src/xnnpack" -p1 --quiet < "$patches/xnnpack-fast-f32-packing.patch"
patch -d "$src/pthreadpool" -p1 --quiet < "$patches/pthreadpool-emscripten-threads.patch"
patch -d "$src/pthreadpool" -p1 --quiet < "$patches/pthreadpool-spin-wait.patch"
touch "$src/.complete"
log "sources ready"
