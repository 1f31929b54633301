// Renders a pix2pix result sheet with the library itself from held-out pairs (512x256 PNGs,
// input left, target right): each cell is input | output | target at half size.
// The default model's sheet: node scripts/pix2pix-sheet.mjs models/pix2pix-default/model.pict \
//   ~/.cache/ml5-wasm/openmoji-17.0.0/test docs/pix2pix-openmoji.png 16
//   node scripts/pix2pix-sheet.mjs <model.pict> <pairs folder> <out.png> [count]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ml5 from 'ml5-wasm';

const [model, folder, out, count = '12'] = process.argv.slice(2);
const p2p = await ml5.pix2pix(model);
// Evenly spaced through the sorted held-out set, so that no one group of emoji fills the sheet.
const all = readdirSync(folder).filter((f) => f.endsWith('.png')).sort();
const files = Array.from({ length: Math.min(Number(count), all.length) },
  (_, i) => all[Math.floor((i + 0.5) * all.length / Math.min(Number(count), all.length))]);
const cell = 128, columns = 2, rows = Math.ceil(files.length / columns);
const W = columns * cell * 3, H = rows * cell;
const sheet = new Uint8Array(W * H * 4).fill(255);

// Copies a 256x256 region of an RGBA image into the sheet at half size (2x2 box filter).
function put(rgba, width, left, x0, y0) {
  for (let y = 0; y < cell; y++) for (let x = 0; x < cell; x++) for (let c = 0; c < 4; c++) {
    let sum = 0;
    for (const [dy, dx] of [[0, 0], [0, 1], [1, 0], [1, 1]]) sum += rgba[((2 * y + dy) * width + left + 2 * x + dx) * 4 + c];
    sheet[((y0 + y) * W + x0 + x) * 4 + c] = Math.round(sum / 4);
  }
}

for (const [i, file] of files.entries()) {
  const pair = await ml5.decodeImage(readFileSync(join(folder, file)));
  const input = new Uint8ClampedArray(256 * 256 * 4);
  for (let y = 0; y < 256; y++) input.set(pair.data.subarray(y * 512 * 4, y * 512 * 4 + 256 * 4), y * 256 * 4);
  const result = await p2p.transfer({ data: input, width: 256, height: 256 });
  const x0 = (i % columns) * cell * 3, y0 = Math.floor(i / columns) * cell;
  put(input, 256, 0, x0, y0);
  put(result.raws, 256, 0, x0 + cell, y0);
  put(pair.data, 512, 256, x0 + 2 * cell, y0);
}
const png = await ml5.encodePng(sheet, W, H);
writeFileSync(out, png);
console.log(`wrote ${out}: ${files.length} held-out pairs (input | output | target), ${W}x${H}`);
