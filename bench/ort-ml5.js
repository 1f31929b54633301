// ONNX Runtime Web running the networks that bench/onnx-export.mjs writes, with the pixel steps
// of ml5's algorithm around them, for the benchmark's ort-wasm rows. One file for Node (require)
// and pages (a global), taking the ort object it should use. The float outputs come back in ours'
// layouts (HWC), so that a row can check them against ours before timing.
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.ortMl5 = factory();
})(typeof self !== 'undefined' ? self : this, () => {
  // ONNX Runtime's wasm backend (SIMD, `threads` threads where the engine allows them).
  async function createSession(ort, onnxBytes, threads) {
    ort.env.wasm.numThreads = threads;
    return ort.InferenceSession.create(onnxBytes, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
  }

  // RGBA pixels -> x = (px / 255) * 2 - 1 in NCHW -> the U-Net -> HWC floats in (0, 1).
  async function pix2pixTransfer(ort, session, { data, width, height }) {
    const plane = width * height;
    const x = new Float32Array(3 * plane);
    for (let i = 0, j = 0; i < plane; i++, j += 4) {
      x[i] = (data[j] / 255) * 2 - 1;
      x[plane + i] = (data[j + 1] / 255) * 2 - 1;
      x[2 * plane + i] = (data[j + 2] / 255) * 2 - 1;
    }
    const input = new ort.Tensor('float32', x, [1, 3, height, width]);
    const { o } = await session.run({ x: input });
    const nchw = o.data, hwc = new Float32Array(3 * plane);
    for (let i = 0; i < plane; i++) {
      hwc[3 * i] = nchw[i];
      hwc[3 * i + 1] = nchw[plane + i];
      hwc[3 * i + 2] = nchw[2 * plane + i];
    }
    o.dispose();
    return hwc;
  }

  // What the CVAE's label input needs, from its manifest and model.json: the one-hot width and
  // offset as ml5 has them (bench/tfjs-ml5.js cvaeLoad).
  function cvaeLabelInput(manifest, modelJson) {
    const topology = modelJson.modelTopology.model_config ?? modelJson.modelTopology;
    const inputs = topology.config.layers.filter((layer) => layer.class_name === 'InputLayer');
    const width = inputs[1].config.batch_input_shape[1];
    return { labels: manifest.labels, offset: width - manifest.labels.length, width };
  }

  // The decoder on [latent, one-hot] -> HWC floats.
  async function cvaeGenerate(ort, session, { labels, offset, width }, label, latent) {
    const oneHot = new Float32Array(width);
    oneHot[labels.indexOf(label) + offset] = 1;
    const [latentName, labelName] = session.inputNames;
    const { image } = await session.run({
      [latentName]: new ort.Tensor('float32', latent, [1, latent.length]),
      [labelName]: new ort.Tensor('float32', oneHot, [1, width]),
    });
    const values = image.data.slice();
    image.dispose();
    return values;
  }

  function maxAbsDifference(a, b) {
    if (a.length !== b.length) return Infinity;
    let max = 0;
    for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
    return max;
  }

  return { createSession, pix2pixTransfer, cvaeLabelInput, cvaeGenerate, maxAbsDifference };
});
