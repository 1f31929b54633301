// Smoke test in every engine: a cross-origin isolated page gets the threaded variant where the
// engine gives it SharedArrayBuffer, a page without COOP/COEP the SIMD-only one; both compute the
// right convolution, and the one console note about threads names the real cause.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachEngine, isolatedVariant, openPage, plainVariant } from './engines.mjs';

forEachEngine('smoke', (context) => {
  async function runSmokePage(url) {
    const page = await openPage(context.browser, url);
    await page.waitForFunction(() => window.smokeResult !== undefined, null, { timeout: 60000 });
    const result = await page.evaluate(() => window.smokeResult);
    await page.close();
    const notes = page.console.filter((text) => text.includes('thread'));
    return { result, errors: page.errors, notes };
  }

  test('a cross-origin isolated page: threads where SharedArrayBuffer exists, right numbers', async () => {
    const { result, errors, notes } = await runSmokePage(context.servers.isolated.url);
    assert.deepEqual(errors, []);
    assert.equal(result.error, undefined);
    assert.equal(result.crossOriginIsolated, true);
    assert.equal(result.variant, isolatedVariant(context.engine));
    assert.deepEqual(result.shape, [1, 9, 7, 4]);
    assert.ok(result.maxError <= 1e-5, `max |delta| ${result.maxError}`);
    if (result.variant.endsWith('-threads')) {
      assert.ok(result.threads >= 1);
      assert.deepEqual(notes.filter((text) => !text.startsWith('ml5-wasm: using')), [], notes.join('\n'));
    } else {
      // Isolated, but the engine hides SharedArrayBuffer: the note must not blame the headers.
      assert.equal(notes.length, 1, notes.join('\n'));
      assert.match(notes[0], /cross-origin isolated, but this browser gives it no SharedArrayBuffer/);
      assert.doesNotMatch(notes[0], /Serve this page with the headers/);
    }
  });

  test('a page without COOP/COEP falls back to a variant without threads, with the same numbers', async () => {
    const { result, errors, notes } = await runSmokePage(context.servers.plain.url);
    assert.deepEqual(errors, []);
    assert.equal(notes.length, 1, notes.join('\n'));
    assert.match(notes[0], /^ml5-wasm: running on 1 thread\. Serve this page with the headers "Cross-Origin-Opener-Policy: same-origin" and "Cross-Origin-Embedder-Policy: require-corp"/);
    assert.equal(result.error, undefined);
    assert.equal(result.crossOriginIsolated, false);
    assert.equal(result.variant, plainVariant(context.engine));
    assert.equal(result.threads, 1);
    assert.ok(result.maxError <= 1e-5, `max |delta| ${result.maxError}`);
  });

  test('a variant without threads chosen by ml5.setWasmVariant() on a page that has them says so', async () => {
    const page = await openPage(context.browser, `${context.servers.isolated.url}tests/browser/page.html`);
    const out = await page.evaluate(async () => {
      const threads = typeof SharedArrayBuffer === 'function' && crossOriginIsolated;
      ml5.setWasmVariant('wasm-simd');
      const info = await ml5.backendInfo();
      ml5.setWasmVariant(null);
      return { threads, variant: info.variant, note: info.threadsNote };
    });
    assert.deepEqual(page.errors, []);
    assert.equal(out.variant, 'wasm-simd');
    if (out.threads) assert.equal(out.note, 'running on 1 thread: ml5.setWasmVariant() chose wasm-simd');
    else assert.match(out.note, /cross-origin isolated, but this browser gives it no SharedArrayBuffer/);
    await page.close();
  });
});
