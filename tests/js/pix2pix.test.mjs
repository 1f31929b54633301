// ml5.pix2pix() in Node: the tfjs reference on the synthetic ngf=4 and ngf=32 models, ml5's
// factory forms, repeated and overlapping calls (ml5 #1395), sizes, inputs, alpha and errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as ml5 from 'ml5-wasm';
import { PIX2PIX_MODELS, PIX2PIX_REFERENCE, sharedMissing } from './shared.mjs';

const skip = sharedMissing;
const bytes = (file) => readFileSync(PIX2PIX_REFERENCE + file);
const floats = (file) => {
  const b = bytes(file);
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
};
const image = (name) => ({ data: new Uint8ClampedArray(bytes(`input_${name}.rgba.u8`)), width: 256, height: 256 });
const ngf4 = () => PIX2PIX_MODELS + 'synthetic_ngf4.pict';

function compare(result, expectedFloats, expectedRgba) {
  let worst = 0;
  for (let i = 0; i < expectedFloats.length; i++) worst = Math.max(worst, Math.abs(result.tensor.data[i] - expectedFloats[i]));
  let off = 0, far = 0;
  if (expectedRgba) {
    for (let i = 0; i < expectedRgba.length; i++) {
      const d = Math.abs(result.raws[i] - expectedRgba[i]);
      off += d > 0;
      far += d > 1;
    }
  }
  return { worst, off, far };
}

test('both synthetic models on both inputs match the tfjs reference', { skip }, async () => {
  for (const model of ['synthetic_ngf4', 'synthetic_ngf32']) {
    const p2p = await ml5.pix2pix(PIX2PIX_MODELS + model + '.pict');
    for (const input of ['procedural', 'ml5example']) {
      const result = await p2p.transfer(image(input));
      const c = compare(result, floats(`${model}__${input}.output.f32`), bytes(`${model}__${input}.output.rgba.u8`));
      assert.ok(c.worst <= 1e-4, `${model} ${input}: float |delta| ${c.worst}`);
      assert.equal(c.far, 0, `${model} ${input}: bytes off by more than 1`);
      assert.ok(c.off <= 256 * 256 * 4 / 1000, `${model} ${input}: ${c.off} bytes off by 1`);
      assert.deepEqual(result.tensor.shape, [256, 256, 3]);
    }
    p2p.dispose();
  }
});

test('{encoderBias: true} gives the original pix2pix-tensorflow math', { skip }, async () => {
  const p2p = await ml5.pix2pix(ngf4(), undefined, { encoderBias: true });
  for (const input of ['procedural', 'ml5example']) {
    const result = await p2p.transfer(image(input));
    const c = compare(result, floats(`synthetic_ngf4__${input}.output_with_encoder_bias.f32`));
    assert.ok(c.worst <= 1e-4, `${input}: ${c.worst}`);
  }
});

test('factory: with a callback the instance, without one a Promise of it (as ml5)', { skip }, async () => {
  const calls = [];
  const instance = ml5.pix2pix(ngf4(), (...args) => calls.push(args));
  assert.equal(typeof instance.transfer, 'function');
  assert.equal(await instance.ready, instance);
  assert.equal(calls[0][0], undefined);
  assert.equal(calls[0][1], instance);
  const promised = ml5.pix2pix(ngf4());
  assert.equal(typeof promised.then, 'function');
  assert.equal(typeof (await promised).transfer, 'function');
  const results = [];
  await instance.transfer(image('procedural'), (error, result) => results.push([error, result]));
  assert.equal(results[0][0], undefined);
  assert.ok(results[0][1].src.startsWith('data:image/png;base64,'));
  assert.equal(results[0][1].image, null);  // no p5 and no <img> in Node
  assert.equal(results[0][1].p5Image, null);
});

test('the second and the hundredth call give the same image (ml5 #1395 fixed)', { skip }, async () => {
  const p2p = await ml5.pix2pix(ngf4());
  const first = await p2p.transfer(image('ml5example'));
  let second, hundredth;
  for (let call = 2; call <= 100; call++) {
    const result = await p2p.transfer(image(call % 2 ? 'procedural' : 'ml5example'));
    if (call === 2) second = result;
    if (call === 100) hundredth = result;
  }
  assert.deepEqual(second.raws, first.raws);
  assert.deepEqual(hundredth.raws, first.raws);
});

