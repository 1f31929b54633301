// ml5.pix2pix() in every engine: every input kind gives the same, reference-matching pixels; results
// work as ml5's examples use them (img.src = result.src); p5.Image with p5 loaded. Each engine's
// output bytes are compared with the reference in the page (±1) and, by SHA-256, with the other
// engines that run the same wasm variant (relaxed SIMD's fused multiply-add rounds differently).
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { forEachEngine, openPage, selectedEngines } from './engines.mjs';
import { sharedMissing } from '../js/shared.mjs';
import { makeKerasPix2pix } from '../js/keras-pix2pix.mjs';
import { pict, pytorchUnetEntries } from '../data/pict-builder.mjs';

// The TensorFlow tutorial's Keras generator as a tfjs Layers model, with tfjs's outputs, served
// from the repository like any model.
const KERAS = 'build/test-models/keras-pix2pix/';
const UNET128 = 'build/test-models/pytorch-unet128.pict';
const inRepository = (path) => fileURLToPath(new URL(`../../${path}`, import.meta.url));
before(async () => {
  await makeKerasPix2pix(inRepository(KERAS));
  writeFileSync(inRepository(UNET128), pict(pytorchUnetEntries(2, 7)));  // a converted unet_128, ngf 2
});

const digests = {};  // variant -> engine -> input kind -> SHA-256 of the output bytes

// Runs in the page: the reference drawing as every kind of input, each transferred.
async function transferEveryKind(withP5) {
  const expected = new Uint8Array(await (await fetch('/shared/reference/out/pix2pix/synthetic_ngf4__ml5example.output.rgba.u8')).arrayBuffer());
  const response = await fetch('/shared/reference/out/pix2pix/input_ml5example.rgba.u8');
  const rgba = new Uint8ClampedArray(await response.arrayBuffer());
  const imageData = new ImageData(rgba, 256, 256);
  const canvas = Object.assign(document.createElement('canvas'), { width: 256, height: 256 });
  canvas.getContext('2d').putImageData(imageData, 0, 0);
  const offscreen = new OffscreenCanvas(256, 256);
  offscreen.getContext('2d').putImageData(imageData, 0, 0);
  const img = new Image();
  img.src = '/shared/ml5-models/pix2pix/edges2pikachu_example_input.png';
  await img.decode();
  const bitmap = await createImageBitmap(imageData);
  const inputs = { imageData, plain: { data: rgba, width: 256, height: 256 }, canvas, offscreen, img, bitmap };
  if (withP5) {
    await new Promise((resolve) => new p5((p) => {
      p.setup = () => {
        const graphics = p.createGraphics(256, 256);
        graphics.pixelDensity(1);
        graphics.drawingContext.putImageData(imageData, 0, 0);
        const image = p.createImage(256, 256);
        image.drawingContext.putImageData(imageData, 0, 0);
        inputs.p5Graphics = graphics;
        inputs.p5Image = image;
        inputs.p5Element = new p5.Element(canvas);
        resolve();
      };
    }));
  }
  const model = await ml5.pix2pix('/shared/ml5-models/pix2pix/synthetic_ngf4.pict');
  const out = {};
  for (const [kind, input] of Object.entries(inputs)) {
    const result = await model.transfer(input);
    const shown = new Image();
    shown.src = result.src;
    await shown.decode();
    let off = 0, far = 0;
    for (let i = 0; i < expected.length; i++) {
      const d = Math.abs(result.raws[i] - expected[i]);
      off += d > 0;
      far += d > 1;
    }
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', result.raws));
    out[kind] = {
      length: result.raws.length,
      off,
      far,
      digest: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''),
      decoded: [shown.naturalWidth, shown.naturalHeight],
      src: result.src.slice(0, 5),
      blob: result.blob.type,
      image: result.image?.constructor?.name ?? String(result.image),
      isP5Image: typeof p5 === 'function' && result.image instanceof p5.Image,
      p5Image: result.p5Image === result.image ? 'same as image' : String(result.p5Image),
    };
  }
  // A <video> playing the canvas: frames may pass through YUV, so only the size is checked.
  // The canvas is redrawn so that the stream has frames to deliver.
  const video = Object.assign(document.createElement('video'), { muted: true, srcObject: canvas.captureStream(30) });
  const redraw = setInterval(() => canvas.getContext('2d').putImageData(imageData, 0, 0), 30);
  video.play();
  for (let waited = 0; video.readyState < 2 || !video.videoWidth; waited += 20) {
    if (waited > 5000) throw new Error(`the test video never got a frame (readyState ${video.readyState})`);
    await new Promise((r) => setTimeout(r, 20));
  }
  clearInterval(redraw);
  const fromVideo = await model.transfer(video);
  out.video = [fromVideo.raw.width, fromVideo.raw.height];
  return { kinds: out, variant: model.backend.variant };
}

// Runs in the page: a converted PyTorch unet_128 (tests/data/pict-builder.mjs),
// transferred on the page and in worker mode.
async function convertedUnet128(url) {
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  const canvas = Object.assign(document.createElement('canvas'), { width: 128, height: 128 });
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, 128, 128);
  g.lineWidth = 5;
  g.strokeRect(20, 30, 80, 60);
  const out = {};
  for (const [mode, options] of [['page', {}], ['worker', { worker: true }]]) {
    const model = await ml5.pix2pix(new File([bytes], 'unet128.pict'), undefined, options);
    const result = await model.transfer(canvas, { size: 384 });
    out[mode] = { sizeUnit: model.sizeUnit, ngf: model.ngf, size: [result.raw.width, result.raw.height], raws: Array.from(result.raws) };
    out[mode].refused = await model.transfer(canvas, { size: 200 }).then(() => 'resolved', (error) => error.message);
    model.dispose();
  }
  return out;
}

