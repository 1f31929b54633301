// npm run bench:downloads: ready from a URL, the .pict against its compact form, over a network
// of 10, 40 and 80 MB/s (the bench server paces the body, ?mbps=N). In Chromium on an isolated
// page, ours with threads; the two files' loads alternate in one page, and each is freed before
// the next. Next to each, the download alone (fetch + arrayBuffer), which ready cannot beat.
//   node bench/downloads.mjs [--smoke] [--out folder]
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ml5 from '../dist/ml5-wasm.mjs';
import { ENGINES, launchEngine, openPage, startTestServer } from '../tests/browser/engines.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const out = args.includes('--out') ? args[args.indexOf('--out') + 1]
  : smoke ? mkdtempSync(join(tmpdir(), 'ml5-wasm-downloads-')) : join(root, 'bench/results');
const log = (text) => process.stderr.write(`[bench:downloads] ${text}\n`);
const SPEEDS_MBPS = smoke ? [80] : [10, 40, 80];
const LOADS = smoke ? 2 : 5;  // per file and speed, alternating

// Each model as shipped or given, and its compact form, made here into build/ (served from the
// repository root).
const made = join(root, 'build/bench-files');
mkdirSync(made, { recursive: true });
const ngf32 = join(root, '../shared/ml5-models/pix2pix/synthetic_ngf32.pict');
const models = [{ name: 'pix2pix_default', pict: 'models/pix2pix-default/model.pict', compact: 'models/pix2pix-default/model.compact.pict' }];
if (existsSync(ngf32) && !smoke) {
  writeFileSync(join(made, 'synthetic_ngf32.compact.pict'), await ml5.compactPict(new Uint8Array(readFileSync(ngf32))));
  models.push({ name: 'pix2pix_ngf32', pict: 'shared/ml5-models/pix2pix/synthetic_ngf32.pict', compact: 'build/bench-files/synthetic_ngf32.compact.pict' });
} else if (!smoke) {
  log(`${ngf32} is absent: the default model only`);
}

// In the page: loads alternate between the two URLs; ready and download medians per URL.
async function pageRow(page, urls, loads) {
  return page.evaluate(async ({ urls, loads }) => {
    const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
    const ready = urls.map(() => []), download = urls.map(() => []);
    await (await ml5.pix2pix(urls[0])).dispose();  // starts the module: not timed
    for (let i = 0; i < loads; i++) {
      for (const [k, url] of urls.entries()) {
        let start = performance.now();
        const model = await ml5.pix2pix(url);
        ready[k].push(performance.now() - start);
        model.dispose();
        start = performance.now();
        await (await fetch(url, { cache: 'no-store' })).arrayBuffer();
        download[k].push(performance.now() - start);
      }
    }
    return urls.map((url, k) => ({ ready_ms: median(ready[k]), download_ms: median(download[k]), ready_all_ms: ready[k] }));
  }, { urls, loads });
}

const server = await startTestServer({ isolated: true });
const browser = await launchEngine(ENGINES.find((e) => e.name === 'chromium'));
const rows = [];
try {
  const page = await openPage(browser, `${server.url}bench/page.html?impl=ours`);
  await page.evaluate(() => ml5.setWasmVariant('wasm-relaxed-simd-threads'));
  for (const model of models) {
    const bytes = [model.pict, model.compact].map((file) => readFileSync(join(root, file.replace(/^shared\//, '../shared/'))).length);
    for (const mbps of SPEEDS_MBPS) {
      const urls = [model.pict, model.compact].map((file) => `/${file}?mbps=${mbps}`);
      const [pict, compact] = await pageRow(page, urls, LOADS);
      const row = { model: model.name, mbps, pict_bytes: bytes[0], compact_bytes: bytes[1],
        pict_ready_ms: +pict.ready_ms.toFixed(1), compact_ready_ms: +compact.ready_ms.toFixed(1),
        pict_download_ms: +pict.download_ms.toFixed(1), compact_download_ms: +compact.download_ms.toFixed(1),
        pict_ready_all_ms: pict.ready_all_ms.map((v) => +v.toFixed(1)), compact_ready_all_ms: compact.ready_all_ms.map((v) => +v.toFixed(1)) };
      log(`${model.name} at ${mbps} MB/s: ready ${row.pict_ready_ms} ms (.pict, ${bytes[0]} B; download ${row.pict_download_ms}) ` +
        `against ${row.compact_ready_ms} ms (compact, ${bytes[1]} B; download ${row.compact_download_ms})`);
      rows.push(row);
    }
  }
} finally {
  await browser.close();
  await server.close();
}

const date = new Date().toISOString().slice(0, 10);
const lines = [`# Ready from a URL: .pict against compact (${date})`, '',
  `Chromium, isolated page, ours with relaxed SIMD and threads. The bench server paces each body at the given speed; ` +
  `the two files' loads alternate in one page, ${LOADS} each, median shown (every load in results/downloads-latest.json). ` +
  'In brackets: the download alone.', '',
  '| model | MB/s | .pict bytes | ready ms | compact bytes | ready ms | compact / .pict |', '|---|---|---|---|---|---|---|'];
for (const r of rows) {
  lines.push(`| ${r.model} | ${r.mbps} | ${r.pict_bytes} | ${r.pict_ready_ms} (${r.pict_download_ms}) | ${r.compact_bytes} | ` +
    `${r.compact_ready_ms} (${r.compact_download_ms}) | ${(r.compact_ready_ms / r.pict_ready_ms).toFixed(2)} |`);
}
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'downloads-latest.json'), `${JSON.stringify({ date, rows }, null, 1)}\n`);
writeFileSync(join(out, 'downloads-latest.md'), `${lines.join('\n')}\n`);
log(`wrote ${join(out, 'downloads-latest.md')}`);
console.log(lines.join('\n'));
