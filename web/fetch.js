// Reads model files from URLs in the browser, and from paths, file: URLs or http(s) in Node.
import { isNode } from './env.js';

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
export async function loadBytes(url, onProgress) {
  if (url.protocol === 'file:' && isNode) {
    const { readFile } = await import('node:fs/promises');
    const { fileURLToPath } = await import('node:url');
    try {
      return new Uint8Array(await readFile(fileURLToPath(url)));
    } catch (error) {
      throw new Error(`ml5-wasm: could not read ${fileURLToPath(url)}: ${error.code ?? error.message}`);
    }
  }
  const response = await fetchOk(url);
  if (!onProgress || !response.body) return new Uint8Array(await response.arrayBuffer());
  const total = Number(response.headers.get('Content-Length')) || 0;
  onProgress(0, total);
  const chunks = await readChunks(response.body.getReader(), [], 0, (loaded) => onProgress(loaded, total));
  return concat(chunks);
}

// The response for `url`, or an error that names the URL.
export async function fetchOk(url) {
  let response;
  try {
    response = await fetch(url.href);
  } catch (error) {
    throw new Error(`ml5-wasm: could not fetch ${url.href}: ${error.message}`);
  }
  if (!response.ok) throw new Error(`ml5-wasm: could not fetch ${url.href}: HTTP ${response.status}`);
  return response;
}

// The rest of `reader`'s chunks after `chunks` (of `loaded` bytes); progress(loaded) after each.
export async function readChunks(reader, chunks, loaded, progress) {
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
    loaded += value.length;
    progress?.(loaded);
  }
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

export async function loadText(url) {
  return new TextDecoder().decode(await loadBytes(url));
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
