// ml5.pix2pix() in Chromium: every input kind gives the same, reference-matching pixels; results
// work as ml5's examples use them (img.src = result.src); p5.Image with p5 loaded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openPage, useChromium } from './chromium.mjs';
import { PIX2PIX_REFERENCE, sharedMissing } from '../js/shared.mjs';

const chromium = useChromium({ isolated: true });

// Runs in the page: the reference drawing as every kind of input, each transferred.
async function transferEveryKind(withP5) {
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
    out[kind] = {
      raws: Array.from(result.raws),
      decoded: [shown.naturalWidth, shown.naturalHeight],
      src: result.src.slice(0, 5),
      blob: result.blob.type,
      image: result.image?.constructor?.name ?? String(result.image),
      isP5Image: typeof p5 === 'function' && result.image instanceof p5.Image,
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
  return out;
}

for (const withP5 of [false, true]) {
  test(`every input kind${withP5 ? ', p5 wrappers included,' : ''} gives the reference pixels`, { skip: sharedMissing, timeout: 120000 }, async () => {
    const page = await openPage(chromium.browser, `${chromium.server.url}tests/browser/page.html${withP5 ? '?p5' : ''}`);
    const results = await page.evaluate(transferEveryKind, withP5);
    assert.deepEqual(page.errors, []);
    const expected = readFileSync(`${PIX2PIX_REFERENCE}synthetic_ngf4__ml5example.output.rgba.u8`);
    assert.deepEqual(results.video, [256, 256]);
    delete results.video;
    const kinds = Object.keys(results);
    assert.ok(kinds.length >= (withP5 ? 9 : 6), kinds.join());
    for (const [kind, r] of Object.entries(results)) {
      let off = 0, far = 0;
      for (let i = 0; i < expected.length; i++) {
        const d = Math.abs(r.raws[i] - expected[i]);
        off += d > 0;
        far += d > 1;
      }
      assert.equal(far, 0, `${kind}: bytes off by more than 1`);
      assert.ok(off <= expected.length / 1000, `${kind}: ${off} bytes off by 1`);
      assert.deepEqual(r.decoded, [256, 256], kind);
      assert.equal(r.src, 'blob:', kind);
      assert.equal(r.blob, 'image/png', kind);
      if (withP5) assert.equal(r.isP5Image, true, kind);
      else assert.equal(r.image, 'HTMLImageElement', kind);
    }
    await page.close();
  });
}
