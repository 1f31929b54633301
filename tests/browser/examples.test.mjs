// web/examples/ in every engine, as a user opens them: ml5 0.x's sketches on the UMD build with
// p5 1.x (and the plain-JS ones), with COOP/COEP and without. Each must draw real pixels, with the
// variant the page allows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachEngine, isolatedVariant, openPage, plainVariant } from './engines.mjs';
import { CAMERA_ENGINES, cameraShowsPicture, fakeCameraLaunch } from './fake-camera.mjs';

// In the page: how many grey levels the red channel of a canvas region has (a blank one has 1).
function levels([selector, x, y, width, height]) {
  const canvas = document.querySelector(selector);
  const { data } = canvas.getContext('2d').getImageData(x, y, width, height);
  return new Set(data.filter((_, i) => i % 4 === 0)).size;
}

// In the page: how many pixels of a drawable are lit (CVAE) or yellow (the smiley coloured in).
function pixelCounts(selector) {
  const source = document.querySelector(selector);
  const canvas = Object.assign(document.createElement('canvas'), { width: 256, height: 256 });
  const context = canvas.getContext('2d');
  context.drawImage(source, 0, 0, 256, 256);
  const { data } = context.getImageData(0, 0, 256, 256);
  let lit = 0, yellow = 0;
  for (let i = 0; i < data.length; i += 4) {
    lit += data[i] + data[i + 1] + data[i + 2] > 60;
    yellow += data[i] > 160 && data[i + 1] > 140 && data[i + 2] < 110;
  }
  return { lit, yellow };
}

const variantOf = (page) => page.evaluate(async () => (await (ml5.wasm ?? ml5).backendInfo()).variant);

