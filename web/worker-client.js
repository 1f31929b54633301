// The page's side of worker mode: one Web Worker (dist/ml5-wasm.worker.js) shared by every model
// that asked for it. If the worker dies or is terminated, pending calls reject with a clear
// error and the next call starts a fresh worker, into which each model reloads itself.
// Starting the worker's wasm module has a deadline: in Firefox the threaded module's own workers,
// nested in this one, sometimes never start, which would leave every call pending forever. Past
// the deadline the worker is replaced by one without threads.
/* global ML5_FORMAT */
import { canUseThreads, isNode } from './env.js';
import { getLimits } from './limits.js';
import { forcedWasmVariant, unthreadedVariant } from './loader.js';
import { whyNotLoaded, workerUrl } from './cross-origin.js';
import { fileUrls, resolveFile } from './paths.js';

let defaultWorkerMode = false;
let startTimeout = 15000;
// The worker must run its script within this: it reports the problem sooner where it can.
const BOOT_TIMEOUT = 15000;

// ml5.setWorkerMode(true): every model made afterwards runs in the worker. startTimeout: ms the
// worker's wasm module may take to start before worker mode goes on without threads.
export function setWorkerMode(enabled, options = {}) {
  defaultWorkerMode = !!enabled;
  if (options.startTimeout !== undefined) {
    if (!(options.startTimeout > 0)) {
      throw new RangeError(`ml5-wasm: startTimeout must be a positive number of ms, got ${options.startTimeout}`);
    }
    startTimeout = options.startTimeout;
  }
}

export function wantsWorker(options) {
  const wanted = options?.worker ?? defaultWorkerMode;
  if (wanted && ML5_FORMAT === 'single') {
    throw new Error('ml5-wasm: worker mode needs dist/ml5-wasm.worker.js, which the single-file build does not have');
  }
  if (wanted && isNode) {
    throw new Error('ml5-wasm: worker mode ({worker: true}) needs a browser with Web Workers; in Node, run the library inside worker_threads yourself');
  }
  return !!wanted;
}

// One worker of worker mode: the shared one, or one of a stream's lanes (web/video-stream.js).
export class ModelWorker {
  // quiet: no console note from the worker's module (a stream's lane).
  constructor({ quiet = false } = {}) {
    this.quiet = quiet;
    this.worker = null;
    this.generation = 0;  // counts started workers: a model loaded in an older one reloads
    this.pending = new Map();
    this.nextId = 1;
    this.threadless = false;  // set once the threaded module failed to start in time
  }

  // Starts the worker and its wasm module (once); resolves with {variant, threads}.
  start() {
    if (this.worker) return this.started;
    const url = resolveFile('ml5-wasm.worker.js');
    const startUrl = workerUrl(url);  // same-origin: a CDN's script is wrapped in a blob: URL
    this.generation++;
    let booted;
    const boot = new Promise((resolve) => { booted = resolve; });
    const failed = async (what) => {
      const cause = (await whyNotLoaded(url, { startedFrom: startUrl })) ?? what;
      return `ml5-wasm: worker mode could not start its worker (${url}): ${cause}`;
    };
    try {
      this.worker = new Worker(startUrl);
    } catch (error) {  // e.g. a Content-Security-Policy that forbids it, in Chromium
      this.worker = null;
      this.started = failed(error.message).then((message) => { throw new Error(message); });
      this.started.catch(() => {});
      return this.started;
    }
    const worker = this.worker;
    worker.onmessage = ({ data: { id, value, error, boot: bootMessage } }) => {
      if (bootMessage) return booted(true);
      const call = this.pending.get(id);
      if (!call) return;
      this.pending.delete(id);
      if (error) call.reject(Object.assign(new (error.name === 'RangeError' ? RangeError : error.name === 'TypeError' ? TypeError : Error)(error.message)));
      else call.resolve(value);
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      const what = event.message || 'it could not start or crashed';
      booted(false);
      boot.then(async (ran) => {
        const reason = ran ? `ml5-wasm: the worker failed (${what})` : await failed(what);
        if (this.worker === worker) this.terminate(reason, ran ? undefined : 'the next call tries again');
      });
    };
    // A worker that never runs its script (nothing reported it) ends the start too: no hang.
    const bootTimer = setTimeout(async () => {
      booted(false);
      const reason = await failed(`it did not run within ${BOOT_TIMEOUT} ms`);
      if (this.worker === worker) this.terminate(reason, 'the next call tries again');
    }, BOOT_TIMEOUT);
    boot.then(() => clearTimeout(bootTimer));
    this.stopBoot = () => booted(false);  // terminate() before the boot: no timer left behind
    this.started = this.startModule();
    this.started.catch(() => {});  // callers see the error through call()
    return this.started;
  }

