// ml5.pix2pix(): ml5 0.x's API (spec §3) on the wasm core, without ml5 #1395: any number of
// transfer() calls work, overlapping ones are queued, and each gets its own result.
import { callCallback, optionsAndCallback } from './callback.js';
import { fileName, isModelBytes, loadBytes, modelBytes, toUrl } from './fetch.js';
import { withHeapBytes } from './heap.js';
import { check, loadBackend } from './loader.js';
import { getLimits } from './limits.js';
import { defaultModelLocation } from './paths.js';
import { readPixels } from './pixels.js';
import { RemoteModel, wantsWorker } from './worker-client.js';
import { imageResult } from './result.js';

export const DEFAULT_PIX2PIX = 'pix2pix-default/model.pict';

export class Pix2pix {
  constructor(model, callback, options = {}) {
    this.model = null;
    this.isDefault = model === undefined || model === null;
    // A model given as bytes is named by its file name (a File) or "model.pict" in messages.
    const bytes = isModelBytes(model);
    this.modelPath = bytes ? model.name ?? 'model.pict' : model ?? defaultModelLocation(DEFAULT_PIX2PIX);
    this.queue = Promise.resolve();
    this.ready = callCallback(this.load(bytes ? model : this.modelPath, options), callback);
    if (!callback) this.ready.catch(() => {});
  }

  async load(location, options) {
    const given = isModelBytes(location) ? await modelBytes(location) : null;
    if (wantsWorker(options)) {
      // Bytes go to the worker as a copy, kept for a reload after terminate().
      const source = given ? given.slice() : this.isDefault ? null : (await toUrl(location)).href;
      this.remote = new RemoteModel('pix2pix', source, { encoderBias: !!options.encoderBias, name: this.modelPath });
      this.worker = this.remote.worker;
      this.model = this.remote;
      this.ngf = (await this.remote.load()).info.ngf;
      return this;
    }
    this.backend = await loadBackend();
    let bytes = given, name = options.name ?? this.modelPath;
    if (!given) {
      const url = await toUrl(location);
      bytes = await loadBytes(url, options.onProgress);
      name = fileName(url);
    }
    const m = this.backend.module;
    const loadOptions = { encoderBias: !!options.encoderBias, maxWeights: getLimits().maxModelWeights };
    this.model = check(withHeapBytes(m, bytes, (heap) => m.Pix2Pix.load(heap, name, loadOptions)));
    this.ngf = this.model.ngf();
    return this;
  }

  // transfer(input, [options], [callback]) -> Promise<result>
  transfer(input, options, callback) {
    const [opts, cb] = optionsAndCallback(options, callback);
    const run = this.queue.then(() => this.run(input, opts));
    this.queue = run.catch(() => {});  // one failed call does not stop the next
    return callCallback(run, cb);
  }

  async run(input, options) {
    await this.ready;
    if (!this.model) throw new Error('ml5-wasm: this pix2pix model was disposed');
    const [workWidth, workHeight] = workingSize(options.size);
    const background = parseColor(options.background);
    if (this.remote) {
      const { data, width, height } = await readPixels(input, null);
      const copy = new Uint8ClampedArray(data);  // transferred to the worker: the caller keeps theirs
      const args = [{ data: copy, width, height }, { size: options.size, background: options.background }];
      const [out] = await this.remote.call('transfer', args, [copy.buffer]);
      return imageResult(null, { ...out, htmlImage: true });
    }
    const m = this.backend.module;
    const { data, width, height } = await readPixels(input, m);
    const transferOptions = { workWidth, workHeight, background, maxPixels: getLimits().maxImagePixels };
    const out = check(withHeapBytes(m, data, (rgba) => this.model.transfer(rgba, width, height, transferOptions)));
    return imageResult(m, {
      rgba: out.rgba, output: out.output, width, height, channels: 3, htmlImage: true,
    });
  }

  dispose() {
    if (this.remote) this.remote.dispose();
    else this.model?.delete();
    this.model = null;
  }
}

// ml5: with a callback, the instance; without, a Promise of it.
export function pix2pix(model, callback, options) {
  if (typeof model === 'function') [model, callback] = [undefined, model];
  const instance = new Pix2pix(model, callback, options);
  return callback ? instance : instance.ready;
}

function workingSize(size) {
  if (size === undefined) return [0, 0];
  const [w, h] = typeof size === 'number' ? [size, size] : [size?.width, size?.height];
  if (!Number.isInteger(w) || !Number.isInteger(h) || w <= 0 || h <= 0 || w % 256 || h % 256) {
    throw new RangeError('ml5-wasm: options.size must be a multiple of 256 or {width, height} of them');
  }
  return [w, h];
}

function parseColor(color) {
  if (color === undefined || color === null) return null;
  if (Array.isArray(color) && color.length >= 3 && color.slice(0, 3).every((v) => Number.isInteger(v) && v >= 0 && v <= 255)) {
    return color.slice(0, 3);
  }
  const hex = typeof color === 'string' && /^#([0-9a-f]{6})$/i.exec(color);
  if (hex) return [0, 2, 4].map((i) => parseInt(hex[1].slice(i, i + 2), 16));
  throw new RangeError(`ml5-wasm: options.background must be [r, g, b] or '#rrggbb', got ${color}`);
}
