// Where the wasm files live. By default next to the script that loaded this library;
// setWasmPaths() points elsewhere (a CDN, or per-file URLs).
/* global ML5_FORMAT */

const FILES = {
  'wasm-simd': ['ml5-wasm-simd.js', 'ml5-wasm-simd.wasm'],
  'wasm-simd-threads': [
    'ml5-wasm-simd-threads.js',
    'ml5-wasm-simd-threads.wasm',
    'ml5-wasm-simd-threads.worker.js',
  ],
};

// Captured while the <script> runs: document.currentScript is null later.
const scriptBase = (() => {
  if (ML5_FORMAT === 'esm') return new URL('./', import.meta.url).href;
  if (ML5_FORMAT === 'cjs') return __dirname + '/';
  if (typeof document === 'object' && document.currentScript && document.currentScript.src) {
    return new URL('./', document.currentScript.src).href;
  }
  if (typeof self === 'object' && self.location) return new URL('./', self.location.href).href;
  return './';
})();

let prefix = null;
let perFile = {};

export function variantFiles(variant) {
  const files = FILES[variant];
  if (!files) throw new Error(`ml5-wasm: unknown variant '${variant}' (use ${Object.keys(FILES).join(' or ')})`);
  return files;
}

// setWasmPaths('https://cdn.example/ml5-wasm/dist/') or setWasmPaths({'ml5-wasm-simd.wasm': url}).
export function setWasmPaths(paths) {
  if (typeof paths === 'string') {
    prefix = paths.endsWith('/') ? paths : paths + '/';
    perFile = {};
  } else if (paths && typeof paths === 'object') {
    prefix = null;
    perFile = { ...paths };
  } else {
    throw new TypeError('ml5-wasm: setWasmPaths() takes a URL prefix string or an object of file URLs');
  }
}

// What setWasmPaths() was given, for the worker of worker mode to use the same files.
export function wasmPaths() {
  return prefix ?? (Object.keys(perFile).length ? { ...perFile } : null);
}

export function resolveFile(name) {
  if (perFile[name]) return perFile[name];
  return (prefix ?? scriptBase) + name;
}

// The project's default models ship in the package's models/ folder, beside dist/.
export function defaultModelLocation(path) {
  return scriptBase + '../models/' + path;
}