  // Only a threaded start has a deadline: the module without threads starts no nested workers.
  async startModule() {
    const worker = this.worker;
    const startId = this.nextId;
    const [variant, reason] = this.threadless
      ? [unthreadedVariant(), `the worker's threaded start stalled, so worker mode runs ${unthreadedVariant()}`]
      : forcedWasmVariant();
    const starting = this.post('start', [variant, reason, fileUrls(), this.quiet]);
    if (this.threadless || !canUseThreads()) return starting;
    let timer;
    const deadline = new Promise((resolve) => { timer = setTimeout(resolve, startTimeout, 'late'); });
    const outcome = await Promise.race([starting, deadline]).finally(() => clearTimeout(timer));
    if (outcome !== 'late') return outcome;
    if (this.worker !== worker) return starting;  // terminated meanwhile: `starting` rejected
    console.warn(`ml5-wasm: the worker's wasm threads did not start within ${startTimeout} ms ` +
      '(nested workers can stall in Firefox); worker mode goes on without threads');
    this.threadless = true;
    this.worker.onerror = null;
    this.worker.terminate();
    this.worker = null;
    this.pending.delete(startId);  // the stalled start never answers
    return this.start();
  }

  // Stops the worker; pending calls reject with `reason`. The next call starts a new one.
  terminate(reason = 'ml5-wasm: the worker was terminated', next = 'the next call starts a new worker and reloads the model') {
    this.stopBoot?.();
    this.worker?.terminate();
    this.worker = null;
    for (const call of this.pending.values()) call.reject(new Error(`${reason}; ${next}`));
    this.pending.clear();
  }

  // The worker's wasm heap, {memory, inUse, peak} in bytes, as backend.memory() gives the page's.
  memory() {
    return this.call('memory', []);
  }

  async call(op, args, transfer = []) {
    await this.start();
    return this.post(op, args, transfer);
  }

  post(op, args, transfer = []) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, args }, transfer);
    });
  }
}

let shared = null;
export function sharedWorker() {
  shared ??= new ModelWorker();
  return shared;
}

// A model living in the worker: loads (and reloads after a restart) on demand. kind: its
// name in the model registry (web/registry.js).
export class RemoteModel {
  constructor(kind, url, options, worker = sharedWorker()) {
    this.kind = kind;
    this.url = url;
    this.options = options;
    this.worker = worker;
    this.handle = null;
    this.generation = -1;
  }

  async load() {
    const loaded = await this.worker.call('load', [this.kind, this.url, this.options, getLimits()]);
    this.handle = loaded.handle;
    this.generation = this.worker.generation;
    return loaded;
  }

  // The model's `method` in the worker -> its results, packed (web/worker.js). transfer: what
  // to move with the arguments; callOptions: {png: false} leaves the PNG to the page.
  async call(method, args, transfer, callOptions = {}) {
    if (this.generation !== this.worker.generation || !this.worker.worker) {
      this.reloading ??= this.load().finally(() => { this.reloading = null; });
      await this.reloading;
    }
    return this.worker.call('call', [this.handle, method, args, callOptions], transfer);
  }

  dispose() {
    if (this.handle !== null && this.generation === this.worker.generation && this.worker.worker) {
      this.worker.call('dispose', [this.handle]).catch(() => {});
    }
    this.handle = null;
  }
}
