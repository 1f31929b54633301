// dist/ml5-wasm.single.js, for hosts where users cannot add files (the p5 web editor): a page
// served with nothing but that script generates and transfers with the default models, and
// requests no other file, in every engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import * as ml5 from 'ml5-wasm';
import { CAPTURE_HTML, forEachEngine, openPage } from './engines.mjs';

const script = readFileSync(new URL('../../dist/ml5-wasm.single.js', import.meta.url));
const PAGE = `<!doctype html>${CAPTURE_HTML}<script src="/ml5-wasm.single.js"></script><script>
window.outcome = (async () => {
  const cvae = await ml5.CVAE().ready;
  const generated = await cvae.generate('sandal', { seed: 4 });
  const canvas = Object.assign(document.createElement('canvas'), { width: 256, height: 256 });
  canvas.getContext('2d').fillRect(100, 40, 56, 176);
  const transferred = await (await ml5.pix2pix()).transfer(canvas);
  const shown = new Image();
  shown.src = transferred.src;
  await shown.decode();
  return { generated: Array.from(generated.raws), transferred: Array.from(transferred.raws),
    shown: shown.naturalWidth, info: await ml5.backendInfo() };
})().catch((error) => ({ error: error.message }));
</script>`;

forEachEngine('single file', (context) => {
  test('the single-file build runs from a page that serves nothing but itself', { timeout: 120000 }, async () => {
    const requests = [];
    const server = createServer((request, response) => {
      requests.push(request.url);
      if (request.url === '/') response.writeHead(200, { 'Content-Type': 'text/html' }).end(PAGE);
      else if (request.url === '/ml5-wasm.single.js') response.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script);
      else response.writeHead(404).end();
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const page = await openPage(context.browser, `http://127.0.0.1:${server.address().port}/`);
      const out = await page.evaluate(() => window.outcome);
      await page.close();
      assert.equal(out.error, undefined, out.error);
      assert.deepEqual(page.errors, []);
      assert.deepEqual(requests.filter((url) => url !== '/favicon.ico'), ['/', '/ml5-wasm.single.js']);
      assert.equal(out.info.variant, 'wasm-simd');
      assert.equal(out.shown, 256);
      // The same pixels as the library in Node.
      const cvae = await ml5.CVAE().ready;
      assert.deepEqual(out.generated, Array.from((await cvae.generate('sandal', { seed: 4 })).raws));
      const data = new Uint8ClampedArray(256 * 256 * 4);
      for (let y = 40; y < 216; y++) for (let x = 100; x < 156; x++) data[(y * 256 + x) * 4 + 3] = 255;
      const p2p = await ml5.pix2pix();
      assert.deepEqual(out.transferred, Array.from((await p2p.transfer({ data, width: 256, height: 256 })).raws));
    } finally {
      server.close();
    }
  });
});
