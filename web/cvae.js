// ml5.CVAE(): ml5 0.x's API (docs/formats.md 2) on the wasm core, plus seeds, batches and
// interpolation.
import { modelArguments, optionsAndCallback } from './arguments.js';
import { callCallback } from './callback.js';
import { readyPromise } from './model-ready.js';
import { fileName, loadText, toUrl } from './fetch.js';
import { withHeapBytes } from './heap.js';
import { check, loadBackend } from './loader.js';
import { getLimits } from './limits.js';
import { fetchLayersModel, layersModelFiles } from './layers-model.js';
import { defaultModelLocation } from './paths.js';
import { drawLatent, seededRandom } from './random.js';
import { imageResult } from './result.js';
import { RemoteModel, wantsWorker } from './worker-client.js';
import { ThreadPolicy } from './thread-policy.js';

// The default model (models/cvae-fashion-mnist/): the manifest first.
// Its weights ship as float16 (models/float16_model.mjs): half the bytes of model/'s float32.
export const CVAE_DEFAULT_FILES = ['cvae-fashion-mnist/manifest.json',
  'cvae-fashion-mnist/model-float16/model.json', 'cvae-fashion-mnist/model-float16/group1-shard1of1.bin'];
const DEFAULT_FOLDER = CVAE_DEFAULT_FILES[0].replace(/[^/]*$/, '');

export class Cvae {
  constructor(model, callback, options = {}) {
    this.labels = undefined;
    this.model = null;
    this.isDefault = model === undefined || model === null;
    this.modelPath = model ?? defaultModelLocation(CVAE_DEFAULT_FILES[0]);
    this.disposed = false;
    const loading = readyPromise(this, () => this.load(this.modelPath, options), { signal: options.signal, name: 'CVAE' });
    this.ready = callCallback(loading, callback);
    if (!callback) this.ready.catch(() => {});  // awaiting ready or generate() still sees it
  }

  async load(location, options) {
    if (wantsWorker(options)) {
      this.remote = new RemoteModel('CVAE', this.isDefault ? null : (await toUrl(location)).href, {});
      this.worker = this.remote.worker;
      this.model = this.remote;
      Object.assign(this, (await this.remote.load()).info);
      return this;
    }
    // Its calls take 0.1-0.5 ms: too short for threads (see loadBackend).
    const backend = await loadBackend({ shortCalls: true });
    this.backend = backend;
    const m = backend.module;
    // A .json URL is the manifest; anything else is its folder (ml5 main's modelLoader).
    let manifestUrl = await toUrl(location);
    const inlined = manifestUrl.protocol === 'data:' || manifestUrl.protocol === 'blob:';
    if (!inlined && !manifestUrl.pathname.endsWith('.json')) {
      manifestUrl = new URL(manifestUrl.pathname.replace(/\/?$/, '/manifest.json'), manifestUrl);
    }
    const manifestText = await loadText(manifestUrl, { signal: options.signal });
    const manifest = check(m.parseCvaeManifest(manifestText, fileName(manifestUrl)));
    this.labels = manifest.labels;
    // The default model's files are looked up one by one: a bundler may have renamed them (and
    // in Node they are file paths).
    const near = (path, base, folder) => (this.isDefault
      ? toUrl(defaultModelLocation(DEFAULT_FOLDER + folder + path)) : new URL(path, base));
    const modelUrl = await near(manifest.model, manifestUrl, '');
    const modelFolder = manifest.model.includes('/') ? manifest.model.replace(/[^/]*$/, '') : '';
    const model = await fetchLayersModel(m, modelUrl, {
      modelFile: manifest.model, locate: (path) => near(path, modelUrl, modelFolder), onProgress: options.onProgress,
      signal: options.signal,
    });
    const files = { manifest: manifestText, manifestFile: fileName(manifestUrl), ...layersModelFiles(model) };
    this.model = check(withHeapBytes(m, model.shards, (bytes) => m.Cvae.load(files, bytes, getLimits().maxModelWeights)));
    this.latentSize = this.model.latentSize();
    [this.height, this.width, this.channels] = this.model.outputDims();
    this.threadPolicy = new ThreadPolicy(backend);
    return this;
  }

  // generate(label, [options], [callback]) -> Promise<result>
  generate(label, options, callback) {
    const [opts, cb] = optionsAndCallback(options, callback, 'generate()');
    if (this.remote) return callCallback(this.runRemote('generate', [label, opts]).then((r) => r[0]), cb);
    return callCallback(this.run([label], 1, opts).then((results) => results[0]), cb);
  }

  // n images of one label, in one pass through the network.
  generateBatch(label, n, options, callback) {
    const [opts, cb] = optionsAndCallback(options, callback, 'generateBatch()');
    if (!Number.isInteger(n) || n < 1 || n > 4096) {
      return callCallback(Promise.reject(new RangeError(`ml5-wasm: generateBatch needs 1 to 4096 images, got ${n}`)), cb);
    }
    if (this.remote) return callCallback(this.runRemote('generateBatch', [label, n, opts]), cb);
    return callCallback(this.run([label], n, opts), cb);
  }

