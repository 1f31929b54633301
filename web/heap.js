// Hands bytes to the wasm core: one memcpy into wasm memory (embind would copy a Uint8Array
// passed as std::string one byte at a time in JS), freed when `use` returns.
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
