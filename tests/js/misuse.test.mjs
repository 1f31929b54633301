// Misuse, round two (issue 30), as a table: one row per case, so the next case is one line. Each
// row is [what, call, outcome], where call(env) runs the misuse and outcome is one of
//   throws(re)      a TypeError/RangeError at once, before anything starts
//   rejects(re)     the promise rejects with an Error whose message matches
//   check(fn)       fn(value) asserts on what the call resolved to
// env holds a loaded CVAE and pix2pix, and the console.error lines the call printed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ml5 from 'ml5-wasm';
import { pict, unetEntries } from '../data/pict-builder.mjs';

const temp = mkdtempSync(join(tmpdir(), 'ml5-wasm-misuse-'));
const ngf4 = join(temp, 'ngf4.pict');
writeFileSync(ngf4, pict(unetEntries(4), { seed: 3 }));
const png = join(temp, 'in.png');
const image = { data: new Uint8ClampedArray(64 * 48 * 4).fill(200), width: 64, height: 48 };

const throws = (re) => ({ throws: re });
const rejects = (re) => ({ rejects: re });
const check = (fn) => ({ check: fn });
// A callback that records its calls, then maybe throws.
const recorder = (thrown) => {
  const calls = [];
  const callback = (...args) => {
    calls.push(args);
    if (thrown) throw new Error(thrown);
  };
  return Object.assign(callback, { calls });
};
const settle = (ms = 50) => new Promise((resolve) => setTimeout(resolve, ms));
const seedError = /a seed is an integer from 0 to 2\^32 - 1 or a string/;

