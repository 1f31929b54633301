// The library from a CDN, as sketches load it (cdn-pages.mjs): in the p5 web editor's iframe
// without COOP/COEP, in an isolated editor's iframe, and on a sketch's own page; CVAE and pix2pix
// on the main thread, in worker mode and from the single-file build; models users bring (a Keras
// model.json, a converted PyTorch .pict) from the CDN; transferStream() on the
// camera; and what happens when a worker cannot start: a CDN without CORP under COEP, a CSP that
// forbids blob: workers, worker scripts missing. Every engine.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { forEachEngine, isolatedVariant, plainVariant } from './engines.mjs';
import { runSketch, sketchUrl, startCdnServers } from './cdn-pages.mjs';
import { CAMERA_ENGINES, fakeCameraLaunch } from './fake-camera.mjs';
import { makeKerasPix2pix } from '../js/keras-pix2pix.mjs';
import { pict, pytorchUnetEntries } from '../data/pict-builder.mjs';

const PIX2PIX_SIZE = 256;
// Models users bring, written where the CDN serves them (it serves the repository).
const TEST_MODELS = 'build/test-models/cdn/';  // its own folder: test files may run at once
before(async () => {
  const folder = fileURLToPath(new URL(`../../${TEST_MODELS}`, import.meta.url));
  await makeKerasPix2pix(`${folder}keras-pix2pix/`);
  writeFileSync(`${folder}pytorch-unet128.pict`, pict(pytorchUnetEntries(2, 7)));  // a converted unet_128, ngf 2
});

// The checks every successful models scenario passes: no error, a real picture of the right size.
function assertModels(result, label) {
  assert.equal(result.error, undefined, `${label}: ${result.error}\nwarnings: ${result.warnings?.join('\n')}`);
  const { generated, transferred, shown } = result.value;
  assert.equal(transferred.length, PIX2PIX_SIZE * PIX2PIX_SIZE * 4, label);
  assert.equal(shown, PIX2PIX_SIZE, `${label}: the result's PNG shows`);
  assert.ok(new Set(transferred).size > 20, `${label}: pix2pix gave a flat image`);
  assert.ok(generated.length > 0 && new Set(generated).size > 10, `${label}: CVAE gave a flat image`);
}

// Firefox sometimes never starts workers nested in a worker (seen once in about six runs here):
// worker mode then goes on without threads after its startTimeout, and says so. -> [whether that
// happened, the other warnings].
const STALL = /^ml5-wasm: the worker's wasm threads did not start within 15000 ms .* worker mode goes on without threads$/;
function firefoxStall(engine, workerMode, warnings) {
  const stalled = engine === 'firefox' && workerMode && warnings.some((w) => STALL.test(w));
  if (stalled) console.log('[ cdn ] firefox: the worker\'s nested threads stalled; worker mode went on without threads');
  return [stalled, warnings.filter((w) => !stalled || !STALL.test(w))];
}

const maxDifference = (a, b) => a.reduce((max, value, i) => Math.max(max, Math.abs(value - b[i])), 0);

// The variant a sketch should get: threads where its page is isolated and has SharedArrayBuffer.
const expectedVariant = (engine, result) => (result.isolated && result.sab ? isolatedVariant(engine) : plainVariant(engine));
const variantOf = (result) => result.value?.worker?.variant ?? result.info?.variant;

