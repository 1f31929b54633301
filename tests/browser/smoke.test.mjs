// Chromium smoke test: the page served with COOP/COEP must get the threaded variant, the page
// without the headers the SIMD-only one, and both must compute the right convolution.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useChromiumAndBothServers } from './chromium.mjs';

const chromium = useChromiumAndBothServers();
const { servers } = chromium;

async function runSmokePage(url) {
  const page = await chromium.browser.newPage();
  const errors = [], console = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => console.push(message.text()));
  await page.goto(url);
  await page.waitForFunction(() => window.smokeResult !== undefined, null, { timeout: 30000 });
  const result = await page.evaluate(() => window.smokeResult);
  await page.close();
  return { result, errors, console };
}

test('a cross-origin isolated page runs the threaded variant and gets the right numbers', async () => {
  const { result, errors, console } = await runSmokePage(servers.isolated.url);
  assert.deepEqual(errors, []);
  assert.deepEqual(console.filter((text) => text.includes('thread')), []);
  assert.equal(result.error, undefined);
  assert.equal(result.crossOriginIsolated, true);
  assert.equal(result.variant, 'wasm-simd-threads');
  assert.ok(result.threads >= 1);
  assert.deepEqual(result.shape, [1, 9, 7, 4]);
  assert.ok(result.maxError <= 1e-5, `max |delta| ${result.maxError}`);
});

test('a page without COOP/COEP falls back to the SIMD-only variant with the same numbers', async () => {
  const { result, errors, console } = await runSmokePage(servers.plain.url);
  assert.deepEqual(errors, []);
  // One console line says how to get threads.
  const notes = console.filter((text) => text.includes('Cross-Origin-Embedder-Policy: require-corp'));
  assert.equal(notes.length, 1, console.join('\n'));
  assert.match(notes[0], /^ml5-wasm: running on 1 thread of \d+\. Serve this page with the headers/);
  assert.equal(result.error, undefined);
  assert.equal(result.crossOriginIsolated, false);
  assert.equal(result.variant, 'wasm-simd');
  assert.equal(result.threads, 1);
  assert.ok(result.maxError <= 1e-5, `max |delta| ${result.maxError}`);
});
