// Where the wasm files live. By default next to the script that loaded this library;
// setWasmPaths() points elsewhere (a CDN, or per-file URLs).
/* global ML5_FORMAT */
// The default models' files (the registry's defaultFiles) and, in the ESM and single-file
// builds, their URLs: scripts/bundle.mjs writes this module for each build.
import { BUNDLED_MODEL_URLS, DEFAULT_MODEL_FILES } from 'ml5-wasm:default-models';

// Each variant's files: glue, wasm and, for the threaded ones, the pthread worker script.
const FILES = {
  'wasm-simd': ['ml5-wasm-simd.js', 'ml5-wasm-simd.wasm'],
  'wasm-simd-threads': [
    'ml5-wasm-simd-threads.js',
    'ml5-wasm-simd-threads.wasm',
    'ml5-wasm-simd-threads.worker.js',
  ],
  // SIMD128 plus relaxed SIMD (fused multiply-add kernels), for engines that validate it.
  'wasm-relaxed-simd': ['ml5-wasm-relaxed-simd.js', 'ml5-wasm-relaxed-simd.wasm'],
  'wasm-relaxed-simd-threads': [
    'ml5-wasm-relaxed-simd-threads.js',
    'ml5-wasm-relaxed-simd-threads.wasm',
    'ml5-wasm-relaxed-simd-threads.worker.js',
  ],
  'wasm-scalar': ['ml5-wasm-scalar.js', 'ml5-wasm-scalar.wasm'],  // browsers without wasm SIMD
};

// Captured while the <script> runs: document.currentScript is null later.
const scriptBase = (() => {
  if (ML5_FORMAT === 'esm') return new URL('./', import.meta.url).href;
  if (ML5_FORMAT === 'cjs') return __dirname + '/';
  if (typeof document === 'object' && document.currentScript && document.currentScript.src) {
    return new URL('./', document.currentScript.src).href;
  }
  // A worker started from a blob: URL that imported this script (web/cross-origin.js).
  if (typeof self === 'object' && self.ml5WasmScriptUrl) return new URL('./', self.ml5WasmScriptUrl).href;
  if (typeof self === 'object' && self.location && !self.location.href.startsWith('blob:')) {
    return new URL('./', self.location.href).href;
  }
  return './';
})();

// The crossorigin attribute of the <script> tag that loaded this library: the wasm glue loads the
// same way (with "anonymous", a CDN needs only CORS headers, also under COEP).
export const scriptCrossOrigin = typeof document === 'object' ? document.currentScript?.crossOrigin ?? null : null;

// In the ESM build every file is a literal `new URL('…', import.meta.url)`: bundlers (Vite,
// webpack 5) see these, copy the files into the app and give back their final URLs.
const bundled = ML5_FORMAT === 'esm' ? {
  'ml5-wasm-simd.js': new URL('./ml5-wasm-simd.js', import.meta.url).href,
  'ml5-wasm-simd.wasm': new URL('./ml5-wasm-simd.wasm', import.meta.url).href,
  'ml5-wasm-simd-threads.js': new URL('./ml5-wasm-simd-threads.js', import.meta.url).href,
  'ml5-wasm-simd-threads.wasm': new URL('./ml5-wasm-simd-threads.wasm', import.meta.url).href,
  'ml5-wasm-simd-threads.worker.js': new URL('./ml5-wasm-simd-threads.worker.js', import.meta.url).href,
  'ml5-wasm-relaxed-simd.js': new URL('./ml5-wasm-relaxed-simd.js', import.meta.url).href,
  'ml5-wasm-relaxed-simd.wasm': new URL('./ml5-wasm-relaxed-simd.wasm', import.meta.url).href,
  'ml5-wasm-relaxed-simd-threads.js': new URL('./ml5-wasm-relaxed-simd-threads.js', import.meta.url).href,
  'ml5-wasm-relaxed-simd-threads.wasm': new URL('./ml5-wasm-relaxed-simd-threads.wasm', import.meta.url).href,
  'ml5-wasm-relaxed-simd-threads.worker.js': new URL('./ml5-wasm-relaxed-simd-threads.worker.js', import.meta.url).href,
  'ml5-wasm-scalar.js': new URL('./ml5-wasm-scalar.js', import.meta.url).href,
  'ml5-wasm-scalar.wasm': new URL('./ml5-wasm-scalar.wasm', import.meta.url).href,
  'ml5-wasm.worker.js': new URL('./ml5-wasm.worker.js', import.meta.url).href,
} : {};
let prefix = null;
let perFile = {};
let modelFiles = {};

export function variantFiles(variant) {
  const files = FILES[variant];
  if (!files) throw new Error(`ml5-wasm: unknown variant '${variant}' (use ${Object.keys(FILES).join(' or ')})`);
  return files;
}

// Whether a variant runs on threads (it ships a pthread worker script).
export function isThreadedVariant(variant) {
  return variantFiles(variant).length === 3;
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

export function resolveFile(name) {
  if (perFile[name]) return perFile[name];
  if (prefix) return prefix + name;
  return bundled[name] ?? scriptBase + name;
}

// The project's default models ship in the package's models/ folder, beside dist/. `path` is
// relative to models/, e.g. 'cvae-fashion-mnist/model-float16/model.json'.
export function defaultModelLocation(path) {
  return modelFiles[path] ?? BUNDLED_MODEL_URLS[path] ?? scriptBase + '../models/' + path;
}

// Every file's URL as resolved here, so that the worker of worker mode, whose own script may
// sit elsewhere after bundling, loads exactly the same files.
export function fileUrls() {
  const names = [...new Set(Object.values(FILES).flat()), 'ml5-wasm.worker.js'];
  return {
    files: Object.fromEntries(names.map((name) => [name, resolveFile(name)])),
    models: Object.fromEntries(DEFAULT_MODEL_FILES.map((path) => [path, defaultModelLocation(path)])),
  };
}

export function useFileUrls({ files, models }) {
  prefix = null;
  perFile = { ...files };
  modelFiles = { ...models };
}
