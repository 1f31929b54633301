// The default models' smaller forms. pix2pix ships as a compact .pict (docs/formats.md 3.7): it
// is ml5.compactPict() of models/pix2pix-default/model.pict byte for byte, its output stays at
// 40 dB PSNR or more from the .pict's on the test inputs, and it loads from bytes and from a URL
// as it streams, like a .pict. The CVAE ships with float16 weights: made from its float32 model
// byte for byte, within 2e-3 of it on the [-1, 1] scale.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ml5 from 'ml5-wasm';
import { float16Bits, float16Model } from '../../models/float16_model.mjs';
import { PIX2PIX_REFERENCE, sharedMissing } from './shared.mjs';
import { psnr } from '../../bin/psnr.mjs';

const MIN_PSNR_DB = 40;
const read = (path) => new Uint8Array(readFileSync(new URL(`../../${path}`, import.meta.url)));
const pict = read('models/pix2pix-default/model.pict');
const shipped = read('models/pix2pix-default/model.compact.pict');

// A photo (tests/data), and ml5's example drawing and the procedural input of the tfjs reference.
async function inputs() {
  const list = [['gradient.jpg', await ml5.decodeImage(read('tests/data/gradient.jpg'))]];
  if (sharedMissing) {
    console.warn(`*** ${sharedMissing}: the compact model is checked on tests/data/gradient.jpg only ***`);
    return list;
  }
  for (const name of ['ml5example', 'procedural']) {
    const data = new Uint8ClampedArray(readFileSync(`${PIX2PIX_REFERENCE}input_${name}.rgba.u8`));
    list.push([name, { data, width: 256, height: 256 }]);
  }
  return list;
}

test('the shipped default model is ml5.compactPict() of its .pict, byte for byte', async () => {
  const made = await ml5.compactPict(pict);
  assert.equal(made.length, shipped.length, 'run: node bin/ml5-wasm.mjs compact models/pix2pix-default/model.pict -o models/pix2pix-default/model.compact.pict');
  assert.ok(Buffer.from(made).equals(Buffer.from(shipped)), 'the shipped compact model is not made from the shipped .pict');
  assert.ok(shipped.length < 0.8 * pict.length, `${shipped.length} bytes against the .pict's ${pict.length}`);
  const p2p = await ml5.pix2pix();
  assert.equal(p2p.modelPath.endsWith('model.compact.pict'), true, p2p.modelPath);
  p2p.dispose();
});

test(`the compact default model stays at ${MIN_PSNR_DB} dB PSNR or more from the .pict`, async (t) => {
  const original = await ml5.pix2pix(pict), compact = await ml5.pix2pix(shipped);
  for (const [name, image] of await inputs()) {
    const [a, b] = [await original.transfer(image), await compact.transfer(image)];
    let worst = 0;
    for (let i = 0; i < a.tensor.data.length; i++) worst = Math.max(worst, Math.abs(a.tensor.data[i] - b.tensor.data[i]));
    const db = psnr(a.raws, b.raws);
    t.diagnostic(`${name}: ${db.toFixed(1)} dB, max |diff| ${(2 * worst).toFixed(4)} on the [-1, 1] scale`);
    assert.ok(db >= MIN_PSNR_DB, `${name}: ${db.toFixed(1)} dB`);
    assert.ok(db < Infinity, `${name}: no difference at all: is the compact file the .pict?`);
  }
  original.dispose();
  compact.dispose();
});

test('at 8 bits the compact file gives exactly the .pict\'s output', async () => {
  const exact = await ml5.pix2pix(await ml5.compactPict(pict, { kernelBits: 8 })), original = await ml5.pix2pix(pict);
  const [image] = (await inputs())[0].slice(1);
  assert.deepEqual(Array.from((await exact.transfer(image)).raws), Array.from((await original.transfer(image)).raws));
});

test('compactPict() names what it refuses', async () => {
  await assert.rejects(ml5.compactPict(read('tests/data/gradient.jpg'), { name: 'photo.jpg' }), /photo\.jpg: this is a JPEG image, not a \.pict model/);
  await assert.rejects(ml5.compactPict(pict, { kernelBits: 9 }), /kernelBits must be an integer from 1 to 8, got 9/);
  await assert.rejects(ml5.compactPict('model.pict'), /takes the \.pict file as a Uint8Array or an ArrayBuffer/);
});

