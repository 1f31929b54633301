// ml5-wasm: ml5.js 0.x's CVAE() and pix2pix() on a C++/XNNPACK core compiled to WebAssembly.
import { hasWasmSimd } from './env.js';
import { loadBackend, pickVariant, threadsNote } from './loader.js';

export { forceVariant as setWasmVariant, getThreads, loadBackend, pickVariant, setThreads } from './loader.js';
export { setWasmPaths } from './paths.js';
export { getLimits, setLimits } from './limits.js';
export { conv2d } from './ops.js';
export { decodeImage, encodePng } from './image-codec.js';
export { compactPict } from './compact-pict.js';

export const version = '0.1.0';

// The model kinds (web/registry.js), by name, so that bundlers can drop the unused ones.
export { CVAE } from './cvae.js';
export { pix2pix } from './pix2pix.js';
export { MODELS as models, registerModel } from './registry.js';
export * as modelKit from './model-kit.js';
export { p5Utils } from './p5.js';
export { setWorkerMode } from './worker-client.js';

// {simd, threads, variant, version, threadsNote} of the variant this page would load (loading it
// if needed) for pix2pix; CVAE asks for its build without threads (loader.js). threadsNote says
// why inference runs on fewer threads than the machine reports.
export async function backendInfo() {
  const backend = await loadBackend({ variant: pickVariant() });
  return { simd: hasWasmSimd(), threads: backend.threads, variant: backend.variant, version,
    threadsNote: threadsNote(backend) };
}