  // `steps` images walking from labelA to labelB (the label mixture), with one latent, or from
  // options.latent to options.latentTo when given.
  interpolate(labelA, labelB, steps, options, callback) {
    const [opts, cb] = optionsAndCallback(options, callback, 'interpolate()');
    if (!Number.isInteger(steps) || steps < 2 || steps > 4096) {
      return callCallback(Promise.reject(new RangeError(`ml5-wasm: interpolate needs 2 to 4096 steps, got ${steps}`)), cb);
    }
    if (this.remote) return callCallback(this.runRemote('interpolate', [labelA, labelB, steps, opts]), cb);
    return callCallback(this.run([labelA, labelB], steps, opts), cb);
  }

  // Worker mode: the same method on the instance in the worker.
  async runRemote(method, args) {
    await this.ready;
    if (!this.model) throw new Error('ml5-wasm: this CVAE model was disposed');
    const outs = await this.remote.call(method, args);
    return outs.map((out) => Object.assign(imageResult(null, out), { label: out.label, latent: out.latent }));
  }

  async run(labels, count, options) {
    await this.ready;
    if (!this.model) throw new Error('ml5-wasm: this CVAE model was disposed');
    const n = this.labels.length;
    const indices = labels.map((label) => this.labelIndex(label));
    const random = seededRandom(options.seed ?? Math.floor(Math.random() * 2 ** 32));
    const first = this.latent(options.latent, random, options.distribution);
    const last = options.latentTo !== undefined ? this.latent(options.latentTo, random) : null;
    const latents = new Float32Array(count * this.latentSize);
    const weights = new Float32Array(count * n);
    for (let i = 0; i < count; i++) {
      const t = count > 1 ? i / (count - 1) : 0;
      // A batch draws a fresh latent per image; an interpolation keeps (or walks) one.
      const z = labels.length === 1 && !options.latent && i > 0
        ? drawLatent(random, this.latentSize, options.distribution ?? 'uniform')
        : first;
      for (let k = 0; k < this.latentSize; k++) {
        latents[i * this.latentSize + k] = last ? (1 - t) * z[k] + t * last[k] : z[k];
      }
      if (indices.length === 1) {
        weights[i * n + indices[0]] = 1;
      } else {
        weights[i * n + indices[0]] += 1 - t;
        weights[i * n + indices[1]] += t;
      }
    }
    const out = check(this.threadPolicy.run(`${count} images`, () => this.model.generate(latents, weights, count)));
    if (!out.output.every(Number.isFinite)) {
      throw new RangeError('ml5-wasm: the latent made the network overflow (its outputs are not finite numbers); ' +
        'latents are normally within a few units of 0');
    }
    const pixels = this.width * this.height;
    return Array.from({ length: count }, (_, i) => Object.assign(imageResult(this.backend.module, {
      rgba: out.rgba.subarray(i * pixels * 4, (i + 1) * pixels * 4),
      output: out.output.subarray(i * pixels * this.channels, (i + 1) * pixels * this.channels),
      width: this.width, height: this.height, channels: this.channels,
    }), {
      label: labels.length === 1 ? labels[0] : undefined,
      latent: Array.from(latents.subarray(i * this.latentSize, (i + 1) * this.latentSize)),
    }));
  }

  // What the page's proxy of a CVAE in the worker needs.
  workerInfo() {
    return { labels: this.labels, latentSize: this.latentSize, width: this.width, height: this.height, channels: this.channels };
  }

  labelIndex(label) {
    if (typeof label !== 'string') {
      throw new TypeError(`ml5-wasm: a CVAE label is a string, one of: ${this.labels.join(', ')}; got ${label === null ? 'null' : typeof label}`);
    }
    const index = this.labels.indexOf(label);
    if (index < 0) {
      throw new Error(`ml5-wasm: CVAE has no label '${label}'; valid labels are: ${this.labels.join(', ')}`);
    }
    return index;
  }

  latent(given, random, distribution = 'uniform') {
    if (given === undefined) return drawLatent(random, this.latentSize, distribution);
    if (!given || given.length !== this.latentSize || !Array.from(given).every(Number.isFinite)) {
      throw new RangeError(`ml5-wasm: a latent must be ${this.latentSize} finite numbers`);
    }
    return Float32Array.from(given);
  }

  // Frees the model now, or as soon as its load ends (ready then rejects).
  dispose() {
    this.disposed = true;
    if (this.remote) this.remote.dispose();
    else this.model?.delete();
    this.model = null;
  }
}

// CVAE(model?, callback?, options?), the last two in either order: options.worker runs it in a
// Web Worker.
export function CVAE(...args) {
  const [model, options, callback] = modelArguments('ml5.CVAE()', args);
  return new Cvae(model, callback, options);
}
