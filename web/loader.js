// Loads the wasm module: a threaded variant when the page may use threads (cross-origin
// isolated, SharedArrayBuffer present), else one without threads; each the relaxed-SIMD (FMA)
// build where the engine validates relaxed SIMD; the scalar one where wasm SIMD is missing
// (Safari before 16.4). One load per variant, shared.
// The reported core count only sizes the worker pool: how many threads run is measured at load
// (Backend.calibrate), unless the caller set it.
import { canUseThreads, hardwareThreads, hasRelaxedSimd, hasWasmSimd, isNode } from './env.js';
import { whyNotLoaded, workerUrl } from './cross-origin.js';
import { isThreadedVariant, resolveFile, scriptCrossOrigin, variantFiles } from './paths.js';
import { startModule } from './module-start.js';
/* global ML5_FORMAT */

// More workers than this only cost memory and start-up time on the models this library runs.
const MAX_POOL = 16;
const loads = new Map();
let forcedVariant = null;
let forcedReason = null;
let threadsFailure = null;  // why the threads did not start on this page, once they did not

// ml5.setWasmVariant(name): this variant instead of the one picked, for models made afterwards
// (null: pick again). E.g. 'wasm-simd-threads' where relaxed SIMD exists, for output bytes that
// equal those of engines without it. Also worker mode's way out when the threaded module does not
// start (web/worker-client.js).
// reason: what the threads note says chose it, when that was not the caller.
export function forceVariant(variant, reason = `ml5.setWasmVariant() chose ${variant}`) {
  if (variant !== null) variantFiles(variant);
  forcedVariant = variant;
  forcedReason = reason;
}

// [variant, reason] pinned by forceVariant(), or [null, null].
export function forcedWasmVariant() {
  return [forcedVariant, forcedReason];
}

// The variant the caller pinned: ml5.setWasmVariant(), or in Node ML5_WASM_VARIANT (e.g.
// wasm-simd to run without threads; the benchmark compares both). Null when none is.
function pinnedVariant(node = isNode) {
  if (forcedVariant) return forcedVariant;
  return (node && typeof process === 'object' && process.env?.ML5_WASM_VARIANT) || null;
}

export function pickVariant(scope = globalThis, node = isNode) {
  if (ML5_FORMAT === 'single') return 'wasm-simd';  // the single-file build embeds only this one
  const pinned = pinnedVariant(node);
  if (pinned) return pinned;
  if (!hasWasmSimd()) return 'wasm-scalar';
  if (!canUseThreads(scope, node) || threadsFailure) return unthreadedVariant();
  return hasRelaxedSimd() ? 'wasm-relaxed-simd-threads' : 'wasm-simd-threads';
}

// The best variant without threads (worker mode's way out too).
export function unthreadedVariant() {
  return hasRelaxedSimd() ? 'wasm-relaxed-simd' : 'wasm-simd';
}

// Error values returned by the bindings (see bindings/js_values.h) become exceptions here.
export function check(value) {
  if (value instanceof Error) throw value;
  return value;
}

// options: {variant} to load that one; {threads} sizes a threaded variant's pool; {shortCalls:
// true} from a model whose calls are all too short for threads to pay (CVAE: 0.1-0.5 ms), which
// then gets the picked variant's build without threads: the threaded build's glue costs such calls
// 4-21% (bench/results/threads-latest.md), and a page with only that model starts no workers.
// A variant the caller pinned, or ml5.setThreads(n > 1), still wins.
export function loadBackend(options = {}) {
  const variant = options.variant ?? variantFor(options);
  try {
    variantFiles(variant);
    if (typeof WebAssembly !== 'object') throw new Error('ml5-wasm: this browser has no WebAssembly');
    if (variant !== 'wasm-scalar' && !hasWasmSimd()) {
      throw new Error(`ml5-wasm: this browser lacks WebAssembly SIMD, which the ${variant} variant needs ` +
        '(Chrome/Edge 91+, Firefox 89+, Safari 16.4+, Node 16.4+)' +
        (ML5_FORMAT === 'single' ? '; the single-file build has no other' : ''));
    }
    if (isThreadedVariant(variant) && !canUseThreads()) {
      throw new Error(`ml5-wasm: the ${variant} variant needs threads, which this page lacks. ${singleThreadReason()}`);
    }
    if (variant.startsWith('wasm-relaxed-simd') && !hasRelaxedSimd()) {
      throw new Error(`ml5-wasm: this engine lacks WebAssembly relaxed SIMD, which the ${variant} ` +
        'variant needs (Chrome/Edge 114+; Node 20 with --experimental-wasm-relaxed-simd)');
    }
  } catch (error) {
    return Promise.reject(error);
  }
  const modelsChoice = options.shortCalls && canUseThreads();
  if (!isThreadedVariant(variant) && !isNode && !loads.has(variant) && !options.variant && !modelsChoice) {
    noteSingleThread(variant);
  }
  if (!loads.has(variant)) {
    const load = instantiate(variant, options).catch((error) => withoutThreads(error, options));
    loads.set(variant, load);
    load.catch(() => loads.delete(variant));  // a failed load may be retried
  }
  return loads.get(variant);
}

