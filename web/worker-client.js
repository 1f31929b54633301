// The page's side of worker mode: one Web Worker (dist/ml5-wasm.worker.js) shared by every model
// that asked for it. If the worker dies or is terminated, pending calls reject with a clear
// error and the next call starts a fresh worker, into which each model reloads itself.
/* global ML5_FORMAT */
import { isNode } from './env.js';
import { getLimits } from './limits.js';
import { fileUrls, resolveFile } from './paths.js';

let defaultWorkerMode = false;

// ml5.setWorkerMode(true): every model made afterwards runs in the worker.
export function setWorkerMode(enabled) {
  defaultWorkerMode = !!enabled;
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

class ModelWorker {
  constructor() {
    this.worker = null;
    this.generation = 0;  // counts started workers: a model loaded in an older one reloads
    this.pending = new Map();
    this.nextId = 1;
  }

  start() {
    if (this.worker) return;
    this.worker = new Worker(resolveFile('ml5-wasm.worker.js'));
    this.generation++;
    this.worker.onmessage = ({ data: { id, value, error } }) => {
      const call = this.pending.get(id);
      if (!call) return;
      this.pending.delete(id);
      if (error) call.reject(Object.assign(new (error.name === 'RangeError' ? RangeError : error.name === 'TypeError' ? TypeError : Error)(error.message)));
      else call.resolve(value);
    };
    this.worker.onerror = (event) => {
      event.preventDefault?.();
      this.terminate(`ml5-wasm: the worker failed (${event.message || 'it could not start or crashed'})`);
    };
  }

  // Stops the worker; pending calls reject with `reason`. The next call starts a new one.
  terminate(reason = 'ml5-wasm: the worker was terminated') {
    this.worker?.terminate();
    this.worker = null;
    for (const call of this.pending.values()) call.reject(new Error(`${reason}; the next call starts a new worker and reloads the model`));
    this.pending.clear();
  }

  call(op, args, transfer = []) {
    this.start();
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

// A model living in the worker: loads (and reloads after a restart) on demand.
export class RemoteModel {
  constructor(kind, url, options) {
    this.kind = kind;
    this.url = url;
    this.options = options;
    this.worker = sharedWorker();
    this.handle = null;
    this.generation = -1;
  }

  async load() {
    const loaded = await this.worker.call('load', [this.kind, this.url, this.options, getLimits(), fileUrls()]);
    this.handle = loaded.handle;
    this.generation = this.worker.generation;
    return loaded;
  }

  async call(op, args, transfer) {
    if (this.generation !== this.worker.generation || !this.worker.worker) {
      this.reloading ??= this.load().finally(() => { this.reloading = null; });
      await this.reloading;
    }
    return this.worker.call(op, [this.handle, ...args], transfer);
  }

  dispose() {
    if (this.handle !== null && this.generation === this.worker.generation && this.worker.worker) {
      this.worker.call('dispose', [this.handle]).catch(() => {});
    }
    this.handle = null;
  }
}
