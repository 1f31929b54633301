// ml5.pix2pix(): ml5 0.x's API (docs/formats.md 3) on the wasm core, without ml5 #1395: any
// number of transfer() calls work, overlapping ones are queued, and each gets its own result.
import { modelArguments, optionsAndCallback } from './arguments.js';
import { callCallback } from './callback.js';
import { readyPromise } from './model-ready.js';
import { fileName, isModelBytes, modelBytes, toUrl } from './fetch.js';
import { fetchLayersModel, layersModelFiles } from './layers-model.js';
import { withHeapBytes, withHeapDownload } from './heap.js';
import { check, loadBackend } from './loader.js';
import { getLimits } from './limits.js';
import { defaultModelLocation } from './paths.js';
import { readPixels } from './pixels.js';
import { canUseThreads, hardwareThreads } from './env.js';
import { ModelWorker, RemoteModel, wantsWorker } from './worker-client.js';
import { imageResult } from './result.js';
import { drawLineArt, lineArtOptions } from './line-art.js';
import { TransferStream, videoElement } from './video-stream.js';
import { ThreadPolicy } from './thread-policy.js';

// The default model (models/pix2pix-default/).
export const PIX2PIX_DEFAULT_FILES = ['pix2pix-default/model.compact.pict'];
const MAX_LANES = 16;
const MIN_SIZE_UNIT = 32;  // a 5-level U-Net's; a model's own is known once it is ready
/* global ML5_FORMAT */

export class Pix2pix {
  constructor(model, callback, options = {}) {
    this.model = null;
    this.isDefault = model === undefined || model === null;
    // A model given as bytes is named by its file name (a File) or "model.pict" in messages.
    const bytes = isModelBytes(model);
    this.modelPath = bytes ? model.name ?? 'model.pict' : model ?? defaultModelLocation(PIX2PIX_DEFAULT_FILES[0]);
    this.queue = Promise.resolve();
    this.streams = new Set();  // running transferStream()s, whose workers dispose() ends
    this.disposed = false;
    const loading = readyPromise(this, () => this.load(bytes ? model : this.modelPath, options), { signal: options.signal, name: 'pix2pix' });
    this.ready = callCallback(loading, callback);
    if (!callback) this.ready.catch(() => {});
  }

  async load(location, options) {
    const given = isModelBytes(location) ? await modelBytes(location) : null;
    const batchNorm = options.batchNorm ?? 'batch';
    if (batchNorm !== 'batch' && batchNorm !== 'moving') {
      throw new RangeError(`ml5-wasm: options.batchNorm must be 'batch' or 'moving', got ${batchNorm}`);
    }
    const remoteOptions = { encoderBias: !!options.encoderBias, batchNorm, name: this.modelPath };
    if (wantsWorker(options)) {
      // Bytes go to the worker as a copy, kept for a reload after terminate().
      const source = given ? given.slice() : this.isDefault ? null : (await toUrl(location)).href;
      this.remote = new RemoteModel('pix2pix', source, remoteOptions);
      this.laneSource = { source, options: remoteOptions };
      this.worker = this.remote.worker;
      this.model = this.remote;
      ({ ngf: this.ngf, sizeUnit: this.sizeUnit } = (await this.remote.load()).info);
      return this;
    }
    this.backend = await loadBackend();
    const m = this.backend.module;
    const loadOptions = { encoderBias: !!options.encoderBias, maxWeights: getLimits().maxModelWeights };
    if (given) {
      const name = options.name ?? this.modelPath;
      this.model = check(withHeapBytes(m, given, (heap) => this.backend.onPool(() => m.Pix2Pix.load(heap, name, loadOptions))));
    } else {
      // The layers are packed as their bytes arrive, overlapping the download. An error on the
      // way is reported once the whole file is in: a body longer than its Content-Length (a
      // proxy's or service worker's mistake) is parsed again from all of it.
      const url = await toUrl(location);
      const name = fileName(url);
      if (url.pathname.endsWith('.json')) {  // a tfjs Layers generator and its weight shards
        const files = await fetchLayersModel(m, url, { onProgress: options.onProgress, signal: options.signal });
        this.model = check(withHeapBytes(m, files.shards, (heap) => this.backend.onPool(() =>
          m.Pix2Pix.loadLayers(layersModelFiles(files), heap, { maxWeights: loadOptions.maxWeights, batchNorm }))));
        return this.loaded(location, given, remoteOptions);
      }
      let streaming = null, failed = null;
      try {
        this.model = check(await withHeapDownload(m, url, options.onProgress, {
          arrived: (heap, loaded) => {
            streaming ??= new m.Pix2PixStreamLoad(heap, name, loadOptions);
            if (!failed) failed = this.backend.onPool(() => streaming.arrived(loaded)) ?? null;
          },
          use: (heap, streamed) => this.backend.onPool(() => (!streamed ? m.Pix2Pix.load(heap, name, loadOptions)
            : failed ?? streaming.finish())),
        }, { signal: options.signal }));
      } finally {
        streaming?.delete();
      }
    }
    return this.loaded(location, given, remoteOptions);
  }

