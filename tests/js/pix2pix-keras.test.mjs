// ml5.pix2pix('model.json'): the TensorFlow tutorial's Keras generator as a tfjs Layers model
// (tests/js/keras-pix2pix.mjs builds it with tfjs), within 1e-4 of tfjs with batch statistics
// (the default: training=True, as the tutorial's generate_images and ml5 compute) and with moving
// statistics ({batchNorm: 'moving'}: Keras inference).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ml5 from 'ml5-wasm';
import { KERAS_SIZE, makeKerasPix2pix } from './keras-pix2pix.mjs';

const dir = mkdtempSync(join(tmpdir(), 'ml5-keras-'));
before(() => makeKerasPix2pix(dir));

function input() {
  const rgb = readFileSync(join(dir, 'input.u8'));
  const data = new Uint8ClampedArray(KERAS_SIZE * KERAS_SIZE * 4).fill(255);
  for (let i = 0; i < KERAS_SIZE * KERAS_SIZE; i++) data.set(rgb.subarray(i * 3, i * 3 + 3), i * 4);
  return { data, width: KERAS_SIZE, height: KERAS_SIZE };
}

function worstDifference(result, file) {
  const b = readFileSync(join(dir, file));
  const expected = new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
  assert.equal(result.tensor.data.length, expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(result.tensor.data[i] - expected[i]));
  return worst;
}

for (const [mode, options, file] of [['batch statistics (default)', undefined, 'expected-batch.f32'], ['moving statistics', { batchNorm: 'moving' }, 'expected-moving.f32']]) {
  test(`the tutorial's Keras generator, ${mode}: within 1e-4 of tfjs`, async () => {
    const p2p = await ml5.pix2pix(join(dir, 'model.json'), undefined, options);
    assert.deepEqual([p2p.ngf, p2p.sizeUnit], [4, 256]);
    const result = await p2p.transfer(input());
    assert.deepEqual(result.tensor.shape, [KERAS_SIZE, KERAS_SIZE, 3]);
    const worst = worstDifference(result, file);
    console.log(`[ keras ] ${mode}: max |ours - tfjs| ${worst.toExponential(1)}`);
    assert.ok(worst <= 1e-4, `max |ours - tfjs| = ${worst}`);
    // Any input size goes through the model's own 256 x 256.
    const small = await p2p.transfer({ data: new Uint8ClampedArray(100 * 60 * 4).fill(128), width: 100, height: 60 });
    assert.deepEqual(small.tensor.shape, [60, 100, 3]);
    await assert.rejects(p2p.transfer(input(), { size: 512 }), /this model runs at 256x256 only, got the working size 512x512/);
    p2p.dispose();
  });
}

test('the two statistics differ on this model, so each test above can fail', () => {
  const read = (file) => new Float32Array(readFileSync(join(dir, file)).buffer.slice(0));
  const [a, b] = [read('expected-batch.f32'), read('expected-moving.f32')];
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  assert.ok(worst > 0.01, `batch and moving statistics agree to ${worst}`);
});

test('bad options and files are named', async () => {
  await assert.rejects(ml5.pix2pix(join(dir, 'model.json'), undefined, { batchNorm: 'running' }), /options\.batchNorm must be 'batch' or 'moving', got running/);
  const json = readFileSync(join(dir, 'model.json'));
  await assert.rejects(ml5.pix2pix(new Uint8Array(json)), /this is JSON, not a \.pict model; a tfjs Layers model\.json loads by its URL or path/);
  // A Layers model that is not image to image.
  const topology = JSON.parse(json);
  const layers = topology.modelTopology.config.layers;
  topology.modelTopology.config.output_layers = [[layers[3].name, 0, 0]];
  writeFileSync(join(dir, 'half.json'), JSON.stringify(topology));
  await assert.rejects(ml5.pix2pix(join(dir, 'half.json')), /half\.json: a pix2pix model needs one \[height, width, 3\] input and an output of the same shape, got \[256, 256, 3\] -> \[\d+, \d+, \d+\]/);
});
