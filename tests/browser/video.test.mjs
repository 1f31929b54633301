// Live video: pix2pix.transferStream() on a camera (Chromium's fake camera playing a clip that
// the test makes, Firefox's fake camera) and on a canvas stream (every engine): frames keep
// coming and are not blank, stop() stops them, the async iterator, bad options, worker mode with
// ImageBitmap frames, and (Chromium) a heap that stays flat over 1,000 frames.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachEngine, openPage } from './engines.mjs';
import { CAMERA_ENGINES, cameraShowsPicture, fakeCameraLaunch } from './fake-camera.mjs';

// Runs in the page: a <video> playing the camera, or a canvas animation when there is none.
async function startVideo(source) {
  const video = Object.assign(document.createElement('video'), { muted: true, playsInline: true });
  document.body.append(video);
  if (source === 'camera') {
    video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 240 } });
  } else {
    const canvas = Object.assign(document.createElement('canvas'), { width: 320, height: 240 });
    const g = canvas.getContext('2d');
    let t = 0;
    const paint = () => {
      g.fillStyle = '#fff';
      g.fillRect(0, 0, 320, 240);
      g.lineWidth = 5;
      g.strokeRect(20, 20, 60, 60);
      g.beginPath();
      g.arc(100 + (t++ % 120), 120, 50, 0, 7);
      g.stroke();
      window.paintTimer = setTimeout(paint, 33);
    };
    paint();
    video.srcObject = canvas.captureStream(30);
  }
  await video.play();
  while (video.readyState < 2) await new Promise((resolve) => setTimeout(resolve, 10));
  return video;
}