// When a picked threaded variant's workers did not start (web/module-start.js), the page goes
// on without threads, with a warning that says why; a variant the caller pinned fails instead.
function withoutThreads(error, options) {
  if (!error?.threadsFailed || pinnedVariant()) throw error;
  threadsFailure = error.message;
  console.warn(`${error.message}. Going on without threads.`);
  return loadBackend({ ...options, variant: unthreadedVariant() });
}

function variantFor({ shortCalls }) {
  const variant = pickVariant();
  if (!shortCalls || pinnedVariant() || callerThreads > 1 || !isThreadedVariant(variant)) return variant;
  return unthreadedVariant();
}

let notesOff = false;
// For the workers of a stream's lanes: the page's model has said it already.
export function silenceNotes() {
  notesOff = true;
}

// One line, once per page: why there is one thread, and what would give more.
function noteSingleThread(variant) {
  if (notesOff) return;
  const note = unthreadedNote(variant);
  if (note) console.info(`ml5-wasm: ${note}`);
}

// Why a variant without threads runs in this browser, or null on a one-core machine.
function unthreadedNote(variant) {
  if (variant === 'wasm-scalar') {
    return 'running the slower build without SIMD, on 1 thread: this browser lacks ' +
      'WebAssembly SIMD (Chrome/Edge 91+, Firefox 89+, Safari 16.4+ have it)';
  }
  if (forcedVariant && canUseThreads()) return `running on 1 thread: ${forcedReason}`;
  if (threadsFailure) return `running on 1 thread: ${threadsFailure.replace(/^ml5-wasm: /, '')}`;
  return hardwareThreads() < 2 ? null : `running on 1 thread. ${singleThreadReason()}`;
}

// Why `backend` runs on fewer threads than the machine reports, or null.
export function threadsNote(backend) {
  if (!isThreadedVariant(backend.variant)) {
    if (isNode && process.env.ML5_WASM_VARIANT) {
      return `ML5_WASM_VARIANT chose the variant without ${backend.variant === 'wasm-scalar' ? 'SIMD or threads' : 'threads'}`;
    }
    return isNode && backend.variant === 'wasm-simd' ? null : unthreadedNote(backend.variant);
  }
  const calibration = backend.calibration;
  // No note once the caller chose a count (setThreads after the load).
  if (!calibration || !backend.adaptive || calibration.threads >= backend.poolSize) return null;
  const times = calibration.timings.map((t) => `${t.threads}: ${t.ms.toFixed(2)} ms`).join(', ');
  const retried = backend.calibratedSingle
    ? `; calls are timed on ${backend.poolThreads} threads now and then, and move to them when faster` : '';
  return `using ${calibration.threads} of ${backend.poolSize} threads: more ran slower when the library ` +
    `loaded (cores busy, or fewer cores than reported; timings ${times})${retried}`;
}

// Why the SIMD-only variant runs in this browser page: the headers, or the browser itself.
export function singleThreadReason(scope = globalThis) {
  if (scope.crossOriginIsolated === true) {
    return 'This page is cross-origin isolated, but this browser gives it no SharedArrayBuffer, ' +
      'which wasm threads need (some WebKit builds turn it off).';
  }
  return 'Serve this page with the headers "Cross-Origin-Opener-Policy: same-origin" and ' +
    '"Cross-Origin-Embedder-Policy: require-corp" to use more (cross-origin isolation enables wasm threads).';
}

let preferredThreads;  // ml5.setThreads() before the first load sizes the worker pool
let callerThreads;  // the count ml5.setThreads() was last given

