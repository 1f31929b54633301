// The compact .pict (docs/formats.md 3.7): a .pict's kernels in fewer bits per weight, for a
// smaller download. ml5.pix2pix() loads either file; `ml5-wasm compact` writes this one.
import { withHeapBytes } from './heap.js';
import { getLimits } from './limits.js';
import { check, loadBackend } from './loader.js';

// .pict bytes -> compact .pict bytes (Uint8Array). kernelBits: 1 to 8 (6 kept the default model
// at 42.5-50.6 dB PSNR from the .pict; docs/performance.md).
export async function compactPict(bytes, { kernelBits = 6, name = 'model.pict' } = {}) {
  if (!Number.isInteger(kernelBits) || kernelBits < 1 || kernelBits > 8) {
    throw new RangeError(`ml5-wasm: compactPict() kernelBits must be an integer from 1 to 8, got ${kernelBits}`);
  }
  if (!(bytes instanceof Uint8Array || bytes instanceof ArrayBuffer)) {
    throw new TypeError('ml5-wasm: compactPict() takes the .pict file as a Uint8Array or an ArrayBuffer');
  }
  const { module } = await loadBackend();
  const given = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes;
  return check(withHeapBytes(module, given, (heap) =>
    module.compactPict(heap, name, { kernelBits, maxWeights: getLimits().maxModelWeights })));
}
