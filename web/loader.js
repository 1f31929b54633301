// Loads the wasm module: the threaded variant when the page may use threads (cross-origin
// isolated, SharedArrayBuffer present), else the SIMD-only one. One load per variant, shared.
import { canUseThreads, hardwareThreads, hasWasmSimd, isNode } from './env.js';
import { resolveFile, variantFiles } from './paths.js';
/* global ML5_FORMAT */

// More workers than this only cost memory and start-up time on the models this library runs.
const MAX_POOL = 16;
const loads = new Map();

export function pickVariant(scope = globalThis, node = isNode) {
  if (ML5_FORMAT === 'single') return 'wasm-simd';  // the single-file build embeds only this one
  // Node: ML5_WASM_VARIANT=wasm-simd runs without threads (the benchmark compares both).
  if (node && typeof process === 'object' && process.env?.ML5_WASM_VARIANT) return process.env.ML5_WASM_VARIANT;
  return canUseThreads(scope, node) ? 'wasm-simd-threads' : 'wasm-simd';
}

// Error values returned by the bindings (see bindings/ml5_bindings.cc) become exceptions here.
export function check(value) {
  if (value instanceof Error) throw value;
  return value;
}

export function loadBackend(options = {}) {
  const variant = options.variant ?? pickVariant();
  try {
    variantFiles(variant);
    if (!hasWasmSimd()) {
      throw new Error('ml5-wasm: this browser lacks WebAssembly SIMD, which ml5-wasm needs ' +
        '(Chrome/Edge 91+, Firefox 89+, Safari 16.4+, Node 16.4+)');
    }
  } catch (error) {
    return Promise.reject(error);
  }
  if (variant === 'wasm-simd' && !isNode && !loads.has(variant) && !options.variant) noteSingleThread();
  if (!loads.has(variant)) {
    const load = instantiate(variant, options);
    loads.set(variant, load);
    load.catch(() => loads.delete(variant));  // a failed load may be retried
  }
  return loads.get(variant);
}

// One line, once per page: how to get threads.
function noteSingleThread() {
  if (hardwareThreads() < 2) return;
  console.info(`ml5-wasm: running on 1 thread of ${hardwareThreads()}. Serve this page with the headers ` +
    '"Cross-Origin-Opener-Policy: same-origin" and "Cross-Origin-Embedder-Policy: require-corp" ' +
    'to use them all (cross-origin isolation enables wasm threads).');
}

let preferredThreads;  // ml5.setThreads() before the first load sizes the worker pool

// ml5.setThreads(n): before the first load, the pool size; after it, the threads used, at most
// the pool that was started (backend.setThreads() explains when it cannot).
export async function setThreads(threads) {
  if (!Number.isInteger(threads) || threads < 1) {
    throw new RangeError(`ml5-wasm: setThreads() needs a positive integer, got ${threads}`);
  }
  const variant = pickVariant();
  if (!loads.has(variant)) {
    preferredThreads = Math.min(threads, MAX_POOL);
    await loadBackend();
  } else {
    (await loadBackend()).setThreads(threads);
  }
  return getThreads();
}

// ml5.getThreads(): the threads inference runs on (loading the backend if needed).
export async function getThreads() {
  return (await loadBackend()).threads;
}

async function instantiate(variant, options) {
  const [glue, wasm] = variantFiles(variant);
  const threaded = variant === 'wasm-simd-threads';
  const poolSize = threaded
    ? Math.max(1, Math.min(options.threads ?? preferredThreads ?? (await defaultThreads()), MAX_POOL))
    : 1;
  const moduleOptions = {
    ml5PoolSize: poolSize,
    locateFile: (name) => resolveFile(name),
    print: () => {},
    printErr: (text) => console.warn(`ml5-wasm: ${text}`),
  };
  let createModule;
  if (isNode) {
    const { createRequire } = await import('node:module');
    const { readFile } = await import('node:fs/promises');
    const { fileURLToPath } = await import('node:url');
    const toPath = (p) => (p.startsWith('file:') ? fileURLToPath(p) : p);
    moduleOptions.locateFile = (name) => toPath(resolveFile(name));  // worker_threads want paths
    const require = createRequire(toPath(resolveFile(glue)));
    createModule = require(toPath(resolveFile(glue)));
    // Emscripten 3.1.6's glue fetch()es a file path under Node 18+ and fails: hand it the bytes.
    moduleOptions.wasmBinary = await readFile(toPath(resolveFile(wasm)));
  } else {
    // The single-file build carries the glue (with the wasm inside) in the same script.
    createModule = ML5_FORMAT === 'single' ? globalThis.createMl5Wasm : await loadGlueScript(resolveFile(glue));
    if (threaded) {
      moduleOptions.mainScriptUrlOrBlob = resolveFile(glue);
      // Bundlers inline small files as data: URLs; a worker started from one has an opaque
      // origin and may not load the glue. A blob: URL keeps the page's origin.
      const pthreadWorker = variantFiles(variant)[2];
      const workerUrl = await sameOriginUrl(resolveFile(pthreadWorker));
      moduleOptions.locateFile = (name) => (name === pthreadWorker ? workerUrl : resolveFile(name));
    }
  }
  const module = await createModule(moduleOptions);
  if (isNode && threaded) {
    // Idle pthread workers must not keep Node alive after the user's script is done.
    for (const worker of module.PThread.unusedWorkers) worker.unref();
  }
  const backend = new Backend(module, variant, poolSize);
  backend.setThreads(poolSize);
  return backend;
}

// A loaded variant. Inference runs on `threads` threads, at most the worker pool started at load.
export class Backend {
  constructor(module, variant, poolSize) {
    this.module = module;
    this.variant = variant;
    this.poolSize = poolSize;
  }

  get threads() {
    return this.module.getThreads();
  }

  setThreads(threads) {
    if (!Number.isInteger(threads) || threads < 1) {
      throw new RangeError(`ml5-wasm: setThreads() needs a positive integer, got ${threads}`);
    }
    if (threads > this.poolSize) {
      throw new RangeError(
        `ml5-wasm: ${threads} threads requested but the ${this.variant} variant started ` +
          `${this.poolSize} (pass {threads: ${threads}} when loading)`);
    }
    check(this.module.setThreads(threads));
  }

  // {memory: wasm memory bytes, inUse: bytes allocated now, peak: the most the heap ever spanned}
  memory() {
    const { inUse, peak } = this.module.memoryStats();
    return { memory: this.module.HEAPU8.length, inUse, peak };
  }
}

async function defaultThreads() {
  if (!isNode) return hardwareThreads();
  const os = await import('node:os');
  return os.availableParallelism ? os.availableParallelism() : os.cpus().length;
}

async function sameOriginUrl(url) {
  if (!url.startsWith('data:')) return url;
  return URL.createObjectURL(await (await fetch(url)).blob());
}

// The glue is a classic script that defines a global factory; both variants name it
// createMl5Wasm, so take it right after it loads.
function loadGlueScript(url) {
  if (typeof importScripts === 'function') {
    importScripts(url);
    return Promise.resolve(self.createMl5Wasm);
  }
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = url;
    script.async = true;
    script.onload = () => resolve(window.createMl5Wasm);
    script.onerror = () => reject(new Error(`ml5-wasm: could not load ${url}`));
    document.head.appendChild(script);
  });
}
