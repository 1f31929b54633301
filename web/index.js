// ml5-wasm: ml5.js 0.x's CVAE() and pix2pix() on a C++/XNNPACK core compiled to WebAssembly.
import { loadBackend, pickVariant } from './loader.js';

export { loadBackend, pickVariant } from './loader.js';
export { setWasmPaths } from './paths.js';
export { conv2d } from './ops.js';

export const version = '0.1.0';

// The ml5 models arrive with the next milestones; the names exist so that code can feature-test.
export function CVAE() {
  throw new Error('ml5-wasm: CVAE() is not implemented in this version yet');
}

export function pix2pix() {
  throw new Error('ml5-wasm: pix2pix() is not implemented in this version yet');
}

// {simd, threads, variant, version} of the variant this page would load (loading it if needed).
export async function backendInfo() {
  const backend = await loadBackend({ variant: pickVariant() });
  return { simd: true, threads: backend.threads, variant: backend.variant, version };
}