forEachEngine('examples', (context) => {
  for (const kind of ['isolated', 'plain']) {
    const variant = kind === 'isolated' ? isolatedVariant(context.engine) : plainVariant(context.engine);
    const open = async (path) => {
      const page = await openPage(context.browser, `${context.servers[kind].url}web/examples/${path}`);
      await page.evaluate(`(window.pixelCounts = ${pixelCounts}, window.levels = ${levels}, true)`);
      return page;
    };

    test(`p5 CVAE_QuickDraw: pick a label, press generate, a garment is drawn (${kind})`, { timeout: 60000 }, async () => {
      const page = await open('p5/CVAE_QuickDraw/index.html');
      await page.waitForFunction(() => document.querySelectorAll('select option').length === 10);
      await page.selectOption('select', 'trouser');
      assert.equal((await page.evaluate(pixelCounts, 'canvas')).lit, 0, 'the canvas starts black');
      await page.click('button');
      await page.waitForFunction(() => window.pixelCounts('canvas').lit > 2000, undefined, { timeout: 30000 }).catch(() => {});
      const { lit } = await page.evaluate(pixelCounts, 'canvas');
      assert.ok(lit > 2000, `only ${lit} lit pixels`);
      assert.equal(await variantOf(page), variant);
      assert.deepEqual(page.errors, []);
      await page.close();
    });

    for (const style of ['callback', 'promise']) {
      test(`p5 Pix2Pix_${style}: the drawing is coloured in, and again after drawing on it (${kind})`, { timeout: 60000 }, async () => {
        const page = await open(`p5/Pix2Pix_${style}/index.html`);
        await page.waitForFunction(() => document.querySelector('#status').textContent === 'Done!' &&
          document.querySelector('#output img')?.complete, undefined, { timeout: 30000 });
        const first = await page.evaluate(pixelCounts, '#output img');
        assert.ok(first.yellow > 5000, `the smiley has only ${first.yellow} yellow pixels`);
        const firstSrc = await page.evaluate(() => document.querySelector('#output img').src);
        // Draw a stroke on the p5 canvas; releasing the mouse transfers again.
        const box = await page.boundingBox('#canvasContainer canvas');
        await page.mouse.move(box.x + 20, box.y + 230);
        await page.mouse.down();
        for (let x = 20; x <= 236; x += 12) await page.mouse.move(box.x + x, box.y + 230 - (x % 24));
        await page.mouse.up();
        await page.waitForFunction((src) => document.querySelector('#output img')?.src !== src &&
          document.querySelector('#output img').complete, firstSrc, { timeout: 30000 });
        assert.match(await page.evaluate(() => document.querySelector('#output img').src), /^blob:/);
        assert.equal(await variantOf(page), variant);
        assert.deepEqual(page.errors, []);
        await page.close();
      });
    }

    // The README's two sketches (tests/js/docs.test.mjs checks that the README quotes them).
    test(`the README's sketches: CVAE_minimal draws a sneaker, Pix2Pix_minimal colours a drawing (${kind})`, { timeout: 60000 }, async () => {
      const cvae = await open('p5/CVAE_minimal/index.html');
      await cvae.waitForFunction(() => window.pixelCounts('canvas').lit > 2000, undefined, { timeout: 30000 }).catch(() => {});
      assert.ok((await cvae.evaluate(pixelCounts, 'canvas')).lit > 2000, 'no sneaker drawn');
      assert.deepEqual(cvae.errors, []);
      await cvae.close();

      const p2p = await open('p5/Pix2Pix_minimal/index.html');
      await p2p.waitForFunction(() => typeof pix2pix === 'object' && document.querySelector('canvas'));
      assert.equal(await p2p.evaluate(levels, ['canvas', 256, 0, 256, 256]), 1, 'the right half starts blank');
      // A face: a circle and two eyes, drawn with the mouse on the left half.
      const box = await p2p.boundingBox('canvas');
      const stroke = async (points) => {
        await p2p.mouse.move(box.x + points[0][0], box.y + points[0][1]);
        await p2p.mouse.down();
        for (const [x, y] of points.slice(1)) await p2p.mouse.move(box.x + x, box.y + y);
        await p2p.mouse.up();
      };
      await stroke(Array.from({ length: 25 }, (_, i) => [128 + 90 * Math.cos(i / 3.8), 128 + 90 * Math.sin(i / 3.8)]));
      await stroke([[100, 100], [100, 112]]);
      await stroke([[156, 100], [156, 112]]);
      await p2p.waitForFunction((region) => window.levels(region) > 10, ['canvas', 256, 0, 256, 256], { timeout: 30000 }).catch(() => {});
      const coloured = await p2p.evaluate(levels, ['canvas', 256, 0, 256, 256]);
      assert.ok(coloured > 10, `the output has ${coloured} levels of red`);
      assert.equal(await variantOf(p2p), variant);
      assert.deepEqual(p2p.errors, []);
      await p2p.close();
    });

    test(`plain-JS CVAE and Pix2Pix examples draw their results (${kind})`, { timeout: 60000 }, async () => {
      const cvae = await open('javascript/CVAE/index.html');
      await cvae.waitForFunction(() => document.querySelectorAll('#labels option').length === 10);
      await cvae.selectOption('#labels', 'sneaker');
      await cvae.click('#generate');
      await cvae.waitForFunction(() => window.pixelCounts('#canvas').lit > 2000, undefined, { timeout: 30000 }).catch(() => {});
      assert.ok((await cvae.evaluate(pixelCounts, '#canvas')).lit > 2000);
      assert.deepEqual(cvae.errors, []);
      const p2p = await open('javascript/Pix2Pix/index.html');
      await p2p.waitForFunction(() => document.querySelector('#output img')?.complete && document.querySelector('#output img').naturalWidth === 256, undefined, { timeout: 30000 });
      assert.ok((await p2p.evaluate(pixelCounts, '#output img')).yellow > 5000);
      assert.equal(await variantOf(p2p), variant);
      assert.deepEqual(p2p.errors, []);
      await cvae.close();
      await p2p.close();
    });
  }

  const noCamera = !CAMERA_ENGINES.includes(context.engine) && 'WebKitGTK\'s MiniBrowser has no fake camera';
  test('p5 Pix2Pix_webcam: the camera as line art, coloured in frame after frame', { timeout: 90000, skip: noCamera }, async () => {
    const page = await openPage(context.browser, `${context.servers.isolated.url}web/examples/p5/Pix2Pix_webcam/index.html`);
    await page.waitForFunction(() => typeof stream === 'object' && stream.stats.frames >= 10, undefined, { timeout: 60000 });
    // The canvas: camera | line art | the model's colours, 256 pixels each.
    if (cameraShowsPicture(context.engine)) {
      assert.ok((await page.evaluate(levels, ['canvas', 256, 0, 256, 256])) >= 2, 'no line art');
      assert.ok((await page.evaluate(levels, ['canvas', 512, 0, 256, 256])) > 10, 'the output is blank');
    }
    assert.ok(await page.evaluate(() => stream.stats.fps > 0));
    assert.deepEqual(page.errors, []);
    await page.close();
  });

  test('plain-JS Pix2Pix_webcam: worker mode on the camera, stopped by its button', { timeout: 90000, skip: noCamera }, async () => {
    const page = await openPage(context.browser, `${context.servers.isolated.url}web/examples/javascript/Pix2Pix_webcam/index.html`);
    await page.waitForFunction(() => /^[\d.]+ fps, \d+ ms a frame, \d+ frames dropped$/.test(document.querySelector('#rate').textContent), undefined, { timeout: 60000 });
    if (cameraShowsPicture(context.engine)) {
      assert.ok((await page.evaluate(levels, ['#output', 0, 0, 256, 256])) > 10, 'the output is blank');
      assert.ok((await page.evaluate(levels, ['#lines', 0, 0, 256, 256])) >= 2, 'no line art');
    }
    await page.click('#stop');
    await page.waitForFunction(() => /^Stopped after \d+ frames\.$/.test(document.querySelector('#status').textContent));
    assert.deepEqual(page.errors, []);
    await page.close();
  });
}, { launch: fakeCameraLaunch() });
