// A third model kind added from outside the package through the registry (tests/data/toy-net,
// the route of docs/adding-a-model.md), in every engine: registered on the <script> build's
// global, it becomes ml5.ToyNet, matches its plain-loop reference, and gives p5.Images with p5.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { forEachEngine, openPage } from './engines.mjs';
import { maxRelativeError, testPicture, toyNetReference } from '../js/reference.mjs';

const weights = readFileSync(new URL('../data/toy-net/weights.bin', import.meta.url));

forEachEngine('toy model through the registry', (context) => {
  for (const withP5 of [false, true]) {
    test(`ml5.registerModel() adds ml5.ToyNet${withP5 ? ', with p5' : ''}`, async () => {
      const page = await openPage(context.browser, `${context.servers.isolated.url}tests/browser/page.html${withP5 ? '?p5' : ''}`);
      const picture = testPicture();
      const result = await page.evaluate(async (pixels) => {
        const { toyNetRow } = await import('/tests/data/toy-net/toy-net.mjs');
        ml5.registerModel(toyNetRow(ml5));
        const net = ml5.ToyNet('/tests/data/toy-net/model.json');
        await net.ready;
        const r = await net.process({ data: new Uint8ClampedArray(pixels), width: 16, height: 16 });
        let sizeError = null;
        await net.process(new ImageData(8, 8)).catch((error) => { sizeError = error.message; });
        return {
          kinds: ml5.models.map((row) => row.name),
          output: Array.from(r.tensor.data),
          raws: Array.from(r.raws),
          isImageData: r.raw instanceof ImageData,
          p5Image: typeof p5 === 'function' ? r.p5Image instanceof p5.Image && r.p5Image === r.image : r.p5Image,
          sizeError,
        };
      }, Array.from(picture.data));
      assert.deepEqual(page.errors, []);
      assert.deepEqual(result.kinds, ['CVAE', 'pix2pix', 'ToyNet']);
      const expected = toyNetReference(weights, picture.data);
      const error = maxRelativeError(result.output, expected);
      assert.ok(error <= 1e-5, `relative error ${error}`);
      for (let i = 0; i < 16 * 16 * 3; i++) {
        assert.equal(result.raws[Math.floor(i / 3) * 4 + (i % 3)], Math.round(255 * expected[i]));
      }
      assert.equal(result.isImageData, true);
      assert.equal(result.p5Image, withP5 ? true : null);
      assert.match(result.sizeError, /ToyNet takes 16x16 images, got 8x8/);
      await page.close();
    });
  }
});
