# Pinned versions of everything the build fetches. Sourced by the other scripts.
# Changing a version here changes the cache key, so old builds are never reused by mistake.

# Debian source packages (upstream orig tarballs only; the patches in third_party/patches/ make
# them build with Emscripten 3.1.6).
XNNPACK_VERSION=0.0~git20241108.4ea82e5-2
PTHREADPOOL_VERSION=0.0~git20240616.560c60d-1
FXDIV_VERSION=0.0~git20200417.b408327-3
FP16_VERSION=0.0~git20200514.4dfe081-3
PSIMD_VERSION=0.0~git20200517.072586a-2
# Native builds need a newer cpuinfo than bookworm's: trixie's binary packages, unpacked privately.
CPUINFO_VERSION=0.0~git20250327.39ea79a-1

# Bump when the patches or the XNNPACK build flags change.
ML5_DEPS_REVISION=6

ML5_CACHE_ROOT="${ML5_WASM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ml5-wasm}"
ML5_DEPS_KEY="xnnpack-${XNNPACK_VERSION//\~/-}-r${ML5_DEPS_REVISION}"
ML5_DEPS_DIR="$ML5_CACHE_ROOT/$ML5_DEPS_KEY"