test('overlapping calls are queued and each gets its own result', { skip }, async () => {
  const p2p = await ml5.pix2pix(ngf4());
  const inputs = Array.from({ length: 12 }, (_, i) => image(i % 2 ? 'procedural' : 'ml5example'));
  inputs.forEach((input, i) => { input.data = input.data.map((v, k) => (k % 4 === 3 ? v : (v + 17 * i) % 256)); });
  const together = await Promise.all(inputs.map((input) => p2p.transfer(input)));
  for (let i = 0; i < inputs.length; i++) {
    const alone = await p2p.transfer(inputs[i]);
    assert.deepEqual(together[i].raws, alone.raws, `call ${i}`);
  }
  assert.notDeepEqual(together[0].raws, together[2].raws);
});

test('sizes: multiples of 256 as ml5, others resized in and back out', { skip }, async () => {
  const p2p = await ml5.pix2pix(ngf4());
  const wide = await p2p.transfer({ data: new Uint8ClampedArray(512 * 256 * 4).fill(200), width: 512, height: 256 });
  assert.deepEqual([wide.raw.width, wide.raw.height], [512, 256]);
  const odd = await p2p.transfer({ data: new Uint8ClampedArray(300 * 200 * 4).fill(90), width: 300, height: 200 });
  assert.deepEqual([odd.raw.width, odd.raw.height], [300, 200]);
  assert.deepEqual(odd.tensor.shape, [200, 300, 3]);
  const small = await p2p.transfer({ data: new Uint8ClampedArray(40 * 30 * 4).fill(9), width: 40, height: 30 },
    { size: 512 });
  assert.equal(small.raws.length, 40 * 30 * 4);
  await assert.rejects(p2p.transfer(image('procedural'), { size: 300 }), /multiple of 256/);
});

test('inputs: PNG file path and bytes (stb_image), ImageData-like; alpha and background', { skip }, async () => {
  const p2p = await ml5.pix2pix(ngf4());
  const path = PIX2PIX_MODELS + 'edges2pikachu_example_input.png';
  const fromPath = await p2p.transfer(path);
  const fromBytes = await p2p.transfer(readFileSync(path));
  const fromPixels = await p2p.transfer(image('ml5example'));
  assert.deepEqual(fromPath.raws, fromPixels.raws);  // the same drawing, decoded in C++
  assert.deepEqual(fromBytes.raws, fromPixels.raws);
  const clear = { data: new Uint8ClampedArray(256 * 256 * 4), width: 256, height: 256 };  // transparent
  const black = { data: new Uint8ClampedArray(256 * 256 * 4).map((v, i) => (i % 4 === 3 ? 255 : 0)), width: 256, height: 256 };
  const white = { data: new Uint8ClampedArray(256 * 256 * 4).fill(255), width: 256, height: 256 };
  assert.deepEqual((await p2p.transfer(clear)).raws, (await p2p.transfer(black)).raws);
  assert.deepEqual((await p2p.transfer(clear, { background: '#ffffff' })).raws, (await p2p.transfer(white)).raws);
  await assert.rejects(p2p.transfer(clear, { background: 'tomato' }), /'#rrggbb'/);
});

test('bad input is a clear error, and the instance keeps working', { skip }, async () => {
  const p2p = await ml5.pix2pix(ngf4());
  await assert.rejects(p2p.transfer(42), /transfer\(\) takes a canvas, image, .*got \[object Number\]/);
  await assert.rejects(p2p.transfer({ data: new Uint8ClampedArray(0), width: 0, height: 0 }), /the image is empty or has no valid size \(0x0\)/);
  await assert.rejects(p2p.transfer({ data: new Uint8ClampedArray(10), width: 20000, height: 20000 }), /20000x20000 = 400000000 pixels, more than the limit/);
  await assert.rejects(p2p.transfer({ data: new Uint8ClampedArray(10), width: 20, height: 20 }), /has 10 bytes/);
  await assert.rejects(p2p.transfer(Buffer.from('not an image')), /not a PNG or JPEG image/);
  await assert.rejects(p2p.transfer('/no/such.png'), /could not read \/no\/such.png: ENOENT/);
  const ok = await p2p.transfer(image('procedural'));
  assert.equal(ok.raws.length, 256 * 256 * 4);
  p2p.dispose();
  await assert.rejects(p2p.transfer(image('procedural')), /disposed/);
});

