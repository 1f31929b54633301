// The demo that `npm start` serves (web/start.html), driven as a user would: the default model
// colours the example drawing, drawing updates the output live, a bad uploaded .pict shows its
// error and keeps the model, a good one replaces it; the CVAE strips fill in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { forEachEngine, isolatedVariant, openPage, plainVariant } from './engines.mjs';
import { CAMERA_ENGINES, cameraShowsPicture, fakeCameraLaunch } from './fake-camera.mjs';

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
    // In view first: a threads note above it (a busy machine calibrates to fewer threads) can
    // push the canvas past the bottom of an 800x600 window, where no pointer can reach.
    await page.evaluate(() => document.querySelector('#p2p-input').scrollIntoView({ block: 'center' }));
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
    // CVAE runs the build without threads (its calls are too short for them).
    assert.match(await page.evaluate(() => document.querySelector('#cvae-time').textContent),
      new RegExp(`16 images in [\\d.]+ ms \\(${plainVariant(context.engine)}, 1 thread\\)`));
    await page.waitForFunction(() => window.smokeResult !== undefined);
    assert.ok((await page.evaluate(() => window.smokeResult.maxError)) <= 1e-5);
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test('camera mode: the webcam as line art through the model, and back to drawing', { timeout: 120000 }, async () => {
    const page = await openPage(context.browser, `${context.servers.isolated.url}web/start.html`);
    await page.waitForFunction(() => /ready in \d+ ms/.test(document.querySelector('#p2p-status').textContent), undefined, { timeout: 60000 });
    await page.click('#p2p-camera');
    if (!CAMERA_ENGINES.includes(context.engine)) {
      // No camera here: the panel says so and stays usable.
      await page.waitForFunction(() => /^camera: /.test(document.querySelector('#p2p-status').textContent));
      assert.equal(await page.evaluate(() => document.querySelector('#p2p-live').hidden), true);
      assert.deepEqual(page.errors, []);
      await page.close();
      return;
    }
    await page.waitForFunction(() => /^camera: [\d.]+ fps, \d+ ms a frame/.test(document.querySelector('#p2p-time').textContent), undefined, { timeout: 60000 });
    const shown = await page.evaluate(() => {
      const levels = (id) => {
        const c = document.getElementById(id);
        const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        return new Set(data.filter((_, i) => i % 4 === 0)).size;
      };
      return { live: levels('p2p-live'), input: levels('p2p-input'), hidden: document.querySelector('#p2p-output').hidden };
    });
    if (cameraShowsPicture(context.engine)) {
      assert.ok(shown.live > 10, `the live output has ${shown.live} levels`);
      assert.ok(shown.input >= 2, 'the line art is not drawn on the left');
    }
    assert.equal(shown.hidden, true);
    await page.click('#p2p-camera');
    await page.waitForFunction(() => /^camera stopped after \d+ frames/.test(document.querySelector('#p2p-status').textContent));
    await page.waitForFunction(() => /^transfer: /.test(document.querySelector('#p2p-time').textContent));
    assert.equal(await page.evaluate(() => document.querySelector('#p2p-live').hidden), true);
    assert.deepEqual(page.errors, []);
    await page.close();
  });
}, { launch: fakeCameraLaunch() });
