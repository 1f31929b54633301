// The npm package in a bundler with zero configuration: `npm pack`, install the tarball into a
// fresh Vite app made here, `vite build`, serve the build, and run a generate and a transfer in
// every engine, with COOP/COEP (threads) and without. Pixels must equal the library's in Node.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ml5 from 'ml5-wasm';
import { forEachEngine, isolatedVariant, openPage, plainVariant, startTestServer } from './engines.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'ml5-wasm-vite-'));
const app = join(temp, 'app');
let buildLog;

const MAIN = `import * as ml5 from 'ml5-wasm';
const canvas = Object.assign(document.createElement('canvas'), { width: 256, height: 256 });
canvas.getContext('2d').fillRect(64, 64, 128, 128);
window.outcome = (async () => {
  const cvae = await ml5.CVAE().ready;
  const generated = await cvae.generate('bag', { seed: 1 });
  const p2p = await ml5.pix2pix();
  const transferred = await p2p.transfer(canvas);
  const info = await ml5.backendInfo();
  return { labels: cvae.labels, generated: Array.from(generated.raws), transferred: Array.from(transferred.raws), variant: info.variant };
})().catch((error) => ({ error: error.message }));
`;

before(async () => {
  const run = (command, args, cwd) => execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const tarball = run('npm', ['pack', '--silent', '--pack-destination', temp], root).trim().split('\n').pop();
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'vite-app', private: true, type: 'module' }));
  writeFileSync(join(app, 'index.html'), '<!doctype html><html><body><script type="module" src="/main.js"></script></body></html>\n');
  writeFileSync(join(app, 'main.js'), MAIN);
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(temp, tarball), 'vite@7'], app);
  buildLog = run(join(app, 'node_modules/.bin/vite'), ['build'], app);
});
after(() => {
  rmSync(temp, { recursive: true, force: true });
});

// What the same calls give in Node.
async function expected() {
  const cvae = await ml5.CVAE().ready;
  const generated = await cvae.generate('bag', { seed: 1 });
  const data = new Uint8ClampedArray(256 * 256 * 4);
  for (let y = 64; y < 192; y++) for (let x = 64; x < 192; x++) data[(y * 256 + x) * 4 + 3] = 255;
  const transferred = await (await ml5.pix2pix()).transfer({ data, width: 256, height: 256 });
  return { generated: Array.from(generated.raws), transferred: Array.from(transferred.raws) };
}

test('vite build bundles the wasm, workers and default models with no configuration or warnings', () => {
  assert.doesNotMatch(buildLog, /externalized|warning/i, buildLog);
  const assets = readdirSync(join(app, 'dist/assets'));
  for (const pattern of [/^ml5-wasm-simd-.*\.wasm$/, /^ml5-wasm-simd-threads-.*\.wasm$/, /^ml5-wasm-relaxed-simd-threads-.*\.wasm$/, /^ml5-wasm-relaxed-simd-(?!threads-).*\.wasm$/, /^ml5-wasm-scalar-.*\.wasm$/, /^model\.compact-.*\.pict$/, /^group1-shard1of1-.*\.bin$/, /^ml5-wasm\.worker-.*\.js$/]) {
    assert.ok(assets.some((name) => pattern.test(name)), `${pattern} not in ${assets.join(', ')}`);
  }
});

forEachEngine('Vite app', (context) => {
  for (const isolated of [true, false]) {
    test(`the Vite app generates and transfers ${isolated ? 'with' : 'without'} COOP/COEP, with Node's pixels`, { timeout: 120000 }, async () => {
      const server = await startTestServer({ root: join(app, 'dist'), isolated });
      try {
        const page = await openPage(context.browser, `${server.url}index.html`);
        const out = await page.evaluate(() => window.outcome);
        assert.equal(out.error, undefined, out.error);
        assert.deepEqual(page.errors, []);
        assert.equal(out.variant, isolated ? isolatedVariant(context.engine) : plainVariant(context.engine));
        assert.equal(out.labels.length, 10);
        const want = await expected();
        assert.deepEqual(out.generated, want.generated);
        assert.deepEqual(out.transferred, want.transferred);
        await page.close();
      } finally {
        await server.close();
      }
    });
  }
});
