// The TensorFlow pix2pix tutorial's generator (a functional Keras model of nested Sequential
// blocks: Conv2D, BatchNormalization, LeakyReLU, Conv2DTranspose, Dropout, ReLU, Concatenate,
// tanh), built here with @tensorflow/tfjs at 1/16 of the tutorial's widths, with seeded random
// weights, and saved as a tfjs Layers model. Also tfjs's own outputs on one input, for the tests
// that load it with ml5.pix2pix():
//   - expected-moving.f32: predict(), moving statistics (Keras inference);
//   - expected-batch.f32: apply(x, {training: true}) on a twin with Dropout rate 0: batch
//     statistics, as the tutorial's generate_images and ml5 compute, and no dropout, as ours.
// Outputs are HWC float32 in [0, 1] (ml5's (x + 1) / 2).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

export const KERAS_SIZE = 256;

function generator(size, dropoutRate) {
  const widths = [4, 8, 16, 32, 32, 32, 32, 32];  // the tutorial's 64..512, / 16
  let side = size, channels = 3;
  const block = (layers) => {
    const s = tf.sequential();
    layers.forEach((layer) => s.add(layer));
    return s;
  };
  const down = (filters, batchNorm) => {
    const layers = [tf.layers.conv2d({ filters, kernelSize: 4, strides: 2, padding: 'same', useBias: false, inputShape: [side, side, channels] })];
    if (batchNorm) layers.push(tf.layers.batchNormalization());
    layers.push(tf.layers.leakyReLU());
    side /= 2;
    channels = filters;
    return block(layers);
  };
  const up = (filters, dropout) => {
    const layers = [tf.layers.conv2dTranspose({ filters, kernelSize: 4, strides: 2, padding: 'same', useBias: false, inputShape: [side, side, channels] }),
      tf.layers.batchNormalization()];
    if (dropout) layers.push(tf.layers.dropout({ rate: dropoutRate }));
    layers.push(tf.layers.reLU());
    side *= 2;
    return block(layers);
  };
  const inputs = tf.input({ shape: [size, size, 3] });
  let x = inputs;
  const skips = [];
  widths.forEach((filters, i) => {
    x = down(filters, i > 0).apply(x);
    skips.push({ x, channels });
  });
  const ups = [[32, true], [32, true], [32, true], [32, false], [16, false], [8, false], [4, false]];
  skips.pop();
  for (const [filters, dropout] of ups) {
    x = up(filters, dropout).apply(x);
    const skip = skips.pop();
    x = tf.layers.concatenate().apply([x, skip.x]);
    channels = filters + skip.channels;
  }
  x = tf.layers.conv2dTranspose({ filters: 3, kernelSize: 4, strides: 2, padding: 'same', activation: 'tanh' }).apply(x);
  return tf.model({ inputs, outputs: x });
}

// Seeded values for every weight: kernels small, gamma and variances around 1.
function randomize(model, seed) {
  let state = seed;
  const uniform = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  model.setWeights(model.weights.map((w) => {
    const n = w.shape.reduce((a, b) => a * b, 1);
    const name = w.originalName ?? w.name;
    const around = /gamma|moving_variance/.test(name) ? [0.6, 1.4] : /moving_mean|beta|bias/.test(name) ? [-0.2, 0.2] : [-0.15, 0.15];
    return tf.tensor(Float32Array.from({ length: n }, () => around[0] + (around[1] - around[0]) * uniform()), w.shape);
  }));
}

// Writes model.json, weights.bin, input.u8 (RGB) and the two expected outputs into `dir`.
export async function makeKerasPix2pix(dir) {
  mkdirSync(dir, { recursive: true });
  const model = generator(KERAS_SIZE, 0.5);
  randomize(model, 9);
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    writeFileSync(join(dir, 'model.json'), JSON.stringify({
      format: 'layers-model', generatedBy: artifacts.generatedBy, convertedBy: null,
      modelTopology: artifacts.modelTopology, weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
    }));
    writeFileSync(join(dir, 'weights.bin'), Buffer.from(artifacts.weightData));
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  const pixels = new Uint8Array(KERAS_SIZE * KERAS_SIZE * 3);
  for (let y = 0; y < KERAS_SIZE; y++) {
    for (let x = 0; x < KERAS_SIZE; x++) {
      const i = (y * KERAS_SIZE + x) * 3;
      pixels[i] = (x * 3 + y) & 255;
      pixels[i + 1] = Math.abs(x - y) % 200;
      pixels[i + 2] = ((x / 32) ^ (y / 32)) & 1 ? 230 : 20;
    }
  }
  writeFileSync(join(dir, 'input.u8'), pixels);
  const x = tf.tensor(pixels, [1, KERAS_SIZE, KERAS_SIZE, 3], 'float32').div(255).mul(2).sub(1);
  const toUnit = (out) => Buffer.from(out.add(1).div(2).dataSync().buffer);
  writeFileSync(join(dir, 'expected-moving.f32'), toUnit(model.predict(x)));
  const twin = generator(KERAS_SIZE, 0);
  twin.setWeights(model.getWeights());
  writeFileSync(join(dir, 'expected-batch.f32'), toUnit(twin.apply(x, { training: true })));
}
