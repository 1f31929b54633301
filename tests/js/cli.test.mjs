// The command line (bin/ml5-wasm.mjs): valid PNGs out, the same seed the same bytes, timings on
// stderr, and a non-zero exit with a clear message on bad arguments and inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ml5 from 'ml5-wasm';

const cli = fileURLToPath(new URL('../../bin/ml5-wasm.mjs', import.meta.url));
const temp = mkdtempSync(join(tmpdir(), 'ml5-wasm-cli-'));
const defaultPict = fileURLToPath(new URL('../../models/pix2pix-default/model.pict', import.meta.url));
const run = (...args) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60000 });

test('cvae writes N images of a label side by side; a seed makes it repeatable', async () => {
  const out = join(temp, 'trousers.png'), again = join(temp, 'again.png');
  const first = run('cvae', 'trouser', '-n', '3', '--seed', '7', '-o', out);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stderr, /loaded the default CVAE in [\d.]+ ms/);
  assert.match(first.stderr, /generated 3 x 'trouser' in [\d.]+ ms/);
  const image = await ml5.decodeImage(readFileSync(out));
  assert.deepEqual([image.width, image.height], [84, 28]);
  assert.ok(image.data.some((v, i) => i % 4 !== 3 && v > 0), 'the strip is black');
  assert.equal(run('cvae', 'trouser', '-n', '3', '--seed', '7', '-o', again).status, 0);
  assert.deepEqual(readFileSync(again), readFileSync(out));
});

test('cvae puts 32 images to a row: -n 4096 makes a sheet that PNG can hold', async () => {
  const out = join(temp, 'many.png');
  const result = run('cvae', 'bag', '-n', '4096', '--seed', '1', '-o', out);
  assert.equal(result.status, 0, result.stderr);
  const image = await ml5.decodeImage(readFileSync(out));
  assert.deepEqual([image.width, image.height], [32 * 28, 128 * 28]);
});

test('pix2pix transfers a PNG into a PNG of the same size', async () => {
  const input = join(temp, 'in.png'), out = join(temp, 'out.png');
  const rgba = Uint8Array.from({ length: 300 * 200 * 4 }, (_, i) => (i % 4 === 3 ? 255 : (i * 13) & 0xff));
  writeFileSync(input, await ml5.encodePng(rgba, 300, 200));
  const result = run('pix2pix', input, '-o', out);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stderr, /transferred .*in\.png \(300x200\) in [\d.]+ ms/);
  const image = await ml5.decodeImage(readFileSync(out));
  assert.deepEqual([image.width, image.height], [300, 200]);
});

test('compact writes the smaller file that ml5.pix2pix() loads, and refuses one under 40 dB', async () => {
  const out = join(temp, 'model.compact.pict');
  const result = run('compact', defaultPict, '-o', out);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stderr, /862137 -> \d+ bytes \(7\d\.\d%\)/);
  const db = Number(result.stderr.match(/its output is ([\d.]+) dB PSNR from the \.pict's/)?.[1]);
  assert.ok(db >= 40, result.stderr);
  const model = await ml5.pix2pix(new Uint8Array(readFileSync(out)));
  assert.equal(model.ngf, 8);
  model.dispose();
  // Three bits per weight are too few: nothing is written.
  const few = join(temp, 'three-bits.pict');
  const refused = run('compact', defaultPict, '--bits', '3', '--input', join(fileURLToPath(new URL('../data/', import.meta.url)), 'gradient.jpg'), '-o', few);
  assert.equal(refused.status, 1, refused.stderr);
  assert.match(refused.stderr, /on .*gradient\.jpg, its output is [\d.]+ dB PSNR/);
  assert.match(refused.stderr, /dB is below 40 dB, so .*three-bits\.pict was not written; try --bits 4/);
  assert.throws(() => readFileSync(few), /ENOENT/);
});

test('bad arguments and inputs exit non-zero and say why', () => {
  const cases = [
    [['cvae', 'unicorn', '-o', join(temp, 'x.png')], 1, /no label 'unicorn'; valid labels are: t-shirt/],
    [['pix2pix', join(temp, 'missing.png'), '-o', join(temp, 'x.png')], 1, /could not read .*missing\.png: ENOENT/],
    [['pix2pix', cli, '-o', join(temp, 'x.png')], 1, /not a PNG or JPEG image/],
    [['pix2pix', join(temp, 'in.png'), '--model', cli, '-o', join(temp, 'x.png')], 1, /ml5-wasm\.mjs: the shape list claims/],
    [['cvae', 'bag', '-n', 'many', '-o', join(temp, 'x.png')], 2, /-n must be an integer from 1 to 4096, got 'many'/],
    [['cvae', 'bag'], 2, /-o out\.png is required/],
    [['cvae', 'bag', '--colour', 'red', '-o', 'x.png'], 2, /unknown option --colour/],
    [['resize', 'x.png'], 2, /unknown command 'resize'/],
    [[], 2, /no command: cvae, pix2pix, convert or compact/],
    [['compact', defaultPict, '--size', '256', '-o', join(temp, 'x.pict')], 2, /compact takes a model, --bits, --input and -o/],
    [['compact', defaultPict, '--bits', '9', '-o', join(temp, 'x.pict')], 2, /--bits must be an integer from 1 to 8, got '9'/],
    [['compact', defaultPict], 2, /-o model\.compact\.pict is required/],
    [['cvae', 'bag', '--bits', '6', '-o', join(temp, 'x.png')], 2, /--bits and --input are options of compact/],
    [['compact', cli, '-o', join(temp, 'x.pict')], 1, /ml5-wasm\.mjs: the shape list claims/],
    [['convert', join(temp, 'a.pth'), '--size', '256', '-o', join(temp, 'x.pict')], 2, /convert takes only a checkpoint and -o/],
    [['convert', join(temp, 'a.pth')], 2, /-o model\.pict is required/],
    [['--help'], 0, /usage:/],
  ];
  for (const [args, status, message] of cases) {
    const result = run(...args);
    assert.equal(result.status, status, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message, args.join(' '));
    if (status === 2) assert.match(result.stderr, /usage:/);
  }
});
