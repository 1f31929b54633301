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

export function hardwareThreads() {
  if (typeof navigator === 'object' && navigator.hardwareConcurrency) {
    return navigator.hardwareConcurrency;
  }
  return 1;
}