  async loaded(location, given, remoteOptions) {
    this.ngf = this.model.ngf();
    this.sizeUnit = this.model.sizeUnit();
    this.threadPolicy = new ThreadPolicy(this.backend);
    // What a stream's workers load (lanes of transferStream()): the same file or bytes.
    this.laneSource = { source: given ?? (this.isDefault ? null : (await toUrl(location)).href), options: remoteOptions };
    return this;
  }

  // transfer(input, [options], [callback]) -> Promise<result>
  transfer(input, options, callback) {
    const [opts, cb] = optionsAndCallback(options, callback, 'transfer()');
    return callCallback(this.enqueue(() => this.run(input, opts)), cb);
  }

  // Calls run one after another: overlapping transfers (and stream frames) wait their turn.
  enqueue(call) {
    const run = this.queue.then(call);
    this.queue = run.catch(() => {});  // one failed call does not stop the next
    return run;
  }

  // transferStream(source, [options], [onFrame]) -> TransferStream: every new frame of a
  // <video> (or p5 capture, canvas...) through transfer(), each lane holding at most one frame.
  // options: transfer's, plus fps (a cap) and workers: on pages without threads, 'auto' (the
  // default) adds workers with a model of their own while they make the stream faster, a
  // number runs that many lanes (the model plus workers). onFrame(error, result); without it,
  // iterate the stream.
  transferStream(source, options, onFrame) {
    const [opts, cb] = optionsAndCallback(options, onFrame, 'transferStream()');
    const { fps, workers = 'auto', ...transferOptions } = opts;
    workingSize(transferOptions.size, this.sizeUnit ?? MIN_SIZE_UNIT);  // bad options fail here, not on the first frame
    parseColor(transferOptions.background);
    lineArtOptions(transferOptions.lineArt);
    if (workers !== 'auto' && !(Number.isInteger(workers) && workers >= 1 && workers <= MAX_LANES)) {
      throw new RangeError(`ml5-wasm: options.workers must be 'auto' or an integer from 1 to ${MAX_LANES}, got ${workers}`);
    }
    const element = () => videoElement(source) ?? source?.elt ?? source?.canvas ?? source;
    // In worker mode frames travel as ImageBitmaps (no pixel copy on the page), where the
    // worker can draw them (OffscreenCanvas) and the engine survives it (framesAsBitmaps).
    const asBitmap = () => this.remote && framesAsBitmaps();
    const stream = new TransferStream(source, { fps }, cb, () => this.enqueue(async () => {
      const input = asBitmap() ? await createImageBitmap(element()) : source;
      return this.run(input, transferOptions, { bitmap: input !== source, png: false });
    }), this.moreLanes(workers, element, transferOptions));
    this.streams.add(stream);
    stream.done.then(() => this.streams.delete(stream));
    return stream;
  }

  // The lanes a stream may add: workers each with this model, where the page has no threads
  // (with threads, one module's threads share the work instead).
  moreLanes(workers, element, transferOptions) {
    const max = workers === 'auto' ? Math.min(hardwareThreads(), MAX_LANES) : workers;
    if (max < 2 || !canMoveFrames() || typeof Worker !== 'function' || ML5_FORMAT === 'single' || canUseThreads()) return null;
    const make = async () => {
      await this.ready;
      const worker = new ModelWorker({ quiet: true });
      const remote = new RemoteModel('pix2pix', this.laneSource.source, this.laneSource.options, worker);
      try {
        await remote.load();
      } catch (error) {
        worker.terminate();
        throw error;
      }
      return {
        run: async () => {
          if (!this.model) throw disposedError();
          try {
            const bitmap = framesAsBitmaps();
            const frame = bitmap ? await createImageBitmap(element()) : element();
            return await remoteTransfer(remote, frame, transferOptions, { bitmap, png: false });
          } catch (error) {
            throw this.model ? error : disposedError();
          }
        },
        dispose: () => worker.terminate('ml5-wasm: the stream ended'),
        worker,
      };
    };
    return { count: workers, max, make };
  }