// Runs in the page: the Keras generator on the page and in worker mode, in both batch norm
// modes, against tfjs's outputs.
async function kerasGenerator(folder) {
  const rgb = new Uint8Array(await (await fetch(folder + 'input.u8')).arrayBuffer());
  const data = new Uint8ClampedArray(256 * 256 * 4).fill(255);
  for (let i = 0; i < 256 * 256; i++) data.set(rgb.subarray(i * 3, i * 3 + 3), i * 4);
  const out = {};
  for (const batchNorm of ['batch', 'moving']) {
    const expected = new Float32Array(await (await fetch(`${folder}expected-${batchNorm}.f32`)).arrayBuffer());
    for (const worker of [false, true]) {
      const model = await ml5.pix2pix(folder + 'model.json', undefined, { batchNorm, worker });
      const result = await model.transfer({ data, width: 256, height: 256 });
      let worst = 0;
      for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(result.tensor.data[i] - expected[i]));
      out[`${batchNorm}${worker ? ' in worker mode' : ''}`] = worst;
      model.dispose();
    }
  }
  return out;
}

forEachEngine('pix2pix', (context) => {
  test("the TensorFlow tutorial's Keras generator (tfjs Layers) is within 1e-4 of tfjs, on the page and in worker mode", { timeout: 120000 }, async () => {
    const page = await openPage(context.browser, `${context.servers.isolated.url}tests/browser/page.html`);
    const worst = await page.evaluate(kerasGenerator, `/${KERAS}`);
    assert.deepEqual(page.errors, []);
    assert.deepEqual(Object.keys(worst).sort(), ['batch', 'batch in worker mode', 'moving', 'moving in worker mode']);
    for (const [mode, value] of Object.entries(worst)) assert.ok(value <= 1e-4, `${mode}: max |ours - tfjs| = ${value}`);
    await page.close();
  });

  test('a converted PyTorch unet_128 runs on the page and in worker mode, with the same pixels', { timeout: 120000 }, async () => {
    const page = await openPage(context.browser, `${context.servers.plain.url}tests/browser/page.html`);
    const out = await page.evaluate(convertedUnet128, `/${UNET128}`);
    assert.deepEqual(page.errors, []);
    for (const mode of ['page', 'worker']) {
      assert.deepEqual([out[mode].sizeUnit, out[mode].ngf, out[mode].size], [128, 2, [128, 128]], mode);
      assert.match(out[mode].refused, /options\.size must be a multiple of 128/, mode);
    }
    assert.ok(new Set(out.page.raws).size > 20, 'the output is flat');
    assert.deepEqual(out.worker.raws, out.page.raws, 'worker mode differs from the page');
    await page.close();
  });

  for (const withP5 of [false, true]) {
    test(`every input kind${withP5 ? ', p5 wrappers included,' : ''} gives the reference pixels`, { skip: sharedMissing, timeout: 120000 }, async () => {
      const page = await openPage(context.browser, `${context.servers.isolated.url}tests/browser/page.html${withP5 ? '?p5' : ''}`);
      const { kinds: results, variant } = await page.evaluate(transferEveryKind, withP5);
      assert.deepEqual(page.errors, []);
      // Reading the page's canvases again and again must not make Chromium warn.
      assert.deepEqual(page.console.filter((text) => /willReadFrequently/.test(text)), []);
      assert.deepEqual(results.video, [256, 256]);
      delete results.video;
      const kinds = Object.keys(results);
      assert.ok(kinds.length >= (withP5 ? 9 : 6), kinds.join());
      for (const [kind, r] of Object.entries(results)) {
        assert.equal(r.length, 256 * 256 * 4, kind);
        assert.equal(r.far, 0, `${kind}: bytes off by more than 1`);
        assert.ok(r.off <= r.length / 1000, `${kind}: ${r.off} bytes off by 1`);
        ((digests[variant] ??= {})[context.engine] ??= {})[kind] = r.digest;
        assert.deepEqual(r.decoded, [256, 256], kind);
        assert.equal(r.src, 'blob:', kind);
        assert.equal(r.blob, 'image/png', kind);
        if (withP5) assert.equal(r.isP5Image, true, kind);
        else assert.equal(r.image, 'HTMLImageElement', kind);
        assert.equal(r.p5Image, withP5 ? 'same as image' : 'null', kind);
      }
      await page.close();
    });
  }
});

// The same inputs give the same output bytes in every engine that runs the same wasm variant
// (all decode the same PNG and read the same canvases; the wasm arithmetic is deterministic).
// Across variants each engine is within ±1 of the reference, asserted above.
describe('pix2pix [every engine]', () => {
  test('engines on the same wasm variant give byte-identical outputs for every input kind', { skip: sharedMissing }, (t) => {
    const ran = Object.values(digests).flatMap((byEngine) => Object.keys(byEngine));
    assert.deepEqual([...ran].sort(), [...new Set(selectedEngines())].sort(), 'an engine gave no outputs');
    const groups = Object.entries(digests).filter(([, byEngine]) => Object.keys(byEngine).length > 1);
    if (groups.length === 0) return t.skip(`needs two engines on one variant, ran ${JSON.stringify(Object.keys(digests))}`);
    for (const [variant, byEngine] of groups) {
      const [first, ...rest] = Object.keys(byEngine);
      for (const engine of rest) {
        assert.deepEqual(byEngine[engine], byEngine[first], `${variant}: ${engine} differs from ${first}`);
      }
    }
  });
});
