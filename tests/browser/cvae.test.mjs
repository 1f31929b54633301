// ml5.CVAE() in every engine through the <script> bundle: results as ImageData, Blob, object URL and
// p5.Image, the reference numbers on ml5's quick_draw model, and load errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { forEachEngine, openPage, plainVariant } from './engines.mjs';
import { CVAE_REFERENCE, sharedMissing } from '../js/shared.mjs';

forEachEngine('CVAE', (context) => {
  test('quick_draw in the browser: reference numbers, ImageData, PNG Blob, blob: URL', { skip: sharedMissing }, async () => {
    const page = await openPage(context.browser, `${context.servers.isolated.url}tests/browser/page.html`);
    const bytes = readFileSync(`${CVAE_REFERENCE}octopus_seed12345b.latent.f32`);
    const latent = Array.from(new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + 64)));
    const result = await page.evaluate(async (latent) => {
      const cvae = ml5.CVAE('/shared/ml5-models/cvae/quick_draw/manifest.json');
      await cvae.ready;
      const r = await cvae.generate('octopus', { latent });
      const img = new Image();
      img.src = r.src;
      await img.decode();
      return {
        variant: cvae.backend.variant,
        raws: Array.from(r.raws),
        isImageData: r.raw instanceof ImageData,
        blobType: r.blob.type,
        src: r.src.slice(0, 5),
        decoded: [img.naturalWidth, img.naturalHeight],
        image: r.image,
        p5Image: r.p5Image,
      };
    }, latent);
    assert.deepEqual(page.errors, []);
    // CVAE's calls are too short for threads: it runs the build without, isolated or not.
    assert.equal(result.variant, plainVariant(context.engine));
    const expected = readFileSync(`${CVAE_REFERENCE}octopus_seed12345b.raws.u8`);
    let worst = 0;
    for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(result.raws[i] - expected[i]));
    assert.ok(worst <= 1, `bytes differ by ${worst}`);
    assert.equal(result.isImageData, true);
    assert.equal(result.blobType, 'image/png');
    assert.equal(result.src, 'blob:');
    assert.deepEqual(result.decoded, [28, 28]);
    assert.equal(result.image, null);
    assert.equal(result.p5Image, null);
    await page.close();
  });

  test('the default model, with p5 loaded first: result.image and result.p5Image are one p5.Image', async () => {
    const page = await openPage(context.browser, `${context.servers.isolated.url}tests/browser/page.html?p5`);
    const result = await page.evaluate(async () => {
      const cvae = ml5.CVAE();
      await cvae.ready;
      const r = await cvae.generate('bag', { seed: 1 });
      const batch = await cvae.generateBatch('bag', 3, { seed: 1 });
      return {
        labels: cvae.labels.length,
        isP5Image: r.image instanceof p5.Image,
        p5ImageIsImage: r.p5Image === r.image,
        batchP5Images: batch.filter((b) => b.p5Image instanceof p5.Image && b.p5Image === b.image).length,
        size: [r.image.width, r.image.height],
        alpha: r.image.pixels[3],
      };
    });
    assert.deepEqual(page.errors, []);
    assert.deepEqual(result, { labels: 10, isP5Image: true, p5ImageIsImage: true, batchP5Images: 3, size: [28, 28], alpha: 255 });
    await page.close();
  });

  test('a manifest that does not load rejects ready and calls the callback once', async () => {
    const page = await openPage(context.browser, `${context.servers.isolated.url}tests/browser/page.html`);
    const result = await page.evaluate(async () => {
      const calls = [];
      const cvae = ml5.CVAE('/no/such/manifest.json', (error) => calls.push(String(error && error.message)));
      const outcome = await cvae.ready.then(() => 'resolved', (error) => error.message);
      return { outcome, calls };
    });
    assert.match(result.outcome, /could not fetch .*\/no\/such\/manifest.json: HTTP 404/);
    assert.equal(result.calls.length, 1);
    assert.match(result.calls[0], /HTTP 404/);
    await page.close();
  });
});