const cases = [
  // Arguments: options and callback in either order; anything else is a TypeError at once.
  ['pix2pix(path, options) resolves the model', (e) => ml5.pix2pix(ngf4, {}), check((m) => assert.equal(m.ngf, 4))],
  ['pix2pix(path, options, callback) calls back once', async () => {
    const cb = recorder();
    await ml5.pix2pix(ngf4, {}, cb).ready;
    return cb.calls;
  }, check((calls) => assert.deepEqual([calls.length, calls[0][0], calls[0][1].ngf], [1, undefined, 4]))],
  ['pix2pix({options}) loads the default model', () => ml5.pix2pix({}), check((m) => assert.ok(m.ngf > 0))],
  ['CVAE(path, {onProgress}) reports a local file', async () => {
    const progress = [];
    await ml5.CVAE(undefined, { onProgress: (loaded, total) => progress.push([loaded, total]) }).ready;
    return progress;
  }, check((progress) => {
    assert.ok(progress.length >= 2, JSON.stringify(progress));
    assert.equal(progress.at(-1)[0], progress.at(-1)[1]);
  })],
  ['generate(label, callback, options) equals generate(label, options)', async (e) => {
    const viaCallback = await new Promise((resolve) => e.cvae.generate('coat', (error, r) => resolve(r), { seed: 4 }));
    return [viaCallback, await e.cvae.generate('coat', { seed: 4 })];
  }, check(([a, b]) => assert.deepEqual(Array.from(a.raws), Array.from(b.raws)))],
  ['pix2pix(path, "x")', () => ml5.pix2pix(ngf4, 'x'), throws(/ml5\.pix2pix\(\) takes options \(an object\) and a callback \(a function\), in either order; got the string 'x'/)],
  ['pix2pix(path, 5, {})', () => ml5.pix2pix(ngf4, 5, {}), throws(/got number 5/)],
  ['CVAE(42)', () => ml5.CVAE(42), throws(/ml5\.CVAE\(\)'s model is a URL or path \(a string\); got number 42/)],
  ['CVAE(bytes)', () => ml5.CVAE(new Uint8Array(4)), throws(/CVAE\(\)'s model is a URL or path/)],
  ['CVAE(callback, options, extra)', () => ml5.CVAE(() => {}, {}, {}), throws(/with the model left out, got a third argument/)],
  ['generate(label, {}, "x")', (e) => e.cvae.generate('coat', {}, 'x'), throws(/generate\(\) takes options .* got the string 'x'/)],
  ['generate(label, cb, cb)', (e) => e.cvae.generate('coat', () => {}, () => {}), throws(/got a second callback/)],
  ['transfer(image, [1])', (e) => e.p2p.transfer(image, [1]), throws(/transfer\(\) takes options .* got an array/)],
  ['transfer(image, {}, {})', (e) => e.p2p.transfer(image, {}, {}), throws(/got a second options object/)],
  ['generateBatch(label, 2, true)', (e) => e.cvae.generateBatch('coat', 2, true), throws(/generateBatch\(\) takes options .* got boolean true/)],

  // Callbacks: called exactly once; a throw is reported, the promise keeps its outcome.
  ['a callback that throws on success', async (e) => {
    const cb = recorder('oops');
    const result = await e.cvae.generate('bag', { seed: 1 }, cb);
    await settle();
    return { calls: cb.calls.length, result, printed: e.printed() };
  }, check(({ calls, result, printed }) => {
    assert.equal(calls, 1);
    assert.equal(result.label, 'bag');
    assert.match(printed.join('\n'), /your callback threw \(after the call succeeded\).*oops/s);
  })],
  ['a callback that throws on the error path; .catch() still sees the error', async (e) => {
    const cb = recorder('again');
    const caught = await e.cvae.generate('zebra', cb).catch((error) => error.message);
    await settle();
    return { calls: cb.calls.length, caught, printed: e.printed() };
  }, check(({ calls, caught, printed }) => {
    assert.equal(calls, 1);
    assert.match(caught, /no label 'zebra'/);
    assert.match(printed.join('\n'), /your callback threw \(after the call failed\).*again/s);
  })],
  ['a failed load with a callback: the callback gets the error, nothing unhandled', async () => {
    const cb = recorder();
    await ml5.pix2pix(join(temp, 'missing.pict'), cb).ready.catch(() => {});
    await settle();
    return cb.calls;
  }, check((calls) => {
    assert.equal(calls.length, 1);
    assert.match(calls[0][0].message, /could not read .*missing\.pict: ENOENT/);
  })],

  // dispose(): before ready it frees the model and ready rejects; during a call it names itself.
  ['CVAE dispose() before ready', async () => {
    const cvae = ml5.CVAE();
    cvae.dispose();
    const ready = await cvae.ready.then(() => 'resolved', (error) => error.message);
    const generated = await cvae.generate('bag').then(() => 'resolved', (error) => error.message);
    return [ready, generated, cvae.model];
  }, check(([ready, generated, model]) => {
    assert.match(ready, /this CVAE model was disposed before it was ready/);
    assert.match(generated, /disposed/);
    assert.equal(model, null);
  })],
  ['pix2pix dispose() before ready', () => {
    const p2p = ml5.pix2pix(ngf4, () => {});
    p2p.dispose();
    return p2p.ready;
  }, rejects(/this pix2pix model was disposed before it was ready/)],
  ['pix2pix dispose() while transfer() reads its file', async () => {
    const p2p = await ml5.pix2pix(ngf4);
    const pending = p2p.transfer(png);
    p2p.dispose();
    return pending;
  }, rejects(/^ml5-wasm: this pix2pix model was disposed$/)],

  // Values.
  ...[NaN, {}, [], 2 ** 32, -1, 1.5, '7'].map((seed) => [`seed ${JSON.stringify(seed) ?? String(seed)}`,
    (e) => e.cvae.generate('bag', { seed }), typeof seed === 'string' ? check((r) => assert.equal(r.label, 'bag')) : rejects(seedError)]),
  ['a latent of -3e38', (e) => e.cvae.generate('bag', { latent: Array(e.cvae.latentSize).fill(-3e38) }),
    rejects(/the latent made the network overflow/)],
  ['encodePng width 2^32 + 1', () => ml5.encodePng(new Uint8Array(4), 2 ** 32 + 1, 1), rejects(/more than the limit|at most 65535/)],
  ['encodePng bytes that do not match the size', () => ml5.encodePng(new Uint8Array(10), 2, 2), rejects(/needs 2x2x4 = 16 bytes, got 10/)],
  ['encodePng 70000 x 1', () => ml5.encodePng(new Uint8Array(70000 * 4), 70000, 1), rejects(/at most 65535 pixels a side/)],
  ['pix2pix image in Node', (e) => e.p2p.transfer(image), check((r) => {
    assert.equal(r.image, null);  // the README: an <img> in browsers, null in Node
    assert.ok(r.blob);
  })],
];

let cvae, p2p, printed = [];
const realError = console.error;
before(async () => {
  writeFileSync(png, await ml5.encodePng(new Uint8Array(64 * 48 * 4).fill(255), 64, 48));
  cvae = await ml5.CVAE().ready;
  p2p = await ml5.pix2pix(ngf4);
  console.error = (...args) => printed.push(args.map((a) => (a instanceof Error ? a.stack : String(a))).join(' '));
});
after(() => {
  console.error = realError;
});

const unhandled = [];
process.on('unhandledRejection', (reason) => unhandled.push(reason));

for (const [what, call, outcome] of cases) {
  test(what, async () => {
    printed = [];
    const env = { cvae, p2p, printed: () => printed };
    let value;
    try {
      value = call(env);
    } catch (error) {
      assert.ok(outcome.throws, `${what}: threw at once: ${error.message}`);
      assert.ok(error instanceof TypeError || error instanceof RangeError, `${what}: ${error.name}`);
      assert.match(error.message, outcome.throws);
      return;
    }
    assert.ok(!outcome.throws, `${what}: did not throw at once`);
    if (outcome.rejects) {
      await assert.rejects(Promise.resolve(value), (error) => {
        assert.ok(error instanceof Error, `${what}: rejected with ${error}`);
        assert.match(error.message, outcome.rejects);
        return true;
      });
    } else {
      outcome.check(await value);
    }
    await settle(10);
    assert.deepEqual(unhandled.map(String), [], `${what}: unhandled rejections`);
  });
}

test('sizes: an input the heap cannot hold is refused at once, by name; large buffers shrink back', async () => {
  const backend = await ml5.loadBackend();
  const solid = (side) => ({ data: new Uint8ClampedArray(side * side * 4).fill(255), width: side, height: side });
  await p2p.transfer(image);
  const before = backend.memory().inUse;
  const start = performance.now();
  await assert.rejects(p2p.transfer(solid(8000), { size: 256 }),
    /pix2pix: a 8000x8000 input at the working size 256x256 needs about [\d.]+ GB of working memory, and the wasm heap has [\d.]+ [MG]B left: make the input smaller first/);
  const refusedMs = performance.now() - start;
  await assert.rejects(p2p.transfer(image, { size: 8192 }),
    /a 64x48 input at the working size 8192x8192 needs about [\d.]+ GB .*: pass a smaller options\.size/);
  const big = await p2p.transfer(solid(3000), { size: 256 });
  assert.equal(big.raw.width, 3000);
  const after = backend.memory().inUse;
  // A large working size: the generator's buffers and XNNPACK's indirection buffers (over
  // 300 MB here) are freed once the result is out.
  const peakBefore = backend.memory().peak;
  assert.equal((await p2p.transfer(image, { size: 2048 })).raw.width, 64);
  const afterLarge = backend.memory().inUse;
  console.log(`[ misuse ] refused 8000x8000 in ${refusedMs.toFixed(0)} ms; heap in use ${(before / 2 ** 20).toFixed(1)} MB ` +
    `before a 3000x3000 transfer, ${(after / 2 ** 20).toFixed(1)} MB after; ` +
    `${(afterLarge / 2 ** 20).toFixed(1)} MB after a 2048x2048 working size (heap peak ${(peakBefore / 2 ** 20).toFixed(0)} -> ${(backend.memory().peak / 2 ** 20).toFixed(0)} MB)`);
  assert.ok(afterLarge < before + 16 * 2 ** 20, `the heap kept ${((afterLarge - before) / 2 ** 20).toFixed(0)} MB after the large working size`);
  assert.ok(refusedMs < 3000, `refused after ${refusedMs} ms`);
  assert.ok(after < before + 16 * 2 ** 20, `the heap kept ${((after - before) / 2 ** 20).toFixed(0)} MB after the large input`);
  assert.equal((await p2p.transfer(image)).raw.width, 64, 'the model works on after the refusals');
});

test('require() of the CommonJS build loads the default CVAE', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const script = "require('ml5-wasm').CVAE().ready.then((m) => m.generate('bag', { seed: 2 }))" +
    ".then((r) => console.log('ok', r.raw.width), (e) => { console.log('failed', e.message); process.exit(1); })";
  const run = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8', timeout: 60000 });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /ok 28/);
});

test('a manifest with 300,000 labels is parsed in linear time; a duplicate is named', async () => {
  const folder = mkdtempSync(join(temp, 'labels-'));
  const labels = Array.from({ length: 300000 }, (_, i) => `label${i}`);
  writeFileSync(join(folder, 'manifest.json'), JSON.stringify({ model: 'model.json', labels }));
  let start = performance.now();
  await assert.rejects(ml5.CVAE(folder).ready, /model\.json/);  // no model there: parsed, then the next file
  const parsed = performance.now() - start;
  writeFileSync(join(folder, 'manifest.json'), JSON.stringify({ model: 'model.json', labels: [...labels, 'label123'] }));
  start = performance.now();
  await assert.rejects(ml5.CVAE(folder).ready, /label 'label123' appears twice/);
  const duplicate = performance.now() - start;
  console.log(`[ misuse ] 300,000 labels: ${parsed.toFixed(0)} ms; with a duplicate: ${duplicate.toFixed(0)} ms`);
  assert.ok(parsed < 5000 && duplicate < 5000, `${parsed} ms, ${duplicate} ms`);
});
