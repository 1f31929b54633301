// ml5.CVAE() in Node: ml5's API and callback semantics, compatibility with the tfjs reference on
// ml5's quick_draw model, seeds, batches, interpolation and errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ml5 from 'ml5-wasm';
import { CVAE_REFERENCE, QUICK_DRAW, sharedMissing } from './shared.mjs';

const floats = (file) => {
  const bytes = readFileSync(file);  // may be a view into Node's shared pool
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
};

test('the default model loads with ml5.CVAE() and knows its 10 labels', async () => {
  const cvae = ml5.CVAE();
  assert.equal(await cvae.ready, cvae);
  assert.deepEqual(cvae.labels, ['t-shirt', 'trouser', 'pullover', 'dress', 'coat', 'sandal',
    'shirt', 'sneaker', 'bag', 'ankle_boot']);
  const result = await cvae.generate('sneaker', { seed: 7 });
  assert.deepEqual(result.tensor.shape, [28, 28, 1]);
  const mean = result.tensor.data.reduce((a, b) => a + b) / 784;
  assert.ok(mean > 0.02 && mean < 0.9, `a generated image is neither blank nor white: ${mean}`);
});

test('quick_draw: every result key, matching the tfjs reference', { skip: sharedMissing }, async () => {
  const cvae = ml5.CVAE(QUICK_DRAW);
  await cvae.ready;
  assert.equal(cvae.labels.length, 50);
  for (const id of ['airplane_seed12345', 'octopus_seed12345b', 'knife_seed12345c', 'airplane_zeros']) {
    const info = JSON.parse(readFileSync(`${CVAE_REFERENCE}${id}.json`, 'utf8'));
    const latent = Array.from(floats(`${CVAE_REFERENCE}${id}.latent.f32`));
    const expected = floats(`${CVAE_REFERENCE}${id}.output.f32`);
    const raws = readFileSync(`${CVAE_REFERENCE}${id}.raws.u8`);
    const result = await cvae.generate(info.label, { latent });
    assert.ok(result.tensor.data instanceof Float32Array);
    let worst = 0;
    for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(result.tensor.data[i] - expected[i]));
    assert.ok(worst <= 1e-5, `${id}: float |delta| ${worst}`);
    assert.ok(result.raws instanceof Uint8ClampedArray);
    assert.equal(result.raws.length, raws.length);
    for (let i = 0; i < raws.length; i++) assert.ok(Math.abs(result.raws[i] - raws[i]) <= 1, `${id} byte ${i}`);
    assert.equal(result.raw.width, 28);
    assert.equal(result.raw.height, 28);
    assert.equal(result.raw.data, result.raws);
    assert.equal(result.blob.type, 'image/png');
    const png = new Uint8Array(await result.blob.arrayBuffer());
    assert.deepEqual(Array.from(png.subarray(1, 4)), [0x50, 0x4e, 0x47]);  // "PNG"
    assert.ok(result.src.startsWith('data:image/png;base64,'));
    assert.deepEqual(Buffer.from(result.src.split(',')[1], 'base64'), Buffer.from(png));
    assert.equal(result.image, null);  // no p5 in Node
    assert.equal(result.p5Image, null);
    assert.deepEqual(Object.keys(result).sort(),  // blob and src are lazy but listed
      ['blob', 'image', 'label', 'latent', 'p5Image', 'raw', 'raws', 'src', 'tensor']);
  }
});

test('callback and promise forms follow ml5 (error-first, undefined error)', { skip: sharedMissing }, async () => {
  const calls = [];
  const cvae = ml5.CVAE(QUICK_DRAW, (...args) => calls.push(args));
  const instance = await cvae.ready;
  assert.equal(instance, cvae);
  assert.equal(calls.length, 1);
  assert.equal(calls[0][0], undefined);
  assert.equal(calls[0][1], cvae);
  const results = [];
  const promise = cvae.generate('mug', { seed: 1 }, (error, result) => results.push([error, result]));
  const value = await promise;
  assert.equal(results[0][0], undefined);
  assert.equal(results[0][1], value);
  const viaCallbackOnly = await new Promise((resolve) => cvae.generate('mug', (e, r) => resolve([e, r])));
  assert.equal(viaCallbackOnly[0], undefined);
  assert.equal(viaCallbackOnly[1].raws.length, 3136);
});

