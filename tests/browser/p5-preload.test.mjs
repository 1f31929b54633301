// ml5 0.x sketches with p5 loaded first: the factories are p5 preload methods, so setup() sees
// loaded models, and callbacks get no arguments, as ml5's preload wrapper did (docs/formats.md 1.2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachEngine, openPage } from './engines.mjs';
import { sharedMissing } from '../js/shared.mjs';

forEachEngine('p5 1.x preload', (context) => {
  test('CVAE in preload(): setup() runs after the model loaded', async () => {
    const page = await openPage(context.browser, `${context.servers.plain.url}tests/browser/p5-preload.html`);
    await page.waitForFunction(() => window.generated, null, { timeout: 30000 });
    const { atSetup, generated } = await page.evaluate(() => ({ atSetup: window.atSetup, generated: window.generated }));
    assert.deepEqual(page.errors, []);
    assert.deepEqual(atSetup, { cvaeLoaded: true, labels: 10, pix2pixIsInstance: null, pix2pixLoaded: null,
      callbackArguments: [0] });
    assert.deepEqual(generated, { error: null, isP5Image: true, p5ImageIsImage: true });
    await page.close();
  });

  test('pix2pix in preload() returns the instance, loaded by setup()', { skip: sharedMissing }, async () => {
    const page = await openPage(context.browser, `${context.servers.plain.url}tests/browser/p5-preload.html?pix2pix`);
    await page.waitForFunction(() => window.atSetup, null, { timeout: 30000 });
    const atSetup = await page.evaluate(() => window.atSetup);
    assert.deepEqual(page.errors, []);
    assert.equal(atSetup.pix2pixIsInstance, true);
    assert.equal(atSetup.pix2pixLoaded, true);
    assert.deepEqual(atSetup.callbackArguments.sort(), [0, 0]);
    await page.close();
  });
});
