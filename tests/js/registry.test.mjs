// The model registry (web/registry.js) through the package: its rows, and what registerModel()
// accepts and refuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ml5 from 'ml5-wasm';

test('the registry has one row per shipped model, with its factory and default files', () => {
  assert.deepEqual(ml5.models.map((row) => row.name), ['CVAE', 'pix2pix']);
  const [cvae, pix2pix] = ml5.models;
  assert.equal(cvae.factory, ml5.CVAE);
  assert.equal(pix2pix.factory, ml5.pix2pix);
  assert.equal(cvae.defaultFiles[0], 'cvae-fashion-mnist/manifest.json');
  assert.deepEqual(pix2pix.defaultFiles, ['pix2pix-default/model.compact.pict']);
  assert.deepEqual(pix2pix.workerMethods, ['transfer']);
  assert.ok(ml5.models.every((row) => row.preload));
});

test('the shipped instances describe themselves for worker mode', async () => {
  const cvae = await ml5.CVAE().ready;
  assert.deepEqual(Object.keys(cvae.workerInfo()).sort(), ['channels', 'height', 'labels', 'latentSize', 'width']);
  assert.equal(cvae.workerInfo().labels.length, cvae.labels.length);
  const pix2pix = await ml5.pix2pix();
  assert.deepEqual(pix2pix.workerInfo(), { ngf: pix2pix.ngf, sizeUnit: 256 });
  cvae.dispose();
  pix2pix.dispose();
});

test('registerModel() refuses rows it cannot use, naming the problem', () => {
  class Toy { constructor() { this.ready = Promise.resolve(this); } workerInfo() { return {}; } }
  const factory = () => new Toy();
  assert.throws(() => ml5.registerModel({ factory, instance: Toy }), /name that is a JS identifier/);
  assert.throws(() => ml5.registerModel({ name: 'two words', factory, instance: Toy }), /JS identifier/);
  assert.throws(() => ml5.registerModel({ name: 'Toy', instance: Toy }), /registerModel\('Toy'\) needs a factory/);
  assert.throws(() => ml5.registerModel({ name: 'CVAE', factory, instance: Toy }), /'CVAE' is already registered/);
  const row = ml5.registerModel({ name: 'Toy', factory, instance: Toy });
  assert.deepEqual([row.preload, row.workerMethods, row.defaultFiles], [false, [], []]);
  assert.equal(ml5.models.at(-1), row);
  assert.throws(() => ml5.registerModel({ name: 'Toy', factory, instance: Toy }), /already registered/);
});
