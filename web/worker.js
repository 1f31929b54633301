// The worker of worker mode ({worker: true}): real CVAE and pix2pix instances live here and
// answer the page's proxies (web/worker-client.js), so inference never blocks the page.
// Results travel as plain data with the PNG already encoded.
import { CVAE } from './cvae.js';
import { setLimits } from './limits.js';
import { loadBackend, forceVariant } from './loader.js';
import { useFileUrls } from './paths.js';
import { pix2pix } from './pix2pix.js';

const models = new Map();
let nextHandle = 1;

const model = (handle) => {
  const found = models.get(handle);
  if (!found) throw new Error('ml5-wasm: this model is not loaded in the worker (disposed?)');
  return found;
};

// One result -> [plain data, buffers to transfer]. png: false leaves the PNG to the page.
function pack(result, png = true) {
  const rgba = new Uint8Array(result.raws);  // own buffers, so they can be transferred
  const output = new Float32Array(result.tensor.data);
  const lineArt = result.lineArt && new Uint8Array(result.lineArt.data);
  return [{
    rgba, output, width: result.raw.width, height: result.raw.height, channels: result.tensor.shape[2],
    png: png ? result.blob : undefined, label: result.label, latent: result.latent, lineArt,
  }, [rgba.buffer, output.buffer, ...(lineArt ? [lineArt.buffer] : [])]];
}

function packAll(results, png) {
  const packed = results.map((result) => pack(result, png));
  return [packed.map(([value]) => value), packed.flatMap(([, transfer]) => transfer)];
}

const operations = {
  // First message: the page's file URLs (wherever a bundler put them) and, after a stalled
  // start, the variant to use instead of the threaded one.
  async start(variant, urls) {
    useFileUrls(urls);
    if (variant) forceVariant(variant);
    const backend = await loadBackend();
    return [{ variant: backend.variant, threads: backend.threads }, []];
  },
  async load(kind, url, options, limits) {
    setLimits(limits);
    const instance = kind === 'cvae' ? await CVAE(url ?? undefined).ready : await pix2pix(url ?? undefined, undefined, options);
    const handle = nextHandle++;
    models.set(handle, instance);
    const info = kind === 'cvae'
      ? { labels: instance.labels, latentSize: instance.latentSize, width: instance.width, height: instance.height, channels: instance.channels }
      : { ngf: instance.ngf };
    return [{ handle, info, variant: instance.backend.variant, threads: instance.backend.threads }, []];
  },
  // pixels: {data, width, height}, or an ImageBitmap of a video frame (closed once read).
  async transfer(handle, pixels, options, { png } = {}) {
    try {
      return packAll([await model(handle).transfer(pixels, options)], png);
    } finally {
      if (typeof ImageBitmap === 'function' && pixels instanceof ImageBitmap) pixels.close();
    }
  },
  async cvae(handle, method, args) {
    const results = await model(handle)[method](...args);
    return packAll(Array.isArray(results) ? results : [results]);
  },
  async dispose(handle) {
    models.get(handle)?.dispose();
    models.delete(handle);
    return [undefined, []];
  },
};

self.onmessage = async ({ data: { id, op, args } }) => {
  try {
    const [value, transfer] = await operations[op](...args);
    self.postMessage({ id, value }, transfer);
  } catch (error) {
    self.postMessage({ id, error: { name: error?.name, message: String(error?.message ?? error) } });
  }
};
