// The worker of worker mode ({worker: true}): real model instances live here and answer the
// page's proxies (web/worker-client.js), so inference never blocks the page. The protocol is
// start / load(kind) / call(handle, method, args) / dispose; the kinds and the methods each
// may run come from the model registry. Results travel as plain data with the PNG encoded.
import { setLimits } from './limits.js';
import { forceVariant, loadBackend, silenceNotes } from './loader.js';
import { useFileUrls } from './paths.js';
import { modelRow } from './registry.js';

const models = new Map();  // handle -> {instance, row}
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
  // First message: the variant the page pinned or, after a stalled start, the one to use
  // instead of the threaded one, why (for the threads note), and the page's file URLs
  // (wherever a bundler put them).
  // quiet: a stream's lane, whose page has said why there is one thread.
  async start(variant, reason, urls, quiet) {
    useFileUrls(urls);
    if (quiet) silenceNotes();
    if (variant) forceVariant(variant, reason);
    const backend = await loadBackend();
    return [{ variant: backend.variant, threads: backend.threads }, []];
  },
  // source: the model's URL or bytes, null for the default model.
  async load(kind, source, options, limits) {
    setLimits(limits);
    const row = modelRow(kind);
    const instance = await new row.instance(source ?? undefined, undefined, options).ready;
    const handle = nextHandle++;
    models.set(handle, { instance, row });
    return [{ handle, info: instance.workerInfo(), variant: instance.backend.variant, threads: instance.backend.threads }, []];
  },
  // Arguments may hold ImageBitmaps of video frames, moved here: closed once the call ran.
  async call(handle, method, args, { png } = {}) {
    const { instance, row } = model(handle);
    if (!row.workerMethods.includes(method)) {
      throw new Error(`ml5-wasm: ${row.name} has no method '${method}' in worker mode (it has ${row.workerMethods.join(', ')})`);
    }
    try {
      const results = await instance[method](...args);
      return packAll(Array.isArray(results) ? results : [results], png);
    } finally {
      for (const arg of args) {
        if (typeof ImageBitmap === 'function' && arg instanceof ImageBitmap) arg.close();
      }
    }
  },
  // The wasm heap of this worker's module: {memory, inUse, peak} in bytes.
  async memory() {
    return [(await loadBackend()).memory(), []];
  },
  async dispose(handle) {
    models.get(handle)?.instance.dispose();
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

// The script ran: the page stops waiting for it to boot (web/worker-client.js).
self.postMessage({ boot: true });
