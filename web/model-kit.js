// What a model wrapper is made of, public as ml5.modelKit so that a model can also be added from
// outside the package (docs/adding-a-model.md): ml5's callbacks, the backend, file loading,
// tfjs Layers models on the core, pixels in and ml5-style results out.
export { callCallback } from './callback.js';
export { optionsAndCallback } from './arguments.js';
export { check, loadBackend } from './loader.js';
export { loadBytes, loadText, toUrl } from './fetch.js';
export { withHeapBytes } from './heap.js';
export { fetchLayersModel, loadLayersModel } from './layers-model.js';
export { readPixels } from './pixels.js';
export { imageResult } from './result.js';
