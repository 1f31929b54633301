// PNG encoding and PNG/JPEG decoding with the core's stb, for Node scripts and the CLI
// (browsers have their own codecs).
import { withHeapBytes } from './heap.js';
import { getLimits } from './limits.js';
import { check, loadBackend } from './loader.js';

// RGBA bytes (width*height*4) -> PNG file bytes.
export async function encodePng(rgba, width, height) {
  const { module } = await loadBackend();
  return check(withHeapBytes(module, rgba, (heap) => module.encodePng(heap, width, height)));
}

// PNG or JPEG file bytes -> {data: RGBA Uint8Array, width, height}.
export async function decodeImage(bytes) {
  const { module } = await loadBackend();
  return check(withHeapBytes(module, bytes, (heap) => module.decodeImage(heap, getLimits().maxImagePixels)));
}
