// A third model kind added from outside the package through the registry (tests/data/toy-net:
// docs/adding-a-model.md's route), in Node: its numbers against plain loops, ml5's results, and
// its errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as ml5 from 'ml5-wasm';
import { toyNetRow } from '../data/toy-net/toy-net.mjs';
import { maxRelativeError, testPicture, toyNetReference } from './reference.mjs';

const MODEL = new URL('../data/toy-net/model.json', import.meta.url);
const row = ml5.registerModel(toyNetRow(ml5));

test('ToyNet loads through the registry and matches its plain-loop reference', async () => {
  assert.equal(ml5.models.at(-1), row);
  const net = await row.factory(MODEL.pathname).ready;
  assert.deepEqual([net.width, net.height], [16, 16]);
  const picture = testPicture();
  const result = await net.process(picture);
  const expected = toyNetReference(readFileSync(new URL('weights.bin', MODEL)), picture.data);
  assert.deepEqual(result.tensor.shape, [16, 16, 3]);
  const error = maxRelativeError(result.tensor.data, expected);
  assert.ok(error <= 1e-5, `relative error ${error}`);
  for (let i = 0; i < 16 * 16; i++) {
    for (let c = 0; c < 3; c++) assert.equal(result.raws[i * 4 + c], Math.round(255 * expected[i * 3 + c]));
    assert.equal(result.raws[i * 4 + 3], 255);
  }
  assert.match(result.src, /^data:image\/png;base64,/);
  assert.equal(result.p5Image, null);
  net.dispose();
});

test('ToyNet: error-first callbacks, wrong sizes and a missing model get clear errors', async () => {
  const loaded = await new Promise((resolve) => row.factory(MODEL.pathname, (error, net) => resolve([error, net])));
  assert.equal(loaded[0], undefined);
  const net = loaded[1];
  await assert.rejects(net.process({ data: new Uint8ClampedArray(8 * 8 * 4), width: 8, height: 8 }),
    /ToyNet takes 16x16 images, got 8x8/);
  const [error] = await new Promise((resolve) => net.process(testPicture(4), (...args) => resolve(args)));
  assert.match(error.message, /got 4x4/);
  assert.ok((await net.process(testPicture())).raws.length, 'the instance still works after bad input');
  net.dispose();
  await assert.rejects(net.process(testPicture()), /disposed/);
  await assert.rejects(row.factory('/nonexistent/model.json').ready, /could not read \/nonexistent\/model.json/);
});
