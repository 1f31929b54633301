// PNG encoding and PNG/JPEG decoding with the core's stb, for Node scripts and the CLI
// (browsers have their own codecs).
import { withHeapBytes } from './heap.js';
import { checkImageSize, getLimits } from './limits.js';
import { check, loadBackend } from './loader.js';

// RGBA bytes (width*height*4) -> PNG file bytes.
export async function encodePng(rgba, width, height) {
  checkImageSize(width, height);
  if (width > 65535 || height > 65535) {
    throw new RangeError(`ml5-wasm: encodePng() writes at most 65535 pixels a side, got ${width}x${height}`);
  }
  if (rgba?.length !== width * height * 4) {
    throw new RangeError(`ml5-wasm: encodePng() needs ${width}x${height}x4 = ${width * height * 4} bytes, got ${rgba?.length}`);
  }
  const { module } = await loadBackend();
  return check(withHeapBytes(module, rgba, (heap) => module.encodePng(heap, width, height)));
}

// PNG or JPEG file bytes -> {data: RGBA Uint8Array, width, height}.
export async function decodeImage(bytes) {
  const { module } = await loadBackend();
  return check(withHeapBytes(module, bytes, (heap) => module.decodeImage(heap, getLimits().maxImagePixels)));
}
