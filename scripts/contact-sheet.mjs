// Renders a CVAE's contact sheet with the library itself: one row per label, `columns` seeds.
//   node scripts/contact-sheet.mjs [manifest] [out.png] [columns] [scale] [uniform|normal]
import { writeFileSync } from 'node:fs';
import * as ml5 from 'ml5-wasm';

const [model, out = 'docs/cvae-contact-sheet.png', columns = '10', scale = '2',
  distribution = 'uniform'] = process.argv.slice(2);
const cvae = ml5.CVAE(model);
await cvae.ready;
const cols = Number(columns), zoom = Number(scale);
const { width, height, labels } = cvae;
const W = cols * width * zoom, H = labels.length * height * zoom;
const sheet = new Uint8Array(W * H * 4);
for (let row = 0; row < labels.length; row++) {
  const images = await cvae.generateBatch(labels[row], cols, { seed: 1000 + row, distribution });
  images.forEach((image, col) => {
    for (let y = 0; y < height * zoom; y++) for (let x = 0; x < width * zoom; x++) {
      const from = ((Math.floor(y / zoom) * width) + Math.floor(x / zoom)) * 4;
      const to = (((row * height * zoom + y) * W) + col * width * zoom + x) * 4;
      sheet.set(image.raws.subarray(from, from + 4), to);
    }
  });
}
const png = await ml5.encodePng(sheet, W, H);
writeFileSync(out, png);
console.log(`wrote ${out}: ${labels.length} labels (${labels.join(', ')}) x ${cols} seeds, ${distribution} latents, ${W}x${H}`);
