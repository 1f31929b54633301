// Hands bytes to the wasm core: one memcpy into wasm memory (embind would copy a Uint8Array
// passed as std::string one byte at a time in JS), freed when `use` returns.
import { isNode } from './env.js';
import { loadBytes, openDownload } from './fetch.js';
import { check } from './loader.js';

// parts: Uint8Array(s) or ArrayBuffer(s), stored back to back.
export function withHeapBytes(module, parts, use) {
  const list = (Array.isArray(parts) ? parts : [parts]).map(asBytes);
  const heap = check(module.HeapBytes.create(list.reduce((sum, p) => sum + p.byteLength, 0)));
  try {
    const view = heap.view();  // valid until memory grows: fill it before anything allocates
    let offset = 0;
    for (const part of list) {
      view.set(part, offset);
      offset += part.byteLength;
    }
    return use(heap);
  } finally {
    heap.delete();
  }
}

function asBytes(part) {
  if (part instanceof Uint8Array || part instanceof Uint8ClampedArray) return part;
  if (part instanceof ArrayBuffer) return new Uint8Array(part);
  if (ArrayBuffer.isView(part)) return new Uint8Array(part.buffer, part.byteOffset, part.byteLength);
  throw new TypeError(`ml5-wasm: expected bytes, got ${Object.prototype.toString.call(part)}`);
}

// Downloads `url` straight into wasm memory, each chunk copied once as it arrives (no copy of the
// whole file in JS: for the 13.6 MB ngf=32 .pict that was an arrayBuffer() and a memcpy), then
// runs use(heap, streamed) on the bytes and frees them. The size comes from Content-Length, and
// arrived(heap, loadedBytes) runs after each chunk (a loader may start on the bytes that are in);
// streamed tells use() that `heap` is the buffer arrived() saw. Without a Content-Length, or for a
// body longer than announced (compressed on the way), the chunks are collected first and
// streamed is false. onProgress(loadedBytes, totalBytes) follows the download (total: 0 if
// unknown); signal: an AbortSignal that stops the download.
export async function withHeapDownload(module, url, onProgress, { arrived, use }, { signal } = {}) {
  if (isNode && url.protocol === 'file:') {
    return withHeapBytes(module, await loadBytes(url, onProgress, { signal }), (heap) => use(heap, false));
  }
  const download = await openDownload(url, { signal });
  const announced = download.size;
  const total = download.response.headers.get('Content-Encoding') ? 0 : announced;
  const progress = (loaded) => onProgress?.(loaded, announced);
  const collected = (chunks) => withHeapBytes(module, chunks, (heap) => use(heap, false));
  progress(0);
  if (!total) return collected(await download.readAll([], 0, progress));
  let heap = check(module.HeapBytes.create(total));
  try {
    let loaded = 0;
    for (;;) {
      const { done, value } = await download.read();
      if (done) break;
      if (loaded + value.length > total) {
        const head = heap.view().slice(0, loaded);
        heap.delete();
        heap = null;
        progress(loaded + value.length);
        return collected(await download.readAll([head, value], loaded + value.length, progress));
      }
      heap.view().set(value, loaded);  // a view per chunk: memory may have grown meanwhile
      loaded += value.length;
      progress(loaded);
      arrived?.(heap, loaded);
    }
    if (loaded < total) throw new Error(`ml5-wasm: ${url.href} ended after ${loaded} of its ${total} bytes`);
    return use(heap, true);
  } catch (error) {
    download.cancel();  // a failed load stops the download
    throw error;
  } finally {
    heap?.delete();
  }
}