test('models that do not load reject ready and call the callback', async () => {
  const calls = [];
  const p2p = ml5.pix2pix('/no/such/model.pict', (error) => calls.push(error));
  await assert.rejects(p2p.ready, /could not read \/no\/such\/model.pict: ENOENT/);
  assert.equal(calls.length, 1);
  await assert.rejects(ml5.pix2pix(new URL('../../package.json', import.meta.url).pathname),
    /package.json: no "modelTopology"; this is not a tfjs Layers model.json/);
});

test('a model given as bytes (Uint8Array, ArrayBuffer, Blob) works as its URL does', { skip }, async () => {
  const fromUrl = await (await ml5.pix2pix(ngf4())).transfer(image('procedural'));
  const file = readFileSync(ngf4());
  const buffer = file.buffer.slice(file.byteOffset, file.byteOffset + file.length);
  for (const model of [file, buffer, new Blob([file])]) {
    const p2p = await ml5.pix2pix(model);
    assert.equal(p2p.ngf, 4);
    const result = await p2p.transfer(image('procedural'));
    assert.deepEqual(result.raws, fromUrl.raws, model.constructor.name);
    p2p.dispose();
  }
  // Bad bytes are named by the File's name, or "model.pict".
  await assert.rejects(ml5.pix2pix(new Uint8Array([1, 2, 3])), /model.pict: truncated before the shape list/);
  await assert.rejects(ml5.pix2pix(new File([readFileSync(new URL('../../package.json', import.meta.url))], 'mine.pict')),
    /mine.pict: this is JSON, not a \.pict model/);
});

test('lineArt: the model sees a line drawing of the input, returned as result.lineArt', async () => {
  const model = await ml5.pix2pix();
  const width = 96, height = 64;
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  for (let y = 16; y < 48; y++) for (let x = 32; x < 64; x++) data.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
  const result = await model.transfer({ data, width, height }, { lineArt: true });
  const drawing = result.lineArt;
  assert.deepEqual([drawing.width, drawing.height], [width, height]);
  const at = (x, y) => drawing.data[(y * width + x) * 4];
  assert.deepEqual([at(32, 30), at(63, 30), at(48, 16), at(48, 47)], [0, 0, 0, 0], 'the square\'s edges are lines');
  assert.deepEqual([at(48, 32), at(5, 5)], [255, 255], 'inside and outside are white');
  assert.ok(drawing.data.every((v, i) => (i % 4 === 3 ? v === 255 : v === 0 || v === 255)));
  const direct = await model.transfer(drawing);
  assert.deepEqual(Array.from(result.raws), Array.from(direct.raws), 'the output is the model on the drawing');
  assert.equal((await model.transfer({ data, width, height })).lineArt, undefined);
  await assert.rejects(model.transfer({ data, width, height }, { lineArt: { threshold: -1 } }),
    /lineArt\.threshold must be between 0 and 1, got -1/);
  await assert.rejects(model.transfer({ data, width, height }, { lineArt: { radius: 1.5 } }),
    /lineArt\.radius must be an integer from -1 \(automatic\) to 64, got 1\.5/);
  await assert.rejects(model.transfer({ data, width, height }, { lineArt: 'yes' }), /options\.lineArt is true or \{threshold, radius\}/);
  assert.throws(() => model.transferStream({ data, width, height }, () => {}), /transferStream\(\) needs a browser page/);
  assert.ok((await model.transfer({ data, width, height })).raws.length, 'the instance still works');
  model.dispose();
});