forEachEngine('from a CDN', (context) => {
  let origins;
  before(async () => { origins = await startCdnServers(); });
  after(() => origins?.close());

  const run = async (options) => {
    const { page, result } = await runSketch(context.browser, sketchUrl(origins, options));
    await page.close();
    return result;
  };

  test('in the p5 web editor (an iframe without COOP/COEP): main thread, worker mode and the single-file build', { timeout: 300000 }, async () => {
    const editor = { isolated: false };
    const main = await run({ editor, params: { scenario: 'models' } });
    const worker = await run({ editor, params: { scenario: 'models', worker: '1' } });
    const single = await run({ editor, build: 'single', params: { scenario: 'models' } });
    for (const [label, result] of [['main thread', main], ['worker mode', worker], ['single file', single]]) {
      assertModels(result, label);
      assert.equal(result.isolated, false, label);
      assert.deepEqual(result.warnings, [], label);
    }
    assert.equal(variantOf(main), plainVariant(context.engine));
    assert.equal(main.info.threads, 1);
    assert.match(main.info.threadsNote, /Cross-Origin-Opener-Policy/);  // says what would give threads
    assert.deepEqual(worker.value.worker, { variant: plainVariant(context.engine), threads: 1 });
    assert.deepEqual(worker.value.transferred, main.value.transferred, 'worker mode, same pixels');
    assert.deepEqual(worker.value.generated, main.value.generated, 'worker mode, same pixels');
    assert.equal(variantOf(single), 'wasm-simd');
    // Relaxed SIMD's fused multiply-adds round differently from the single file's plain SIMD.
    assert.ok(maxDifference(single.value.transferred, main.value.transferred) <= 2);
  });

  test('on an isolated site (in an isolated editor\'s iframe): threads, on the main thread and in worker mode', { timeout: 300000 }, async () => {
    const editor = { isolated: true };
    const main = await run({ editor, isolated: true, params: { scenario: 'models' } });
    const worker = await run({ editor, isolated: true, params: { scenario: 'models', worker: '1' } });
    for (const [label, result] of [['main thread', main], ['worker mode', worker]]) {
      assertModels(result, label);
      // WebKit as Debian ships it hides SharedArrayBuffer; the other three isolate the iframe.
      assert.equal(result.isolated && result.sab, context.engine !== 'webkit', `${label}: isolated with SharedArrayBuffer`);
      const [stalled, warnings] = firefoxStall(context.engine, label === 'worker mode', result.warnings);
      assert.equal(variantOf(result), stalled ? plainVariant(context.engine) : expectedVariant(context.engine, result), label);
      assert.deepEqual(warnings, [], label);
    }
    assert.deepEqual(worker.value.transferred, main.value.transferred, 'worker mode, same pixels');
  });

  test('a sketch\'s own page with setWasmPaths() to another origin, isolated and not', { timeout: 300000 }, async () => {
    const paths = `${origins.cdnMirror}dist/`;
    const isolated = await run({ isolated: true, params: { scenario: 'models', paths } });
    const plainWorker = await run({ params: { scenario: 'models', paths, worker: '1' } });
    assertModels(isolated, 'isolated, main thread');
    assertModels(plainWorker, 'not isolated, worker mode');
    assert.equal(variantOf(isolated), expectedVariant(context.engine, isolated));
    assert.equal(variantOf(plainWorker), plainVariant(context.engine));
    assert.deepEqual([isolated.warnings, plainWorker.warnings], [[], []]);
  });

  test('models users bring, from the CDN: a Keras model.json and a converted PyTorch .pict, in the editor\'s iframe and isolated', { timeout: 300000 }, async () => {
    const params = { scenario: 'userModels', models: `${origins.cdn}${TEST_MODELS}`, stack: '1' };
    const runs = {
      'editor iframe, main thread': await run({ editor: { isolated: false }, params }),
      'editor iframe, worker mode': await run({ editor: { isolated: false }, params: { ...params, worker: '1' } }),
      'isolated editor iframe, main thread': await run({ editor: { isolated: true }, isolated: true, params }),
    };
    const first = runs['editor iframe, main thread'].value;
    for (const [label, result] of Object.entries(runs)) {
      assert.equal(result.error, undefined, `${label}: ${result.error}\nwarnings: ${result.warnings?.join('\n')}`);
      assert.deepEqual(firefoxStall(context.engine, label.includes('worker'), result.warnings)[1], [], label);
      for (const [mode, worst] of Object.entries(result.value.keras)) assert.ok(worst <= 1e-4, `${label}, Keras ${mode}: max |ours - tfjs| = ${worst}`);
      assert.deepEqual([result.value.unet.sizeUnit, result.value.unet.size], [128, [256, 256]], label);  // at the drawing's size
      assert.ok(new Set(result.value.unet.raws).size > 20, `${label}: the converted unet_128 gave a flat image`);
      // Same pixels wherever the variant is the same (relaxed SIMD's fused multiply-adds round differently).
      if (variantOf(result) === variantOf(runs['editor iframe, main thread'])) assert.deepEqual(result.value.unet.raws, first.unet.raws, label);
    }
    assert.equal(runs['editor iframe, worker mode'].value.worker.variant, plainVariant(context.engine));
  });

  // Pages where a worker cannot start. The main thread goes on without threads, with a warning
  // that names the worker's file and the cause; worker mode rejects, naming its file and the cause.
  const failing = async (options) => {
    const result = await run({ isolated: true, ...options, params: { scenario: 'failures' } });
    assert.equal(result.error, undefined, result.error);
    const threads = result.isolated && result.sab;
    assert.equal(threads, context.engine !== 'webkit');
    assert.equal(result.value.transferred, PIX2PIX_SIZE * PIX2PIX_SIZE * 4, 'the main thread still transfers');
    assert.equal(result.value.info.variant, plainVariant(context.engine), 'without threads');
    // Rejected soon (the worker's error), not after a deadline, and never left pending.
    assert.ok(result.value.workerMs < 10000, `worker mode took ${result.value.workerMs} ms to fail`);
    const threadWarnings = result.warnings.filter((text) => text.includes('did not start'));
    if (!threads) assert.deepEqual(threadWarnings, []);
    else {
      assert.equal(threadWarnings.length, 1, result.warnings.join('\n'));
      assert.match(result.value.info.threadsNote, /did not start/);
    }
    return { worker: result.value.workerError, threads: threadWarnings[0] };
  };

  test('a CDN without Cross-Origin-Resource-Policy under COEP: a clear error, and no threads', { timeout: 300000 }, async () => {
    // crossorigin="anonymous" loads the script itself with CORS, which needs no CORP.
    const out = await failing({ cdn: origins.noCorp, crossorigin: true });
    assert.match(out.worker, /worker mode could not start its worker \(http:\/\/localhost:\d+\/dist\/ml5-wasm\.worker\.js\): .*"Cross-Origin-Resource-Policy: cross-origin"/);
    if (out.threads) {
      assert.match(out.threads, /threads of wasm-.*-threads did not start \(their workers run http:\/\/localhost:\d+\/dist\/ml5-wasm-.*threads\.worker\.js\): .*"Cross-Origin-Resource-Policy: cross-origin".*Going on without threads/);
    }
  });

  test('a Content-Security-Policy that forbids blob: workers: a clear error, and no threads', { timeout: 300000 }, async () => {
    const out = await failing({ csp: "worker-src 'self'" });
    assert.match(out.worker, /worker mode could not start its worker \(.*ml5-wasm\.worker\.js\): the page's Content-Security-Policy blocks it \(worker-src/);
    if (out.threads) assert.match(out.threads, /Content-Security-Policy blocks it \(worker-src.*Going on without threads/);
  });

  test('a CDN without Access-Control-Allow-Origin: an error that names the wasm file and the header', { timeout: 300000 }, async () => {
    const result = await run({ cdn: origins.noCors, params: { scenario: 'models' } });
    // The scripts load without CORS; the wasm is fetched with it.
    assert.match(result.error ?? '', /^ml5-wasm: could not load http:\/\/localhost:\d+\/dist\/ml5-wasm-(relaxed-)?simd\.wasm: its server could not be reached, or did not send the header "Access-Control-Allow-Origin: \*"/);
  });

  test('worker scripts missing on the CDN: a clear error, and no threads', { timeout: 300000 }, async () => {
    const out = await failing({ cdn: origins.noWorkers });
    assert.match(out.worker, /worker mode could not start its worker \(.*ml5-wasm\.worker\.js\): its server answered HTTP 404/);
    if (out.threads) assert.match(out.threads, /\.worker\.js\): its server answered HTTP 404.*Going on without threads/);
  });
});

forEachEngine('from a CDN, on the camera', (context) => {
  let origins;
  before(async () => { origins = await startCdnServers(); });
  after(() => origins?.close());

  test('transferStream() in the p5 web editor\'s iframe, and in worker mode on an isolated site', { timeout: 300000 }, async () => {
    for (const [label, options] of [
      ['editor iframe, main thread', { editor: { isolated: false }, params: { scenario: 'stream' } }],
      // Without threads, a second lane: a worker started from the CDN's script.
      ['editor iframe, main thread and a worker', { editor: { isolated: false }, params: { scenario: 'stream', workers: '2' } }],
      ['isolated editor iframe, worker mode', { editor: { isolated: true }, isolated: true, params: { scenario: 'stream', worker: '1' } }],
    ]) {
      const { page, result } = await runSketch(context.browser, sketchUrl(origins, options));
      await page.close();
      assert.equal(result.error, undefined, `${label}: ${result.error}`);
      assert.ok(result.value.count >= 5, `${label}: ${result.value.count} frames`);
      assert.deepEqual(result.value.errors, [], label);
      assert.deepEqual(result.value.size, [320, 240], label);  // the camera's size
      assert.equal(result.value.inOrder, true, `${label}: frames in order`);
      assert.equal(result.value.stats.lanes, options.params.workers ? 2 : 1, `${label}: lanes`);
      assert.deepEqual(firefoxStall(context.engine, !!options.params.worker, result.warnings)[1], [], label);
    }
  });
}, { only: CAMERA_ENGINES, why: 'WebKitGTK\'s MiniBrowser has no camera', launch: fakeCameraLaunch() });
