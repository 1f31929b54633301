// Writes tests/data/gradient.jpg, the JPEG that tests/image_codec_test.cc decodes: a 32x24
// gradient (the same as the test's Gradient()) encoded by Chromium at quality 0.95.
//   node tests/data/make-jpeg.mjs
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
const bytes = await page.evaluate(async () => {
  const [w, h] = [32, 24];
  const canvas = new OffscreenCanvas(w, h);
  const image = new ImageData(w, h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const i = (y * w + x) * 4;
    image.data.set([Math.floor((x * 255) / w), Math.floor((y * 255) / h), 128, 255], i);
  }
  canvas.getContext('2d').putImageData(image, 0, 0);
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 });
  return Array.from(new Uint8Array(await blob.arrayBuffer()));
});
await browser.close();
writeFileSync(new URL('gradient.jpg', import.meta.url), Buffer.from(bytes));
console.log(`wrote tests/data/gradient.jpg (${bytes.length} bytes)`);
