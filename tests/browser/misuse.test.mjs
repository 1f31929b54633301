// Misuse that only a page has (issue 30), in every engine: a tainted canvas fails by name and
// leaves nothing behind; blank inputs (a video never played, a WebGL canvas that was cleared
// once shown) are refused with what to do, where the engine reads them blank; arguments in the
// wrong place fail at once, and callbacks are called once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../../scripts/serve.mjs';
import { forEachEngine, openPage } from './engines.mjs';

// Another origin ("localhost" vs the page's 127.0.0.1) without CORS: its images taint a canvas.
let other;
before(async () => {
  other = await startServer({ isolated: false, host: 'localhost' });
});
after(() => other?.close());

// Runs in the page.
async function misuse(imageUrl) {
  const out = {};
  const message = (promise) => promise.then(() => 'resolved', (error) => `${error.name}: ${error.message}`);
  const allTransparent = (source, width, height) => {
    const g = Object.assign(document.createElement('canvas'), { width, height }).getContext('2d');
    g.drawImage(source, 0, 0, width, height);
    return g.getImageData(0, 0, width, height).data.every((v, i) => i % 4 !== 3 || v === 0);
  };
  const p2p = await ml5.pix2pix();

  // A tainted canvas: a SecurityError that says why, then clean inputs of the same size work.
  const foreign = new Image();
  foreign.src = imageUrl;
  await foreign.decode();
  out.tainted = await message(p2p.transfer(foreign));
  const clean = Object.assign(document.createElement('canvas'), { width: foreign.naturalWidth, height: foreign.naturalHeight });
  clean.getContext('2d').fillRect(10, 10, 40, 40);
  const bitmap = await createImageBitmap(clean);  // drawn through the scratch canvas
  out.afterTaint = await message(p2p.transfer(bitmap));
  out.afterTaintNew = await message((await ml5.pix2pix()).transfer(bitmap));

  // A WebGL canvas, cleared once it is shown (no preserveDrawingBuffer), and one that keeps it.
  const webgl = async (preserveDrawingBuffer) => {
    const canvas = Object.assign(document.createElement('canvas'), { width: 64, height: 64 });
    document.body.append(canvas);
    let why = '';
    canvas.addEventListener('webglcontextcreationerror', (event) => { why = event.statusMessage; });
    const gl = canvas.getContext('webgl', { preserveDrawingBuffer });
    if (!gl) return { unavailable: why || 'getContext returned null' };
    gl.clearColor(1, 0.5, 0, 1);
    gl.clear(gl.COLOR_BUFFER_BIT);
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const blank = allTransparent(canvas, 64, 64);
    return { blank, outcome: await message(p2p.transfer(canvas)) };
  };
  out.webglCleared = await webgl(false);
  out.webglKept = await webgl(true);

  // A video that was never played.
  const source = Object.assign(document.createElement('canvas'), { width: 64, height: 48 });
  const g = source.getContext('2d');
  g.fillStyle = '#c40';
  g.fillRect(0, 0, 64, 48);
  const video = Object.assign(document.createElement('video'), { muted: true, srcObject: source.captureStream() });
  document.body.append(video);
  g.fillRect(0, 0, 64, 48);  // a frame for the stream
  const loaded = await Promise.race([
    new Promise((resolve) => video.addEventListener('loadeddata', () => resolve(true), { once: true })),
    new Promise((resolve) => setTimeout(resolve, 3000, false)),
  ]);
  out.video = { loaded, readyState: video.readyState, paused: video.paused };
  if (video.readyState >= 2) {
    out.video.blank = allTransparent(video, video.videoWidth, video.videoHeight);
    out.video.outcome = await message(p2p.transfer(video));
  }

  // Arguments and callbacks, as sketches get them wrong.
  const calls = [];
  const thrown = [];
  window.addEventListener('error', (event) => thrown.push(event.error?.message ?? event.message));
  try {
    ml5.pix2pix('/models/pix2pix-default/model.pict', 'x');
    out.badArgument = 'accepted';
  } catch (error) {
    out.badArgument = `${error.name}: ${error.message}`;
  }
  await p2p.transfer(clean, () => {
    calls.push('called');
    throw new Error('the sketch threw');
  });
  await new Promise((resolve) => setTimeout(resolve, 50));
  out.callback = { calls, thrown };
  return out;
}

forEachEngine('page-only misuse', (context) => {
  test('tainted canvases, blank video and WebGL reads, bad arguments and throwing callbacks', { timeout: 120000 }, async () => {
    const page = await openPage(context.browser, `${context.servers.plain.url}tests/browser/page.html`);
    const out = await page.evaluate(misuse, `${other.url}tests/data/gradient.jpg`);
    const gl = out.webglCleared.unavailable
      ? `NO WEBGL HERE, its checks skipped (${out.webglCleared.unavailable.replace(/\s+/g, ' ')})`
      : `WebGL without preserveDrawingBuffer reads ${out.webglCleared.blank ? 'blank' : 'its drawing'}`;
    console.log(`[ misuse ] ${context.engine}: ${gl}; a video never played: ${JSON.stringify(out.video)}`);
    // Headless Firefox has no GL driver on a machine without a GPU; Chromium and WebKit render
    // WebGL in software, so the WebGL checks must run there.
    if (context.engine !== 'firefox') assert.equal(out.webglCleared.unavailable, undefined, 'WebGL is missing');
    assert.match(out.tainted, /^SecurityError: ml5-wasm: the image comes from another origin that does not allow reading it/);
    assert.equal(out.afterTaint, 'resolved', 'a clean input after a tainted one');
    assert.equal(out.afterTaintNew, 'resolved', 'a new model after a tainted input');
    for (const [name, { blank, outcome, unavailable }] of [['cleared WebGL', out.webglCleared], ['kept WebGL', out.webglKept]]) {
      if (unavailable) continue;
      if (blank) assert.match(outcome, /the WebGL canvas read as empty: create its context with \{preserveDrawingBuffer: true\}/, name);
      else assert.equal(outcome, 'resolved', name);
    }
    if (!out.webglKept.unavailable) assert.equal(out.webglKept.blank, false, 'preserveDrawingBuffer keeps the drawing');
    if (out.video.readyState >= 2) {
      if (out.video.blank) assert.match(out.video.outcome, /the video gave no picture: start it with video\.play\(\)/);
      else assert.equal(out.video.outcome, 'resolved');
    }
    assert.match(out.badArgument, /^TypeError: ml5-wasm: ml5\.pix2pix\(\) takes options \(an object\) and a callback/);
    assert.deepEqual(out.callback.calls, ['called']);
    assert.ok(out.callback.thrown.some((m) => m.includes('the sketch threw')), JSON.stringify(out.callback.thrown));
    await page.close();
  });
});