  // own.bitmap: `input` is an ImageBitmap of ours, moved to the worker. own.png: false skips the
  // worker's PNG (a stream's frames are drawn, rarely saved; the page can still encode one).
  async run(input, options, own = {}) {
    try {
      await this.ready;
      if (!this.model) throw disposedError();
    } catch (error) {
      if (own.bitmap) input.close();
      throw error;
    }
    const [workWidth, workHeight] = workingSize(options.size, this.sizeUnit);
    const background = parseColor(options.background);
    const lineArt = lineArtOptions(options.lineArt);
    if (this.remote) {
      try {
        return await remoteTransfer(this.remote, input, options, own);
      } catch (error) {
        throw this.model ? error : disposedError();  // disposed while it ran
      }
    }
    const m = this.backend.module;
    const { data, width, height } = await readPixels(input, m);
    if (!this.model) throw disposedError();  // disposed while the input was read
    const transferOptions = { workWidth, workHeight, background, maxPixels: getLimits().maxImagePixels };
    let drawing = null;
    const out = check(withHeapBytes(m, data, (heap) => {
      if (lineArt) {
        drawLineArt(m, heap, width, height, lineArt);
        drawing = heap.view().slice();
      }
      return this.threadPolicy.run(`${width}x${height} at ${workWidth}x${workHeight}`,
        () => this.model.transfer(heap, width, height, transferOptions));
    }));
    return imageResult(m, {
      rgba: out.rgba, output: out.output, width, height, channels: 3, htmlImage: true, lineArt: drawing,
    });
  }

  // What the page's proxy of a pix2pix in the worker needs.
  workerInfo() {
    return { ngf: this.ngf, sizeUnit: this.sizeUnit };
  }

  // Frees the model now, or as soon as its load ends (ready then rejects); ends its streams' lanes.
  dispose() {
    this.disposed = true;
    const model = this.model;
    this.model = null;
    for (const stream of this.streams) stream.endLanes();
    if (this.remote) this.remote.dispose();
    else model?.delete();
  }
}

// A transfer by a model in a worker. own: as run()'s.
async function remoteTransfer(remote, input, options, own) {
  const remoteOptions = { size: options.size, background: options.background, lineArt: options.lineArt };
  let pixels = input, moved = [input];
  if (!own.bitmap) {
    const { data, width, height } = await readPixels(input, null);
    const copy = new Uint8ClampedArray(data);  // transferred to the worker: the caller keeps theirs
    pixels = { data: copy, width, height };
    moved = [copy.buffer];
  }
  const [out] = await remote.call('transfer', [pixels, remoteOptions], moved, { png: own.png !== false });
  return imageResult(null, { ...out, htmlImage: true });
}

// Whether video frames can move to a worker as ImageBitmaps that it can draw.
const canMoveFrames = () => typeof createImageBitmap === 'function' && typeof OffscreenCanvas === 'function';

// ... and whether they should. WebKit's WebProcess (WebKitGTK 2.50: a release assertion on its
// main thread) crashed in about one one-minute soak in four while a video's frames went to a
// worker as ImageBitmaps, and never in 8 when they went as pixels (scripts/soak.mjs,
// docs/development.md "Soak"). Every browser on iOS is WebKit; Chrome and Edge elsewhere say
// "Chrome/".
const webKitEngine = () => typeof navigator === 'object' && /AppleWebKit\//.test(navigator.userAgent ?? '') &&
  !/(Chrome|Chromium)\//.test(navigator.userAgent ?? '');
const framesAsBitmaps = () => canMoveFrames() && !webKitEngine();

const disposedError = () => new Error('ml5-wasm: this pix2pix model was disposed');

// pix2pix(model?, callback?, options?), the last two in either order. ml5: with a callback, the
// instance; without, a Promise of it.
export function pix2pix(...args) {
  const [model, options, callback] = modelArguments('ml5.pix2pix()', args, { bytes: true });
  const instance = new Pix2pix(model, callback, options);
  return callback ? instance : instance.ready;
}

// `unit`: the model's size unit, 2^levels of its U-Net (256 for ml5's models, 128 for a
// converted unet_128); in a remote model's worker, the worker checks it.
function workingSize(size, unit = MIN_SIZE_UNIT) {
  if (size === undefined) return [0, 0];
  const [w, h] = typeof size === 'number' ? [size, size] : [size?.width, size?.height];
  if (!Number.isInteger(w) || !Number.isInteger(h) || w <= 0 || h <= 0 || w % unit || h % unit) {
    throw new RangeError(`ml5-wasm: options.size must be a multiple of ${unit} or {width, height} of them`);
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
