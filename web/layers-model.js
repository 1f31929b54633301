// tfjs Layers models (model.json + weight shards) into the core: the CVAE's decoder, and any
// model that is a tfjs Layers net of the layers the core has (docs/adding-a-model.md).
import { fileName, loadBytes, loadText } from './fetch.js';
import { withHeapBytes } from './heap.js';
import { check } from './loader.js';
import { getLimits } from './limits.js';

// -> {modelJson, modelFile, shards}: the model.json at `modelUrl` (a URL) and its weight shards.
// locate(path): the URL (or a Promise of it) of a shard path as model.json writes it (by
// default, beside it).
// onProgress(loaded, total): the shards' bytes as they download. signal: an AbortSignal.
export async function fetchLayersModel(module, modelUrl, { modelFile = fileName(modelUrl), locate, onProgress, signal } = {}) {
  const modelJson = await loadText(modelUrl, { signal });
  const shardPaths = check(module.modelShardPaths(modelJson, modelFile));
  const progress = shardPaths.map(() => [0, 0]);  // per shard: [loaded, total]
  const report = onProgress && ((i) => (loaded, total) => {
    progress[i] = [loaded, total];
    onProgress(progress.reduce((sum, p) => sum + p[0], 0), progress.reduce((sum, p) => sum + p[1], 0));
  });
  const shards = await Promise.all(shardPaths.map(async (path, i) =>
    loadBytes(locate ? await locate(path) : new URL(path, modelUrl), report?.(i), { signal })));
  return { modelJson, modelFile, shards };
}

// The files of `model` ({modelJson, modelFile}) plus their shards' sizes, as the bindings take them.
export function layersModelFiles({ modelJson, modelFile, shards }) {
  return { modelJson, modelFile, shardSizes: shards.map((s) => s.byteLength) };
}

// A LayersModel of the core (bindings/layers_model_bindings.cc) from the model.json at
// `modelUrl`: inputDims(i), outputDims(), run([Float32Array per input], batch).
export async function loadLayersModel(module, modelUrl, options) {
  const files = await fetchLayersModel(module, modelUrl, options);
  return check(withHeapBytes(module, files.shards, (bytes) =>
    module.LayersModel.load(layersModelFiles(files), bytes, getLimits().maxModelWeights)));
}
