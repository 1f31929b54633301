// p5 2.x, which has no preload(): `await ml5.CVAE(url).ready` and `await ml5.pix2pix(url)` in an
// async setup(), p5.Images in results (`image` and `p5Image`), p5.Graphics as input, and pixels drawn on the canvas.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachEngine, openPage } from './engines.mjs';

forEachEngine('p5 2.x', (context) => {
  test('p5 2.x: the factories are awaited in an async setup() and results draw as p5.Images', { timeout: 60000 }, async () => {
    const page = await openPage(context.browser, `${context.servers.isolated.url}tests/browser/p5-2.html`);
    await page.waitForFunction(() => window.done !== undefined, undefined, { timeout: 45000 });
    const done = await page.evaluate(() => window.done);
    assert.equal(done.error, undefined, done.error);
    assert.match(done.p5, /^2\./);
    assert.deepEqual({ ...done, p5: undefined }, { p5: undefined, labels: 10, garmentIsP5Image: true, batchIsP5Image: true, colouredIsP5Image: true, pix2pixIsInstance: true });
    // The garment (top left, on black) and the coloured circle (bottom right) are on the canvas.
    const lit = await page.evaluate(() => {
      const { data } = document.querySelector('canvas').getContext('2d').getImageData(0, 0, 256, 256);
      let garment = 0, colour = 0;
      for (let y = 0; y < 256; y++) for (let x = 0; x < 256; x++) {
        const i = (y * 256 + x) * 4;
        if (x < 128 && y < 128 && data[i] > 60) garment++;
        if (x >= 128 && y >= 128 && Math.max(data[i], data[i + 1], data[i + 2]) - Math.min(data[i], data[i + 1], data[i + 2]) > 60) colour++;
      }
      return { garment, colour };
    });
    assert.ok(lit.garment > 1000, `garment pixels: ${lit.garment}`);
    assert.ok(lit.colour > 500, `coloured pixels: ${lit.colour}`);
    assert.deepEqual(page.errors, []);
    await page.close();
  });
});
