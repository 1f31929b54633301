// The module loader and the embind core in Node, for both variants.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as ml5 from 'ml5-wasm';
import { conv2dReference, floats, maxRelativeError } from './reference.mjs';

test('the variant follows cross-origin isolation in browsers, threads always in Node', () => {
  const sab = { SharedArrayBuffer };
  assert.equal(ml5.pickVariant({ ...sab, crossOriginIsolated: true }, false), 'wasm-simd-threads');
  assert.equal(ml5.pickVariant({ ...sab, crossOriginIsolated: false }, false), 'wasm-simd');
  assert.equal(ml5.pickVariant({ crossOriginIsolated: true }, false), 'wasm-simd');  // no SAB
  assert.equal(ml5.pickVariant(globalThis, true), 'wasm-simd-threads');
});

for (const variant of ['wasm-simd', 'wasm-simd-threads', 'wasm-scalar']) {
  test(`${variant}: convolutions match a plain loop`, async () => {
    const backend = await ml5.loadBackend({ variant, threads: 2 });
    assert.equal(backend.variant, variant);
    const cases = [
      { inputShape: [1, 9, 7, 3], kernelSize: [3, 3], outChannels: 4, strides: [1, 1], padding: 'same' },
      { inputShape: [1, 16, 16, 8], kernelSize: [4, 4], outChannels: 16, strides: [2, 2], padding: 'same' },
      { inputShape: [1, 10, 11, 5], kernelSize: [3, 2], outChannels: 7, strides: [2, 3], padding: 'valid' },
    ];
    for (const c of cases) {
      const args = {
        ...c,
        input: floats(c.inputShape.reduce((a, b) => a * b), 1),
        kernel: floats(c.kernelSize[0] * c.kernelSize[1] * c.inputShape[3] * c.outChannels, 2),
        bias: floats(c.outChannels, 3),
      };
      const actual = ml5.conv2d(backend, args);
      const expected = conv2dReference(args);
      assert.deepEqual(actual.shape, expected.shape);
      const error = maxRelativeError(actual.data, expected.data);
      assert.ok(error <= 1e-5, `${JSON.stringify(c)}: relative error ${error}`);
    }
  });

  test(`${variant}: bad input comes back as an Error that names the problem`, async () => {
    const backend = await ml5.loadBackend({ variant, threads: 2 });
    const m = backend.module;
    const tensor = m.Tensor.create([1, 0, 4, 3]);
    assert.ok(tensor instanceof Error);
    assert.match(tensor.message, /\[1, 0, 4, 3\]/);
    assert.throws(
      () => ml5.conv2d(backend, { input: floats(12), inputShape: [1, 2, 2, 3], kernel: floats(5),
        kernelSize: [3, 3], outChannels: 2 }),
      /conv2d: expected 54 kernel/);
    assert.throws(
      () => ml5.conv2d(backend, { input: floats(12), inputShape: [1, 2, 2, 3], kernel: floats(54),
        kernelSize: [3, 3], outChannels: 2, padding: 'valid' }),
      /smaller than the kernel/);
    assert.throws(
      () => ml5.conv2d(backend, { input: floats(12), inputShape: [1, 2, 2, 3], kernel: floats(54),
        kernelSize: [3, 3], outChannels: 2, padding: 'full' }),
      /unknown padding 'full'/);
    // The module still works afterwards.
    const ok = ml5.conv2d(backend, { input: floats(12), inputShape: [1, 2, 2, 3], kernel: floats(54),
      kernelSize: [3, 3], outChannels: 2 });
    assert.deepEqual(ok.shape, [1, 2, 2, 2]);
  });
}

// Node 20 has relaxed SIMD behind a flag: with it, a threaded load picks the relaxed-SIMD (FMA)
// variant, and a page without threads its unthreaded build; both variants' convolutions match the
// plain loop; without the flag they refuse clearly.
test('wasm-relaxed-simd(-threads): picked where relaxed SIMD validates, refused clearly where not', async () => {
  const script = `const ml5 = require('ml5-wasm');
    const { conv2dReference, floats, maxRelativeError } = require('./tests/js/reference.mjs');
    (async () => {
      const args = { input: floats(16 * 16 * 8, 1), inputShape: [1, 16, 16, 8], kernel: floats(4 * 4 * 8 * 16, 2),
        kernelSize: [4, 4], outChannels: 16, strides: [2, 2], padding: 'same', bias: floats(16, 3) };
      const error = (backend) => maxRelativeError(ml5.conv2d(backend, args).data, conv2dReference(args).data);
      const backend = await ml5.loadBackend();
      const unthreaded = await ml5.loadBackend({ variant: 'wasm-relaxed-simd' });
      console.log(JSON.stringify({ variant: backend.variant, threads: backend.threads, error: error(backend),
        pagePick: ml5.pickVariant({ crossOriginIsolated: false }, false), unthreaded: [unthreaded.variant, unthreaded.threads, error(unthreaded)] }));
    })();`;
  const cwd = new URL('../..', import.meta.url);
  const out = JSON.parse(execFileSync(process.execPath, ['--experimental-wasm-relaxed-simd', '-e', script],
    { cwd, encoding: 'utf8' }));
  assert.equal(out.variant, 'wasm-relaxed-simd-threads');
  assert.ok(out.threads >= 1);
  assert.ok(out.error <= 1e-5, `relative error ${out.error}`);
  assert.equal(out.pagePick, 'wasm-relaxed-simd');
  assert.deepEqual(out.unthreaded.slice(0, 2), ['wasm-relaxed-simd', 1]);
  assert.ok(out.unthreaded[2] <= 1e-5, `relative error ${out.unthreaded[2]}`);
  if (!WebAssembly.validate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0,
    10, 28, 1, 26, 0, 67, 0, 0, 0, 0, 253, 19, 67, 0, 0, 0, 0, 253, 19, 67, 0, 0, 0, 0, 253, 19, 253, 133, 2, 11]))) {
    assert.equal(ml5.pickVariant(globalThis, true), 'wasm-simd-threads');
    await assert.rejects(ml5.loadBackend({ variant: 'wasm-relaxed-simd-threads' }),
      /this engine lacks WebAssembly relaxed SIMD, which the wasm-relaxed-simd-threads variant needs/);
    await assert.rejects(ml5.loadBackend({ variant: 'wasm-relaxed-simd' }),
      /this engine lacks WebAssembly relaxed SIMD, which the wasm-relaxed-simd variant needs/);
  }
});