async function streamChecks({ source, worker }) {
  const video = await window.startVideo(source);
  let frameCallbacks = 0;
  const request = HTMLVideoElement.prototype.requestVideoFrameCallback;
  if (request) {
    HTMLVideoElement.prototype.requestVideoFrameCallback = function (callback) {
      frameCallbacks++;
      return request.call(this, callback);
    };
  }
  const model = await ml5.pix2pix(undefined, undefined, { worker });
  const out = { rVFC: !!request };
  const frames = [];
  const stream = model.transferStream(video, { lineArt: true }, (error, result) => {
    if (error) frames.push(error.message);
    else frames.push(result);
  });
  const deadline = performance.now() + 60000;
  while (frames.length < 20 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const stats = await stream.stop();
  const countAtStop = frames.length;
  await new Promise((resolve) => setTimeout(resolve, 500));
  out.afterStop = frames.length - countAtStop;
  out.stats = stats;
  out.frameCallbacks = frameCallbacks;
  const results = frames.filter((f) => typeof f !== 'string');
  out.errors = frames.filter((f) => typeof f === 'string');
  out.count = results.length;
  const last = results[results.length - 1];
  const distinct = (data) => new Set(Array.from(data.filter((_, i) => i % 4 !== 3))).size;
  const black = (data) => data.filter((v, i) => i % 4 === 0 && v === 0).length;
  out.size = last && [last.raw.width, last.raw.height, last.lineArt.width, last.lineArt.height];
  out.outputLevels = last && distinct(last.raws);
  out.lineArtBlack = last && black(last.lineArt.data) / (320 * 240);
  // The frames differ (the video moves), and a PNG can still be made from a frame.
  out.framesDiffer = results.length > 1 && results[0].raws.some((v, i) => v !== last.raws[i]);
  out.pngType = last && last.blob.type;
  out.pngBytes = last && (await last.blob.arrayBuffer()).byteLength;

  // The iterator: newest frames, and leaving the loop stops the stream.
  const iterated = model.transferStream(video, { size: 256 });
  let taken = 0;
  for await (const frame of iterated) {
    if (frame.raw.width === 320) taken++;
    if (taken === 3) break;
  }
  const frozen = iterated.stats.frames;
  await new Promise((resolve) => setTimeout(resolve, 300));
  out.iterated = [taken, iterated.stats.frames - frozen];

  // Bad options fail at once; a failing frame reaches the callback and stops the stream.
  const refusals = [];
  for (const options of [{ fps: 0 }, { lineArt: { threshold: 2 } }, { size: 100 }]) {
    try {
      model.transferStream(video, options, () => {});
      refusals.push('accepted');
    } catch (error) {
      refusals.push(error.message);
    }
  }
  out.refusals = refusals;
  model.dispose();
  out.afterDispose = await new Promise((resolve) => {
    const s = model.transferStream(video, (error) => resolve([error?.message, s]));
  }).then(async ([message, s]) => [message, (await s.done).frames]);
  clearTimeout(window.paintTimer);
  video.srcObject.getTracks().forEach((track) => track.stop());
  return out;
}

// The test page, with startVideo() defined in it.
async function openVideoPage(context) {
  const page = await openPage(context.browser, `${context.servers.isolated.url}tests/browser/page.html`);
  await page.evaluate(`(window.startVideo = ${startVideo}, true)`);
  return page;
}

// picture: the source shows lines (not Firefox's flat fake camera), so the pixels are checked.
function assertStream(out, engine, picture) {
  assert.deepEqual(out.errors, []);
  assert.ok(out.count >= 20, `only ${out.count} frames arrived in 60 s`);
  assert.deepEqual(out.size, [320, 240, 320, 240]);
  if (picture) {
    assert.ok(out.outputLevels > 20, `the output has ${out.outputLevels} levels: blank`);
    assert.ok(out.lineArtBlack > 0.005 && out.lineArtBlack < 0.5, `line art ${out.lineArtBlack} black`);
    assert.equal(out.framesDiffer, true, 'every frame gave the same output');
  }
  assert.equal(out.afterStop, 0, 'frames arrived after stop()');
  assert.equal(out.stats.frames, out.count);
  assert.ok(out.stats.fps > 0 && out.stats.ms > 0, JSON.stringify(out.stats));
  if (out.rVFC) assert.ok(out.frameCallbacks >= out.count, `${engine}: requestVideoFrameCallback unused`);
  assert.deepEqual([out.pngType, out.pngBytes > 100], ['image/png', true]);
  assert.deepEqual(out.iterated, [3, 0]);
  assert.match(out.refusals[0], /options\.fps must be a positive number, got 0/);
  assert.match(out.refusals[1], /lineArt\.threshold must be between 0 and 1, got 2/);
  assert.match(out.refusals[2], /options\.size must be a multiple of 256/);
  assert.deepEqual(out.afterDispose, ['ml5-wasm: this pix2pix model was disposed', 0]);
}

forEachEngine('live video', (context) => {
  const camera = CAMERA_ENGINES.includes(context.engine);
  for (const worker of [false, true]) {
    const mode = worker ? 'worker mode' : 'main thread';
    test(`transferStream on a canvas stream (${mode})`, { timeout: 180000 }, async () => {
      const page = await openVideoPage(context);
      const out = await page.evaluate(streamChecks, { source: 'canvas', worker });
      assert.deepEqual(page.errors, []);
      assertStream(out, context.engine, true);
      console.log(`[ video ] ${context.engine} canvas ${mode}: ${out.stats.fps.toFixed(1)} fps, ${out.stats.dropped} dropped`);
      await page.close();
    });
    test(`transferStream on a fake camera (${mode})`, { timeout: 180000, skip: !camera && 'WebKitGTK\'s MiniBrowser has no fake camera' }, async () => {
      const page = await openVideoPage(context);
      const out = await page.evaluate(streamChecks, { source: 'camera', worker });
      assert.deepEqual(page.errors, []);
      assertStream(out, context.engine, cameraShowsPicture(context.engine));
      console.log(`[ video ] ${context.engine} camera ${mode}: ${out.stats.fps.toFixed(1)} fps, ${out.stats.dropped} dropped`);
      await page.close();
    });
  }

  test('on a page without COOP/COEP, frames spread over workers: in order, one per worker, the same pixels; stop() and dispose() end the workers', { timeout: 180000 }, async () => {
    const page = await openPage(context.browser, `${context.servers.plain.url}tests/browser/page.html`);
    const out = await page.evaluate(async () => {
      // The same picture painted again and again: every frame must give the same pixels.
      const canvas = Object.assign(document.createElement('canvas'), { width: 320, height: 240 });
      const g = canvas.getContext('2d');
      const paint = () => {
        g.fillStyle = '#fff';
        g.fillRect(0, 0, 320, 240);
        g.lineWidth = 5;
        g.strokeRect(40, 30, 200, 150);
        window.paintTimer = setTimeout(paint, 33);
      };
      paint();
      const video = Object.assign(document.createElement('video'), { muted: true, playsInline: true });
      video.srcObject = canvas.captureStream(30);
      await video.play();
      const results = {};
      for (const worker of [false, true]) {
        const model = await ml5.pix2pix(undefined, undefined, { worker });
        const frames = [];
        // size 768: nine times the work (about 70 ms a frame), so that the 30 fps frames queue up
        // for both lanes (at 512 the default model became fast enough to keep up on one lane).
        const stream = model.transferStream(video, { workers: 2, size: 768 }, (error, result) => frames.push(error ? error.message : result));
        const deadline = performance.now() + 60000;
        while (frames.length < 12 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
        const lanes = [...stream.lanes];
        const stats = await stream.stop();
        const first = frames.find((f) => typeof f !== 'string');
        results[worker ? 'worker' : 'main'] = {
          order: frames.map((f) => (typeof f === 'string' ? f : f.frame)),
          same: frames.every((f) => typeof f !== 'string' && f.raws.every((v, i) => v === first.raws[i])),
          maxInFlight: stream.maxInFlight, lanes: stats.lanes, ended: lanes.slice(1).map((lane) => lane.worker.worker === null),
          lanesAfterStop: stream.lanes.length,
        };
        // dispose() ends a running stream's workers; the stream ends with the model's error.
        const again = model.transferStream(video, { workers: 2, size: 768 }, () => {});
        while (again.lanes.length < 2 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
        const againLanes = [...again.lanes];
        model.dispose();
        const errors = [];
        again.onFrame = (error) => { if (error) errors.push(error.message); };
        await again.done;
        results[worker ? 'worker' : 'main'].disposed = [againLanes.length, againLanes.slice(1).map((lane) => lane.worker.worker === null), errors];
      }
      clearTimeout(window.paintTimer);
      return results;
    });
    assert.deepEqual(page.errors, []);
    for (const [mode, r] of Object.entries(out)) {
      assert.ok(r.order.length >= 12, `${mode}: ${r.order.length} frames`);
      assert.deepEqual(r.order, r.order.map((_, i) => i), `${mode}: results in frame order, none lost`);
      assert.equal(r.same, true, `${mode}: both lanes give the same pixels`);
      assert.deepEqual([r.lanes, r.maxInFlight], [2, 2], `${mode}: two lanes, one frame each at most`);
      assert.deepEqual([r.ended, r.lanesAfterStop], [[true], 1], `${mode}: stop() ended the stream's worker`);
      assert.deepEqual(r.disposed.slice(0, 2), [2, [true]], `${mode}: dispose() ended the stream's worker`);
      assert.deepEqual(r.disposed[2], ['ml5-wasm: this pix2pix model was disposed'], `${mode}: the stream ends with the model's error`);
    }
    await page.close();
  });

  test('the heap stays flat over 1,000 frames', { timeout: 300000, skip: context.engine !== 'chromium' && 'needs Chromium\'s performance.memory and gc()' }, async () => {
    const page = await openVideoPage(context);
    const out = await page.evaluate(async () => {
      const video = await window.startVideo('camera');
      const model = await ml5.pix2pix();
      // Collected garbage only: a few full collections, with the event loop let run between
      // them (one gc() inside a frame callback still sees that frame's buffers and more).
      const sample = async () => {
        for (let i = 0; i < 3; i++) {
          window.gc();
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        return { js: performance.memory.usedJSHeapSize, wasm: model.backend.memory().inUse };
      };
      const samples = {};
      await new Promise((resolve, reject) => {
        let frames = 0;
        const stream = model.transferStream(video, { lineArt: true }, async (error, result) => {
          if (error) return reject(error);
          void result.raws;
          frames++;
          if (frames === 100) samples.at100 = await sample();
          if (frames === 1000) {
            samples.at1000 = await sample();
            stream.stop().then(resolve);
          }
        });
      });
      video.srcObject.getTracks().forEach((track) => track.stop());
      return samples;
    });
    assert.deepEqual(page.errors, []);
    const growth = { js: out.at1000.js - out.at100.js, wasm: out.at1000.wasm - out.at100.wasm };
    console.log(`[ video ] chromium heap from frame 100 to 1000: JS ${(growth.js / 1e6).toFixed(2)} MB, wasm ${growth.wasm} bytes`);
    assert.equal(growth.wasm, 0, 'wasm allocations grew');
    // Each frame makes over 1.5 MB of buffers (input, line art, output pixels and floats), so
    // keeping even one frame in 50 would add 27 MB; V8's own variation is about 2 MB here.
    assert.ok(growth.js < 8e6, `the JS heap grew by ${growth.js} bytes`);
    await page.close();
  });
}, { launch: fakeCameraLaunch() });