let server, base;
before(async () => {
  server = createServer((request, response) => {  // the file in small chunks, as a slow network
    response.writeHead(200, { 'Content-Length': shipped.length });
    let at = 0;
    const next = () => {
      if (at >= shipped.length) return response.end();
      response.write(shipped.subarray(at, at += 16 * 1024));
      return setTimeout(next, 1);
    };
    next();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}/`;
});
after(() => server.close());

test('a compact file loads from a URL as it streams, into the same model as from bytes', async () => {
  const progress = [];
  const streamed = await ml5.pix2pix(base + 'model.compact.pict', undefined, { onProgress: (loaded) => progress.push(loaded) });
  const whole = await ml5.pix2pix(shipped);
  const [image] = (await inputs())[0].slice(1);
  assert.deepEqual(Array.from((await streamed.transfer(image)).raws), Array.from((await whole.transfer(image)).raws));
  assert.ok(progress.length > 4, `${progress.length} progress reports`);
  assert.equal(progress.at(-1), shipped.length);
  assert.ok(existsSync(new URL('../../models/pix2pix-default/TRAINING.md', import.meta.url)));
});

const CVAE = 'models/cvae-fashion-mnist/';

test('float16Bits rounds to the nearest half, ties to even, as IEEE 754 does', () => {
  const cases = [[1, 0x3c00], [-2, 0xc000], [0.1, 0x2e66], [1 / 3, 0x3555], [65504, 0x7bff], [65520, 0x7c00],
    [2 ** -24, 0x0001], [2 ** -25, 0x0000], [3 * 2 ** -25, 0x0002], [1 + 2 ** -11, 0x3c00], [1 + 3 * 2 ** -11, 0x3c02],
    [0, 0], [Infinity, 0x7c00], [-Infinity, 0xfc00]];
  for (const [value, bits] of cases) assert.equal(float16Bits(value), bits, `${value}`);
});

test('the shipped CVAE is the float16 form of its float32 model, byte for byte, at half the bytes', () => {
  const modelJson = JSON.parse(readFileSync(new URL(`../../${CVAE}model/model.json`, import.meta.url), 'utf8'));
  const shards = modelJson.weightsManifest.flatMap((g) => g.paths).map((p) => readFileSync(new URL(`../../${CVAE}model/${p}`, import.meta.url)));
  const made = float16Model(modelJson, shards);
  const run = 'run: node models/float16_model.mjs models/cvae-fashion-mnist/model models/cvae-fashion-mnist/model-float16';
  assert.ok(made.shard.equals(Buffer.from(read(`${CVAE}model-float16/group1-shard1of1.bin`))), run);
  assert.deepEqual(JSON.parse(readFileSync(new URL(`../../${CVAE}model-float16/model.json`, import.meta.url), 'utf8')), made.modelJson, run);
  assert.equal(made.shard.length * 2, shards.reduce((n, s) => n + s.length, 0));
  const manifest = JSON.parse(readFileSync(new URL(`../../${CVAE}manifest.json`, import.meta.url), 'utf8'));
  assert.equal(manifest.model, 'model-float16/model.json');
});

test('the float16 CVAE is within 2e-3 of the float32 one on the [-1, 1] scale, every label, both latent draws', async (t) => {
  const float32Manifest = join(mkdtempSync(join(tmpdir(), 'ml5-wasm-cvae32-')), 'manifest.json');
  const manifest = JSON.parse(readFileSync(new URL(`../../${CVAE}manifest.json`, import.meta.url), 'utf8'));
  writeFileSync(float32Manifest, JSON.stringify({ ...manifest, model: fileURLToPath(new URL(`../../${CVAE}model/model.json`, import.meta.url)) }));
  const [half, full] = [await ml5.CVAE().ready, await ml5.CVAE(float32Manifest).ready];
  let worst = 0, images = 0;
  for (const label of half.labels) {
    for (const distribution of ['uniform', 'normal']) {
      for (let seed = 0; seed < 10; seed++) {
        const [a, b] = [await half.generate(label, { seed, distribution }), await full.generate(label, { seed, distribution })];
        for (let i = 0; i < a.tensor.data.length; i++) worst = Math.max(worst, 2 * Math.abs(a.tensor.data[i] - b.tensor.data[i]));
        images++;
      }
    }
  }
  t.diagnostic(`${images} images: max |diff| ${worst.toExponential(2)} on the [-1, 1] scale`);
  assert.ok(worst <= 2e-3, `max |diff| ${worst}`);
  assert.ok(worst > 0, 'no difference at all: are both the same model?');
});