// ml5.setThreads(n): before the first load, the pool size; after it, the threads used, at most
// the pool that was started (backend.setThreads() explains when it cannot).
export async function setThreads(threads) {
  if (!Number.isInteger(threads) || threads < 1) {
    throw new RangeError(`ml5-wasm: setThreads() needs a positive integer, got ${threads}`);
  }
  callerThreads = threads;
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
  const threaded = isThreadedVariant(variant);
  const requested = options.threads ?? preferredThreads;
  const poolSize = threaded ? Math.max(1, Math.min(requested ?? (await defaultThreads()), MAX_POOL)) : 1;
  const moduleOptions = {
    ml5PoolSize: poolSize,
    locateFile: (name) => resolveFile(name),
    print: () => {},
    printErr: (text) => {
      // Emscripten warns whenever the page's thread joins a thread. Changing the thread count
      // (calibration, setThreads) joins the old pool's idle threads, which exit at once.
      if (!text.startsWith('Blocking on the main thread is very dangerous')) console.warn(`ml5-wasm: ${text}`);
    },
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
      // The pthread workers start from a same-origin URL (a CDN's, or a bundler's data: URL, is
      // wrapped in a blob: URL), which then imports the glue from mainScriptUrlOrBlob.
      const pthreadWorker = variantFiles(variant)[2];
      const startUrl = workerUrl(resolveFile(pthreadWorker));
      moduleOptions.locateFile = (name) => (name === pthreadWorker ? startUrl : resolveFile(name));
    }
  }
  const module = isNode || ML5_FORMAT === 'single' ? await createModule(moduleOptions)
    : await startModule(createModule, moduleOptions, variant);
  if (isNode && threaded) {
    // Idle pthread workers must not keep Node alive after the user's script is done.
    for (const worker of module.PThread.unusedWorkers) worker.unref();
  }
  const backend = new Backend(module, variant, poolSize);
  if (requested === undefined && poolSize > 1) {
    backend.adaptive = true;  // models pick threads or one thread per call (thread-policy.js)
    backend.calibrate();
  } else {
    backend.setThreads(poolSize);
  }
  return backend;
}

// A loaded variant. Inference runs on `threads` threads, at most the worker pool started at load.
export class Backend {
  constructor(module, variant, poolSize) {
    this.module = module;
    this.variant = variant;
    this.poolSize = poolSize;
    this.adaptive = false;  // set after the calibration; a caller's setThreads() clears it
    this.calibratedSingle = false;  // the calibration found one thread fastest
  }

  // The threads a call runs on unless the per-call policy (thread-policy.js) found otherwise.
  get threads() {
    return this.calibratedSingle ? 1 : this.module.getThreads();
  }

  // The threads of the pool: what a call runs on when it does not run on the caller alone.
  get poolThreads() {
    return this.module.getThreads();
  }

  // Times 1, 2, 4, ... threads up to the pool on a representative GEMM (~50 ms in all) and runs
  // on the fewest within 10% of the fastest: over-reported or busy cores make more threads slower.
  // A page is often busy while it loads. When that made one thread fastest, calls start on the
  // caller alone and the pool keeps the fastest count above one, on which the per-call policy
  // times them again now and then: the threads come back once the cores are free, and no timing
  // runs at a moment the page did not choose (a second calibration 3 s later, as before, held
  // WebKit's main thread for 200-350 ms while a worker used the cores).
  calibrate() {
    const counts = [...new Set([1, 2, 4, 8].filter((c) => c < this.poolSize).concat(this.poolSize))];
    this.calibration = check(this.module.timeThreadCounts(counts, 5));
    const { threads, timings } = this.calibration;
    this.calibratedSingle = threads < 2;
    const multi = timings.filter((t) => t.threads > 1).sort((a, b) => a.ms - b.ms || a.threads - b.threads);
    check(this.module.setThreads(this.calibratedSingle ? multi[0].threads : threads));
    this.module.setCallerOnly(this.calibratedSingle);
    const note = threadsNote(this);
    if (note && !isNode) console.info(`ml5-wasm: ${note}`);
  }

  // Runs load(), a model's one-off weight packing, on the pool's threads even while calls start
  // on the caller alone: in Chromium the load-time calibration often finds one thread fastest
  // while the engine is still compiling, and packing splits into large independent pieces (one
  // per operator), of which a thread that is not scheduled holds up at most the one it started.
  onPool(load) {
    if (!this.adaptive || !this.calibratedSingle) return load();
    this.module.setCallerOnly(false);
    try {
      return load();
    } finally {
      this.module.setCallerOnly(true);
    }
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
    // The caller's choice wins, over the calibration and per call.
    this.adaptive = false;
    this.calibratedSingle = false;
    this.module.setCallerOnly(false);
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

// The glue is a classic script that defines a global factory; both variants name it
// createMl5Wasm, so take it right after it loads.
async function loadGlueScript(url) {
  const failed = async (error) => new Error(`ml5-wasm: could not load ${url}: ` +
    `${(await whyNotLoaded(url, { cors: scriptCrossOrigin !== null })) ?? error?.message ?? 'the browser refused it'}`);
  if (typeof importScripts === 'function') {
    try {
      importScripts(url);
    } catch (error) {
      throw await failed(error);
    }
    return self.createMl5Wasm;
  }
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    if (scriptCrossOrigin !== null) script.crossOrigin = scriptCrossOrigin;
    script.src = url;
    script.async = true;
    script.onload = () => resolve(window.createMl5Wasm);
    script.onerror = () => failed().then(reject);
    document.head.appendChild(script);
  });
}