test('seeds are reproducible; distributions differ', { skip: sharedMissing }, async () => {
  const cvae = ml5.CVAE(QUICK_DRAW);
  await cvae.ready;
  const a = await cvae.generate('owl', { seed: 42 });
  const b = await cvae.generate('owl', { seed: 42 });
  const c = await cvae.generate('owl', { seed: 43 });
  assert.deepEqual(a.raws, b.raws);
  assert.deepEqual(a.latent, b.latent);
  assert.notDeepEqual(a.latent, c.latent);
  assert.ok(a.latent.every((v) => v >= 0 && v < 1), 'uniform latents are in [0, 1)');
  const normal = await cvae.generate('owl', { seed: 42, distribution: 'normal' });
  assert.ok(normal.latent.some((v) => v < 0), 'normal latents go negative');
  await assert.rejects(cvae.generate('owl', { distribution: 'cauchy' }), /'uniform' or 'normal'/);
  await assert.rejects(cvae.generate('owl', { latent: [1, 2] }), /latent must be 16 finite numbers/);
});

test('an unknown label rejects, names it and lists the labels; the model keeps working', { skip: sharedMissing }, async () => {
  const cvae = ml5.CVAE(QUICK_DRAW);
  await cvae.ready;
  let seen;
  await assert.rejects(cvae.generate('zebra', (error) => { seen = error; }),
    /no label 'zebra'; valid labels are: airplane, alarm_clock, .*knife/);
  assert.match(seen.message, /'zebra'/);
  await assert.rejects(cvae.generate(3), /a CVAE label is a string, one of: airplane, .*; got number/);
  const ok = await cvae.generate('apple', { seed: 3 });
  assert.equal(ok.raws.length, 3136);
});

test('batches and interpolations', { skip: sharedMissing }, async () => {
  const cvae = ml5.CVAE(QUICK_DRAW);
  await cvae.ready;
  const batch = await cvae.generateBatch('moon', 4, { seed: 9 });
  assert.equal(batch.length, 4);
  assert.notDeepEqual(batch[0].latent, batch[1].latent);
  const single = await cvae.generate('moon', { latent: batch[2].latent });
  assert.deepEqual(single.raws, batch[2].raws);  // one pass for n images == n single passes

  const walk = await cvae.interpolate('moon', 'mug', 5, { seed: 9 });
  assert.equal(walk.length, 5);
  const start = await cvae.generate('moon', { latent: walk[0].latent });
  const end = await cvae.generate('mug', { latent: walk[4].latent });
  assert.deepEqual(walk[0].raws, start.raws);
  assert.deepEqual(walk[4].raws, end.raws);
  assert.deepEqual(walk[0].latent, walk[4].latent);
  const to = Array(16).fill(0.5);
  const latentWalk = await cvae.interpolate('moon', 'moon', 3, { latent: Array(16).fill(0), latentTo: to });
  assert.deepEqual(latentWalk[1].latent, Array(16).fill(0.25));
  await assert.rejects(cvae.generateBatch('moon', 0), /1 to 4096 images/);
  await assert.rejects(cvae.interpolate('moon', 'mug', 1), /2 to 4096 steps/);
});

test('a missing manifest rejects ready and calls the callback (ml5 left both hanging)', async () => {
  const calls = [];
  const cvae = ml5.CVAE('/nonexistent/cvae/manifest.json', (...args) => calls.push(args));
  await assert.rejects(cvae.ready, /could not read \/nonexistent\/cvae\/manifest.json: ENOENT/);
  assert.equal(calls.length, 1);
  assert.match(calls[0][0].message, /ENOENT/);
  await assert.rejects(cvae.generate('x'), /ENOENT/);
});

test('a manifest whose labels do not fit the model is an error at load', { skip: sharedMissing }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ml5-cvae-'));
  const model = QUICK_DRAW.replace('manifest.json', 'models/model.json');
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ model, labels: ['a', 'b', 'c'] }));
  await assert.rejects(ml5.CVAE(join(dir, 'manifest.json')).ready,
    /label input must be 3 or 4 wide for the manifest's 3 labels/);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ labels: ['a'] }));
  await assert.rejects(ml5.CVAE(dir).ready, /manifest.json: missing "model"/);
  writeFileSync(join(dir, 'manifest.json'), '{"model": "m.json", "labels": [1, 2]');
  await assert.rejects(ml5.CVAE(dir).ready, /manifest.json: not valid JSON/);
});
