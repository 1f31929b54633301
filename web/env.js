// Where the library runs. ML5_FORMAT is set by scripts/bundle.mjs: 'esm', 'cjs' or 'iife'.

export const isNode =
  typeof process === 'object' && typeof process.versions === 'object' && !!process.versions.node &&
  typeof window === 'undefined' && typeof importScripts === 'undefined';

export const isBrowserWorker = typeof importScripts === 'function';

// Threads need SharedArrayBuffer, which browsers give only to cross-origin isolated pages.
export function canUseThreads(scope = globalThis, node = isNode) {
  if (node) return typeof SharedArrayBuffer === 'function';
  return scope.crossOriginIsolated === true && typeof scope.SharedArrayBuffer === 'function';
}

// A module with one SIMD128 instruction (i32x4.splat): validates only where wasm SIMD exists.
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1,
  0, 10, 8, 1, 6, 0, 65, 0, 253, 17, 11]);

// Each probe's answer, per validate function (tests swap it): every model load asks again, and in
// Chromium the validations cost about 1.8 ms a load (a CPU profile of ready from bytes).
const probed = new WeakMap();
function validates(wasm, probe) {
  let answers = probed.get(wasm.validate);
  if (!answers) probed.set(wasm.validate, (answers = new Map()));
  if (!answers.has(probe)) answers.set(probe, wasm.validate(probe));
  return answers.get(probe);
}

export function hasWasmSimd(wasm = globalThis.WebAssembly) {
  return typeof wasm === 'object' && typeof wasm.validate === 'function' && validates(wasm, SIMD_PROBE);
}

// A module with one f32x4.relaxed_madd (on three f32x4.splat of 0.0): validates only where wasm
// relaxed SIMD exists (Chrome 114+; Node 20 behind --experimental-wasm-relaxed-simd).
const RELAXED_SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3,
  2, 1, 0, 10, 28, 1, 26, 0, 67, 0, 0, 0, 0, 253, 19, 67, 0, 0, 0, 0, 253, 19, 67, 0, 0, 0, 0, 253,
  19, 253, 133, 2, 11]);

export function hasRelaxedSimd(wasm = globalThis.WebAssembly) {
  return hasWasmSimd(wasm) && validates(wasm, RELAXED_SIMD_PROBE);
}

export function hardwareThreads() {
  if (typeof navigator === 'object' && navigator.hardwareConcurrency) {
    return navigator.hardwareConcurrency;
  }
  return 1;
}
