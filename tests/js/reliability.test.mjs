// Hostile inputs and long runs (issue 7): every malformed file in tests/data/malformed and every
// bad input rejects through the promise and the callback with an Error that names the problem,
// and the instance (or a fresh one in the same wasm module) keeps working; repeated, overlapping
// and disposed calls neither leak nor mix results.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ml5 from 'ml5-wasm';
import { pict, unetEntries } from '../data/pict-builder.mjs';

const malformed = fileURLToPath(new URL('../data/malformed/', import.meta.url));
const cases = JSON.parse(readFileSync(join(malformed, 'cases.json'), 'utf8'));
const temp = mkdtempSync(join(tmpdir(), 'ml5-wasm-reliability-'));
const ngf4 = join(temp, 'ngf4.pict');
writeFileSync(ngf4, pict(unetEntries(4), { seed: 3 }));

const factories = {
  pix2pix: (path, callback) => (callback ? ml5.pix2pix(path, callback) : ml5.pix2pix(path)),
  cvae: (path, callback) => (callback ? ml5.CVAE(path, callback) : ml5.CVAE(path).ready),
};

// An Error of ours: not a wasm trap, an abort, or a TypeError from deep inside.
function assertNamedError(error, expect, what) {
  assert.ok(error instanceof Error, `${what}: rejected with ${error}`);
  assert.ok(!(error instanceof WebAssembly.RuntimeError), `${what}: a wasm trap: ${error.message}`);
  assert.ok(!/abort|unreachable|is not a function|undefined \(reading/.test(error.message), `${what}: ${error.message}`);
  assert.ok(error.message.includes(expect), `${what}: '${error.message}' does not name '${expect}'`);
}

// Rejects through the promise, then through an error-first callback.
async function assertRejectsBothWays(call, expect, what) {
  await call().then(
    () => assert.fail(`${what}: the promise resolved`),
    (error) => assertNamedError(error, expect, `${what} (promise)`),
  );
  const error = await new Promise((resolve) => call((e) => resolve(e ?? 'no error')));
  assertNamedError(error, expect, `${what} (callback)`);
}

const image = (seed, size = 256) => ({
  data: Uint8ClampedArray.from({ length: size * size * 4 }, (_, i) => (i % 4 === 3 ? 255 : (i * seed * 7 + (i >> 10) * 13) & 0xff)),
  width: size,
  height: size,
});

test(`the ${cases.length} malformed model files each reject with an error that names the problem`, async () => {
  assert.ok(cases.length >= 30, `only ${cases.length} cases`);
  const backend = await ml5.loadBackend();
  const runAll = async () => {
    for (const c of cases) {
      const path = join(malformed, c.model);
      await assertRejectsBothWays((callback) => factories[c.load](path, callback), c.expect, `${c.name} (${c.what})`);
    }
  };
  await runAll();
  const before = backend.memory().inUse;
  await runAll();
  assert.equal(backend.memory().inUse, before, 'failed loads leaked wasm memory');
  // The same wasm module still loads and runs good models.
  const cvae = await ml5.CVAE();
  assert.equal((await cvae.generate('trouser', { seed: 1 })).raws.length, 28 * 28 * 4);
  const p2p = await ml5.pix2pix();
  assert.equal((await p2p.transfer(image(1))).raws.length, 256 * 256 * 4);
  cvae.dispose();
  p2p.dispose();
});

test('bad transfer() inputs reject clearly, and the instance keeps giving the same result', async () => {
  const p2p = await ml5.pix2pix(ngf4);
  const good = image(5);
  const expected = (await p2p.transfer(good)).raws;
  // A PNG whose header claims 10000 x 10000 (refused before anything is decoded).
  const hugePng = Buffer.from('89504e470d0a1a0a0000000d494844520000271000002710080600000000000000', 'hex');
  const bad = [
    [{ data: new Uint8ClampedArray(0), width: 0, height: 0 }, 'empty', 'a 0x0 image'],
    [{ data: { length: 20000 * 20000 * 4 }, width: 20000, height: 20000 }, 'more than the limit', 'a 20000x20000 image'],
    [hugePng, '10000x10000 exceeds the limit', 'a PNG claiming 10000x10000'],
    [{ data: new Uint8ClampedArray(10), width: 4, height: 4 }, 'image data has 10 bytes', 'data of the wrong length'],
    [Buffer.from('this is not an image'), 'not a PNG or JPEG', 'bytes that are no image'],
    [join(temp, 'no-such-file.png'), 'ENOENT', 'a missing file'],
    [42, 'transfer() takes', 'a number'],
    [{}, 'transfer() takes', 'an empty object'],
    [null, 'needs an image', 'null'],
  ];
  for (const [input, expect, what] of bad) {
    await assertRejectsBothWays((callback) => p2p.transfer(input, callback), expect, what);
  }
  await assertRejectsBothWays((callback) => p2p.transfer(good, { size: 300 }, callback), 'multiple of 256', 'a bad options.size');
  await assertRejectsBothWays((callback) => p2p.transfer(good, { background: 'red' }, callback), 'options.background', 'a bad options.background');
  assert.deepEqual((await p2p.transfer(good)).raws, expected, 'the instance changed after bad inputs');
  p2p.dispose();
});

test('bad labels reject clearly and generate() keeps working', async () => {
  const cvae = await ml5.CVAE();
  for (const [label, expect] of [['unicorn', "no label 'unicorn'"], [42, 'got number'], [null, 'got null'], [undefined, 'got undefined'], [{ label: 'bag' }, 'got object']]) {
    await assertRejectsBothWays((callback) => cvae.generate(label, callback), expect, `label ${String(label)}`);
  }
  await assertRejectsBothWays((callback) => cvae.generateBatch('bag', 0, callback), 'generateBatch needs', 'a batch of 0');
  const a = await cvae.generate('bag', { seed: 9 }), b = await cvae.generate('bag', { seed: 9 });
  assert.deepEqual(a.raws, b.raws);
  cvae.dispose();
});

test('limits are configurable and refuse before allocating', async () => {
  const defaults = ml5.getLimits();
  try {
    ml5.setLimits({ maxModelWeights: 1000 });
    await assertRejectsBothWays((callback) => factories.pix2pix(ngf4, callback), '1000 weights', 'a model over maxModelWeights');
    await assertRejectsBothWays((callback) => factories.cvae(undefined, callback), '1000 weights', 'a CVAE over maxModelWeights');
    ml5.setLimits({ maxModelWeights: defaults.maxModelWeights, maxImagePixels: 100 });
    const p2p = await ml5.pix2pix(ngf4);
    await assertRejectsBothWays((callback) => p2p.transfer(image(2, 16), callback), 'more than the limit of 100', 'an input over maxImagePixels');
    ml5.setLimits(defaults);
    assert.equal((await p2p.transfer(image(2, 16))).raws.length, 16 * 16 * 4);
    p2p.dispose();
  } finally {
    ml5.setLimits(defaults);
  }
  assert.throws(() => ml5.setLimits({ maxPixels: 5 }), /knows maxModelWeights, maxImagePixels/);
  assert.throws(() => ml5.setLimits({ maxImagePixels: -1 }), /must be an integer/);
  assert.deepEqual(ml5.getLimits(), defaults);
});

test('a transfer too large for wasm memory is refused up front with a clear error that keeps nothing', async () => {
  const backend = await ml5.loadBackend();
  const p2p = await ml5.pix2pix(ngf4);
  const expected = (await p2p.transfer(image(3))).raws;
  const before = backend.memory();
  // An 8192x8192 working size is within the pixel limit, but its buffers need more than the
  // 2 GB that wasm memory may grow to: the estimate refuses it before anything is allocated.
  const message = /^pix2pix: a 256x256 input at the working size 8192x8192 needs about [\d.]+ GB of working memory, and the wasm heap has [\d.]+ GB left: pass a smaller options.size$/;
  await assertRejectsBothWays((callback) => p2p.transfer(image(3), { size: 8192 }, callback), 'needs about', 'a working size past the heap maximum');
  await assert.rejects(p2p.transfer(image(3), { size: 8192 }), { message });
  assert.equal(backend.memory().memory, before.memory, 'the refused call grew wasm memory');
  assert.ok(backend.memory().inUse <= before.inUse + 2 ** 20, `the refused call kept ${backend.memory().inUse - before.inUse} bytes`);
  assert.deepEqual((await p2p.transfer(image(3))).raws, expected);
  p2p.dispose();
});

test('1000 transfers and 10,000 generates do not grow the wasm heap', async () => {
  const backend = await ml5.loadBackend();
  const p2p = await ml5.pix2pix(ngf4);
  const input = image(4);
  for (let i = 0; i < 10; i++) await p2p.transfer(input);
  const before = backend.memory();
  for (let i = 0; i < 1000; i++) await p2p.transfer(input);
  const after = backend.memory();
  assert.ok(after.inUse <= before.inUse, `transfer: in use ${before.inUse} -> ${after.inUse}`);
  assert.equal(after.memory, before.memory, 'transfer: wasm memory grew');
  console.log(`[ heap ] 1000 transfers (ngf=4): in use ${before.inUse} -> ${after.inUse} bytes, memory ${before.memory} -> ${after.memory}`);
  p2p.dispose();

  const cvae = await ml5.CVAE();
  for (let i = 0; i < 50; i++) await cvae.generate('sneaker');
  const start = backend.memory();
  for (let i = 0; i < 10000; i++) await cvae.generate(cvae.labels[i % 10], { seed: i });
  const end = backend.memory();
  assert.ok(end.inUse <= start.inUse, `generate: in use ${start.inUse} -> ${end.inUse}`);
  assert.equal(end.memory, start.memory, 'generate: wasm memory grew');
  console.log(`[ heap ] 10000 generates: in use ${start.inUse} -> ${end.inUse} bytes, memory ${start.memory} -> ${end.memory}`);
  cvae.dispose();
});

test('dispose() returns the heap to its pre-load size, and later calls reject clearly', async () => {
  const backend = await ml5.loadBackend();
  const before = backend.memory().inUse;
  const p2p = await ml5.pix2pix(ngf4);
  await p2p.transfer(image(6));
  const cvae = await ml5.CVAE();
  await cvae.generate('coat');
  assert.ok(backend.memory().inUse > before);
  p2p.dispose();
  cvae.dispose();
  assert.equal(backend.memory().inUse, before, 'dispose() left memory allocated');
  await assertRejectsBothWays((callback) => p2p.transfer(image(6), callback), 'disposed', 'transfer after dispose');
  await assertRejectsBothWays((callback) => cvae.generate('coat', callback), 'disposed', 'generate after dispose');
  p2p.dispose();  // twice is harmless
});

test('50 overlapping transfers with different inputs each get exactly their own result', async () => {
  const p2p = await ml5.pix2pix(ngf4);
  const inputs = Array.from({ length: 50 }, (_, i) => image(i + 1));
  const alone = [];
  for (const input of inputs) alone.push((await p2p.transfer(input)).raws);
  const together = await Promise.all(inputs.map((input) => p2p.transfer(input)));
  together.forEach((result, i) => assert.deepEqual(result.raws, alone[i], `call ${i} got another call's result`));
  assert.notDeepEqual(alone[0], alone[1]);
  p2p.dispose();
});

test('two instances of different models on one page do not interfere', async () => {
  const a = await ml5.pix2pix(ngf4);
  const b = await ml5.pix2pix();  // the default model, ngf=8
  const input = image(7);
  const aloneA = (await a.transfer(input)).raws, aloneB = (await b.transfer(input)).raws;
  const mixed = await Promise.all([a.transfer(input), b.transfer(input), a.transfer(input), b.transfer(input)]);
  assert.deepEqual(mixed[0].raws, aloneA);
  assert.deepEqual(mixed[1].raws, aloneB);
  assert.deepEqual(mixed[2].raws, aloneA);
  assert.deepEqual(mixed[3].raws, aloneB);
  assert.notDeepEqual(aloneA, aloneB);
  a.dispose();
  b.dispose();
});