test('ml5.setWasmVariant pins the variant of models made afterwards; null picks again', async () => {
  const picked = ml5.pickVariant();
  try {
    ml5.setWasmVariant('wasm-simd');
    assert.equal(ml5.pickVariant(), 'wasm-simd');
    const pinned = await ml5.pix2pix(new URL('../../models/pix2pix-default/model.pict', import.meta.url).pathname);
    assert.equal(pinned.backend.variant, 'wasm-simd');
    assert.throws(() => ml5.setWasmVariant('wasm-simd-fast'), /unknown variant 'wasm-simd-fast' \(use wasm-simd or /);
    assert.equal(ml5.pickVariant(), 'wasm-simd', 'a rejected name leaves the pinned variant');
  } finally {
    ml5.setWasmVariant(null);
  }
  assert.equal(ml5.pickVariant(), picked);
  assert.equal((await ml5.loadBackend()).variant, picked);
});

test('wasm-simd-threads: the thread count is settable within the worker pool', async () => {
  const backend = await ml5.loadBackend({ variant: 'wasm-simd-threads', threads: 2 });
  assert.equal(backend.poolSize, 2);
  assert.equal(backend.threads, 2);
  backend.setThreads(1);
  assert.equal(backend.threads, 1);
  backend.setThreads(2);
  assert.equal(backend.threads, 2);
  assert.throws(() => backend.setThreads(3), /3 threads requested but .* started 2/);
  assert.throws(() => backend.setThreads(0), /positive integer/);
  assert.equal(backend.threads, 2);
});

test('wasm-simd: asking for threads is a clear error, and one thread keeps working', async () => {
  const backend = await ml5.loadBackend({ variant: 'wasm-simd' });
  assert.equal(backend.threads, 1);
  assert.throws(() => backend.setThreads(2), /2 threads requested but the wasm-simd variant started 1/);
  const result = backend.module.setThreads(2);
  assert.ok(result instanceof Error);
  assert.match(result.message, /could not start a thread pool of 2 threads/);
  assert.equal(backend.threads, 1);
});

test('loading the module installs no process-wide handlers in Node', () => {
  // In a fresh process: Emscripten's default glue rethrows every unhandled rejection of the app.
  const script = `const ml5 = require('ml5-wasm');
    Promise.all([ml5.loadBackend({ variant: 'wasm-simd' }), ml5.loadBackend({ variant: 'wasm-simd-threads' })])
      .then(() => console.log(JSON.stringify(['unhandledRejection', 'uncaughtException']
        .map((e) => process.listenerCount(e)))));`;
  const out = execFileSync(process.execPath, ['-e', script], { cwd: new URL('../..', import.meta.url), encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out), [0, 0]);
});

test('ml5.setThreads() / getThreads() pick the threads inference runs on, within the pool', async () => {
  const backend = await ml5.loadBackend();
  assert.equal(await ml5.setThreads(1), 1);
  assert.equal(await ml5.getThreads(), 1);
  assert.equal(backend.threads, 1);
  assert.equal(await ml5.setThreads(backend.poolSize), backend.poolSize);
  await assert.rejects(ml5.setThreads(backend.poolSize + 1), /threads requested but .* started/);
  await assert.rejects(ml5.setThreads(0), /positive integer/);
  assert.equal(await ml5.getThreads(), backend.poolSize);
});

test('without wasm SIMD the SIMD variants refuse with a message that says so, and the scalar one is picked', async () => {
  const validate = WebAssembly.validate;
  WebAssembly.validate = () => false;  // a browser from before SIMD128
  try {
    await assert.rejects(ml5.loadBackend({ variant: 'wasm-simd' }), /this browser lacks WebAssembly SIMD, which the wasm-simd variant needs \(Chrome\/Edge 91\+/);
    assert.equal(ml5.pickVariant(), 'wasm-scalar');  // the last resort
  } finally {
    WebAssembly.validate = validate;
  }
  assert.equal((await ml5.backendInfo()).simd, true);
});

test('worker mode in Node is a clear error through the promise and the callback', async () => {
  await assert.rejects(ml5.pix2pix(undefined, undefined, { worker: true }), /worker mode \(\{worker: true\}\) needs a browser with Web Workers/);
  const error = await new Promise((resolve) => ml5.CVAE(undefined, resolve, { worker: true }));
  assert.match(error.message, /needs a browser with Web Workers/);
});
