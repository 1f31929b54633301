// The browser engines that ml5's users have, behind one page interface (goto, evaluate,
// waitForFunction, click, selectOption, setInputFiles, boundingBox, mouse, errors, console),
// and the project's test servers. Which engines run: ML5_ENGINES=chromium,firefox,webkit,webkit-sab
// (default: all four).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../scripts/serve.mjs';
import { CHROMIUM, chromiumBrowser } from './engines/chromium.mjs';
import { FIREFOX, firefoxBrowser } from './engines/firefox.mjs';
import { MINIBROWSER, WEBKIT_DRIVER, XVFB, webkitBrowser } from './engines/webkit.mjs';

const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));
// The error capture that every test page carries (see engines/page-capture.js).
export const CAPTURE_HTML = `<script>${readFileSync(new URL('./engines/page-capture.js', import.meta.url), 'utf8')}</script>`;

export const ENGINES = [
  { name: 'chromium', binaries: [CHROMIUM], launch: chromiumBrowser },
  { name: 'firefox', binaries: [FIREFOX], launch: firefoxBrowser },
  // As Debian ships it: SharedArrayBuffer hidden even on isolated pages, so no threads.
  { name: 'webkit', binaries: [WEBKIT_DRIVER, MINIBROWSER, XVFB], launch: () => webkitBrowser({ sharedArrayBuffer: false }) },
  // As Safari is on isolated pages: SharedArrayBuffer on.
  { name: 'webkit-sab', binaries: [WEBKIT_DRIVER, MINIBROWSER, XVFB], launch: () => webkitBrowser({ sharedArrayBuffer: true }) },
];

const chosen = process.env.ML5_ENGINES ? process.env.ML5_ENGINES.split(',').map((name) => name.trim()) : null;
for (const name of chosen ?? []) {
  assert.ok(ENGINES.some((engine) => engine.name === name), `ML5_ENGINES: no engine '${name}'`);
}

// The names of the engines this run uses.
export function selectedEngines() {
  return ENGINES.map((engine) => engine.name).filter((name) => !chosen || chosen.includes(name));
}

// options: the engine's own launch options (chromium: {args}, firefox: {prefs}), or a function
// that makes them (called here, so that files they need are made only when an engine starts).
// A launch that fails (a browser that does not start within its driver's timeout, which CI saw
// once for Firefox on a loaded 2-core machine) is tried once more, and the first error printed.
export async function launchEngine(engine, options) {
  for (const binary of engine.binaries) {
    assert.ok(existsSync(binary), `${engine.name}: ${binary} is missing (npm test installs it)`);
  }
  const resolved = typeof options === 'function' ? options() : options;
  try {
    return await engine.launch(resolved);
  } catch (error) {
    console.error(`${engine.name} did not start (${error.message}); trying once more`);
    return engine.launch(resolved);
  }
}

// The repository root, plus ../shared under /shared/ (absent on users' machines); every HTML
// page carries the error capture.
export function startTestServer({ isolated, root }) {
  return startServer({ isolated, root, mounts: { '/shared/': SHARED }, inject: CAPTURE_HTML });
}

// Opens `url` in a new page of `browser`.
export async function openPage(browser, url) {
  const page = await browser.newPage();
  await page.goto(url);
  return page;
}

// How long one engine's part of a test file may take, launch included (tests set their own
// tighter limits too).
const ENGINE_SUITE_TIMEOUT_MS = 600000;

// Defines `suite` once per engine, in a describe block named after it. `define(context)` adds the
// tests; context.browser and context.servers ({isolated, plain}) are set before they run.
// `only` limits the suite to some engines; the others get a skipped test that says `why`.
// launch: per engine name, options for its launcher, or a function that makes them (once the
// suite starts).
export function forEachEngine(suite, define, { only, why, launch = {} } = {}) {
  for (const engine of ENGINES) {
    describe(`${suite} [${engine.name}]`, { timeout: ENGINE_SUITE_TIMEOUT_MS }, () => {
      const skip = chosen && !chosen.includes(engine.name)
        ? `not selected (ML5_ENGINES=${process.env.ML5_ENGINES})`
        : only && !only.includes(engine.name) ? why : null;
      if (skip) {
        test(`${suite} in ${engine.name}`, { skip }, () => {});
        return;
      }
      const context = { engine: engine.name, servers: {} };
      before(async () => {
        context.servers.isolated = await startTestServer({ isolated: true });
        context.servers.plain = await startTestServer({ isolated: false });
        context.browser = await launchEngine(engine, launch[engine.name]);
      });
      after(async () => {
        await context.browser?.close();
        await context.servers.isolated?.close();
        await context.servers.plain?.close();
      });
      define(context);
    });
  }
}

// What each engine gives a page on this machine, for expectations: the wasm variant on an
// isolated page. Chromium and Firefox have relaxed SIMD; WebKitGTK has not, and Debian's build
// hides SharedArrayBuffer unless told otherwise.
export function isolatedVariant(engine) {
  return { webkit: 'wasm-simd', 'webkit-sab': 'wasm-simd-threads' }[engine] ?? 'wasm-relaxed-simd-threads';
}

// ... and on a page without COOP/COEP: no threads, relaxed SIMD where the engine has it.
export function plainVariant(engine) {
  return engine.startsWith('webkit') ? 'wasm-simd' : 'wasm-relaxed-simd';
}
