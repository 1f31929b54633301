// Reads model files from URLs in the browser, and from paths, file: URLs or http(s) in Node.
import { isNode } from './env.js';
import { getLimits } from './limits.js';

// A URL object for `location`, resolved against the page (browser) or the working directory.
export async function toUrl(location) {
  if (location instanceof URL) return location;
  if (isNode && !/^[a-z][a-z0-9+.-]*:/i.test(location)) {
    const { pathToFileURL } = await import('node:url');
    const { resolve } = await import('node:path');
    return pathToFileURL(resolve(location));
  }
  const base = typeof location === 'string' && typeof self === 'object' && self.location
    ? self.location.href : undefined;
  return new URL(location, base);
}

// onProgress(loadedBytes, totalBytes), if given, follows the download (total: 0 if unknown).
// signal: an AbortSignal that stops it.
export async function loadBytes(url, onProgress, { signal } = {}) {
  if (url.protocol === 'file:' && isNode) {
    const { readFile } = await import('node:fs/promises');
    const { fileURLToPath } = await import('node:url');
    let bytes;
    try {
      bytes = new Uint8Array(await readFile(fileURLToPath(url), { signal }));
    } catch (error) {
      if (signal?.aborted) throw Object.assign(new Error(`ml5-wasm: reading ${fileURLToPath(url)} was aborted`), { name: 'AbortError' });
      throw new Error(`ml5-wasm: could not read ${fileURLToPath(url)}: ${error.code ?? error.message}`);
    }
    onProgress?.(0, bytes.length);  // one step: the file is read whole
    onProgress?.(bytes.length, bytes.length);
    return bytes;
  }
  const download = await openDownload(url, { signal });
  const total = download.size;
  onProgress?.(0, total);
  return concat(await download.readAll([], 0, (loaded) => onProgress?.(loaded, total)));
}

// A download that always ends and whose errors all name its URL: an AbortSignal stops it, and
// so does no data for limits.downloadStallMs. -> {response, size (Content-Length, 0 if not
// given), read() (a body reader's), readAll(chunks, loaded, progress), cancel()}.
export async function openDownload(url, { signal } = {}) {
  const stallMs = getLimits().downloadStallMs;
  const controller = new AbortController();
  let response = null, loaded = 0, timer;
  const stop = (reason) => controller.abort(reason);
  const onAbort = () => stop(signal.reason);
  const stalled = () => stop(Object.assign(new Error(`no data for ${stallMs} ms`), { stalled: true }));
  const watch = () => {
    clearTimeout(timer);
    timer = setTimeout(stalled, stallMs);
  };
  const finish = () => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  };
  // Every error, named: the URL, what happened, and how far the body got.
  const fail = (error) => {
    finish();
    const reason = controller.signal.aborted ? controller.signal.reason : error;
    if (signal?.aborted) {
      return Object.assign(new Error(`ml5-wasm: the download of ${url.href} was aborted`), { name: 'AbortError', cause: reason });
    }
    if (reason?.stalled) {
      return new Error(`ml5-wasm: the download of ${url.href} stalled: ${reason.message} after ${loaded} bytes ` +
        '(ml5.setLimits({downloadStallMs}) changes the wait)');
    }
    const cause = reason?.cause?.message ? `${reason.message} (${reason.cause.message})` : reason?.message ?? String(reason);
    return new Error(loaded || response ? `ml5-wasm: the download of ${url.href} broke off after ${loaded} bytes: ${cause}`
      : `ml5-wasm: could not fetch ${url.href}: ${cause}`);
  };
  if (signal?.aborted) throw fail(signal.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  watch();
  try {
    response = await fetch(url.href, { signal: controller.signal });
  } catch (error) {
    throw fail(error);
  }
  if (!response.ok) {
    finish();
    response.body?.cancel().catch(() => {});
    throw new Error(`ml5-wasm: could not fetch ${url.href}: HTTP ${response.status}`);
  }
  watch();
  const reader = response.body?.getReader();  // no body (204): no bytes
  const read = async () => {
    let chunk;
    try {
      chunk = reader ? await reader.read() : { done: true };
    } catch (error) {
      throw fail(error);
    }
    if (chunk.done) {
      finish();
    } else {
      loaded += chunk.value.length;
      watch();
    }
    return chunk;
  };
  return {
    response,
    size: Number(response.headers.get('Content-Length')) || 0,
    read,
    // The rest of the body after `chunks` (of `soFar` bytes); progress(bytes) after each chunk.
    async readAll(chunks, soFar, progress) {
      for (;;) {
        const { done, value } = await read();
        if (done) return chunks;
        chunks.push(value);
        soFar += value.length;
        progress?.(soFar);
      }
    },
    cancel() {
      finish();
      reader?.cancel().catch(() => {});
    },
  };
}

function concat(chunks) {
  const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

export async function loadText(url, options) {
  return new TextDecoder().decode(await loadBytes(url, undefined, options));
}

// A model passed as its bytes rather than a URL: an ArrayBuffer, a typed array or DataView, or a
// Blob/File (e.g. from <input type="file">).
export function isModelBytes(model) {
  return model instanceof ArrayBuffer || ArrayBuffer.isView(model) ||
    (typeof Blob === 'function' && model instanceof Blob);
}

// Those bytes as a Uint8Array (a view, not a copy, where the input already is memory).
export async function modelBytes(model) {
  if (model instanceof ArrayBuffer) return new Uint8Array(model);
  if (ArrayBuffer.isView(model)) return new Uint8Array(model.buffer, model.byteOffset, model.byteLength);
  return new Uint8Array(await model.arrayBuffer());
}

// The last path segment, for messages: ".../quick_draw/manifest.json" -> "manifest.json".
export function fileName(url) {
  return decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? url.href);
}
