// The demo that `npm start` serves (web/start.html), driven as a user would: the default model
// colours the example drawing, drawing updates the output live, a bad uploaded .pict shows its
// error and keeps the model, a good one replaces it; the CVAE strips fill in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { forEachEngine, isolatedVariant, openPage } from './engines.mjs';

const file = (path) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

forEachEngine('demo', (context) => {
  test('the demo draws, transfers live, loads uploaded models and shows timings', { timeout: 120000 }, async () => {
    const page = await openPage(context.browser, context.servers.isolated.url);
    await page.waitForFunction(() => /ready in \d+ ms/.test(document.querySelector('#p2p-status').textContent) &&
      document.querySelector('#p2p-output').src.startsWith('blob:'), undefined, { timeout: 60000 });
    assert.equal(await page.evaluate(() => document.querySelector('#p2p-progress').value), 1);
    const variant = isolatedVariant(context.engine);
    assert.match(await page.evaluate(() => document.querySelector('#backend').textContent),
      new RegExp(`ml5-wasm 0\\.1\\.0 · ${variant} · \\d+ threads?`));
    await page.waitForFunction((variant) => new RegExp(`^transfer: [\\d.]+ ms \\(ngf 8, ${variant}`).test(document.querySelector('#p2p-time').textContent), variant);

    // A stroke across the canvas: the output follows.
    const before = await page.evaluate(() => document.querySelector('#p2p-output').src);
    const box = await page.boundingBox('#p2p-input');
    await page.mouse.move(box.x + 30, box.y + 240);
    await page.mouse.down();
    for (let x = 30; x <= 230; x += 10) await page.mouse.move(box.x + x, box.y + 240);
    await page.mouse.up();
    await page.waitForFunction((src) => document.querySelector('#p2p-output').src !== src, before);

    // A PNG renamed .pict: its error, and the default model keeps working.
    await page.setInputFiles('#p2p-file', file('tests/data/malformed/png-renamed.pict'));
    await page.waitForFunction(() => /a PNG image, not a \.pict model/.test(document.querySelector('#p2p-status').textContent));
    await page.click('#p2p-clear');
    await page.waitForFunction(() => /^transfer: /.test(document.querySelector('#p2p-time').textContent));
    // A good uploaded model replaces it.
    await page.setInputFiles('#p2p-file', file('models/pix2pix-default/model.pict'));
    await page.waitForFunction(() => /model\.pict ready in \d+ ms \(ngf 8\)/.test(document.querySelector('#p2p-status').textContent));

    await page.waitForFunction(() => document.querySelectorAll('#cvae-batch img').length === 8 &&
      document.querySelectorAll('#cvae-walk img').length === 8);
    assert.match(await page.evaluate(() => document.querySelector('#cvae-time').textContent), new RegExp(`16 images in [\\d.]+ ms \\(${variant}`));
    await page.waitForFunction(() => window.smokeResult !== undefined);
    assert.ok((await page.evaluate(() => window.smokeResult.maxError)) <= 1e-5);
    assert.deepEqual(page.errors, []);
    await page.close();
  });
});
