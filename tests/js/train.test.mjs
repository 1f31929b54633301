// docs/train-your-own.md, run: models/train_pix2pix.py trains one tiny epoch on a dataset made
// here, in both layouts it reads (side-by-side A|B images; folders A/ and B/), resumes from its
// checkpoint, and ml5.pix2pix() loads and runs what it wrote.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ml5 from 'ml5-wasm';

const script = fileURLToPath(new URL('../../models/train_pix2pix.py', import.meta.url));
const candidates = process.env.PYTHON ? [process.env.PYTHON] : ['python3', '/usr/bin/python3'];
const python = candidates.find((p) => spawnSync(p, ['-c', 'import torch, PIL'], { stdio: 'ignore' }).status === 0);
if (!python) {
  console.error(`\n*** train.test.mjs: SKIPPED: no Python with PyTorch and Pillow among ${candidates.join(', ')} ` +
    '(scripts/setup.sh all installs python3-torch and python3-pil) ***\n');
}
const skip = !python;
const dir = mkdtempSync(join(tmpdir(), 'ml5-train-'));

// A w x h picture: a rectangle outline (input) or the same rectangle filled (target).
function picture(w, h, k, filled) {
  const rgba = new Uint8Array(w * h * 4).fill(255);
  const [x0, y0, x1, y1] = [10 + 7 * k, 20 + 5 * k, w - 30 - 3 * k, h - 15 - 4 * k];
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const edge = x < x0 + 3 || x >= x1 - 3 || y < y0 + 3 || y >= y1 - 3;
      if (edge || filled) rgba.set(edge ? [0, 0, 0] : [200, 40 * k, 90], (y * w + x) * 4);
    }
  }
  return rgba;
}

function train(data, extra = []) {
  const out = join(data, 'model.pict');
  const run = spawnSync(python, [script, '--data', data, '--ngf', '2', '--ndf', '2', '--batch', '2', '--out', out, ...extra],
    { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  return { out, log: run.stdout };
}

async function assertLoads(file) {
  const p2p = await ml5.pix2pix(file);
  assert.equal(p2p.ngf, 2);
  const result = await p2p.transfer({ data: picture(256, 256, 1, false), width: 256, height: 256 });
  assert.deepEqual(result.tensor.shape, [256, 256, 3]);
  assert.ok(result.tensor.data.every(Number.isFinite));
  p2p.dispose();
}

test('side-by-side A|B pairs (in train/): one epoch, then resumed to two; the library loads both', { skip }, async () => {
  const data = join(dir, 'side-by-side');
  mkdirSync(join(data, 'train'), { recursive: true });
  for (let k = 0; k < 4; k++) {
    // 512 x 256: input left, target right, as pix2pix's datasets store them.
    const pair = new Uint8Array(512 * 256 * 4);
    const [a, b] = [picture(256, 256, k, false), picture(256, 256, k, true)];
    for (let y = 0; y < 256; y++) {
      pair.set(a.subarray(y * 1024, (y + 1) * 1024), y * 2048);
      pair.set(b.subarray(y * 1024, (y + 1) * 1024), y * 2048 + 1024);
    }
    writeFileSync(join(data, 'train', `${k}.png`), await ml5.encodePng(pair, 512, 256));
  }
  const first = train(data, ['--epochs', '1']);
  assert.match(first.log, /4 pairs, 2 steps of 2 \(1 epochs\)/);
  assert.match(first.log, /trained 2 steps \(ngf=2\) in \d+ s, \d+ s per epoch; wrote .*model\.pict and .*model\.pict\.ckpt/);
  await assertLoads(first.out);
  const resumed = train(data, ['--epochs', '2', '--resume']);
  assert.match(resumed.log, /resumed from .*model\.pict\.ckpt at step 2/);
  assert.match(resumed.log, /trained 2 steps/);
  await assertLoads(resumed.out);
});

test('folders A/ and B/ of any size, trained B to A; a missing partner is named', { skip }, async () => {
  const data = join(dir, 'two-folders');
  for (const side of ['A', 'B']) mkdirSync(join(data, side), { recursive: true });
  for (let k = 0; k < 2; k++) {
    writeFileSync(join(data, 'A', `p${k}.png`), await ml5.encodePng(picture(300, 200, k, false), 300, 200));
    writeFileSync(join(data, 'B', `p${k}.png`), await ml5.encodePng(picture(300, 200, k, true), 300, 200));
  }
  const { out, log } = train(data, ['--epochs', '1', '--direction', 'BtoA']);
  assert.match(log, /2 pairs, 1 steps of 2/);
  await assertLoads(out);
  writeFileSync(join(data, 'A', 'lonely.png'), await ml5.encodePng(picture(300, 200, 0, false), 300, 200));
  const refused = spawnSync(python, [script, '--data', data, '--epochs', '1', '--out', join(data, 'x.pict')], { encoding: 'utf8' });
  assert.notEqual(refused.status, 0);
  assert.match(refused.stderr, /B has no lonely\.png \(A\/ and B\/ must hold the same file names\)/);
});
