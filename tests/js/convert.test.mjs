// `ml5-wasm convert`: pytorch-CycleGAN-and-pix2pix U-Net generators into .pict files that
// ml5.pix2pix() loads and runs as torch does. tests/convert/make_pytorch_checkpoints.py saves
// checkpoints with that repository's module structure and key names (unet_256 and unet_128,
// batch and instance norm, with and without dropout) and torch's output for each; the CLI
// converts them, and ours must match torch within 1e-4. Broken checkpoints are refused with a
// message that names the key or says what the file is.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ml5 from 'ml5-wasm';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'bin/ml5-wasm.mjs');
const candidates = process.env.PYTHON ? [process.env.PYTHON] : ['python3', '/usr/bin/python3'];
const python = candidates.find((p) => spawnSync(p, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0);
if (!python) {
  console.error(`\n*** convert.test.mjs: SKIPPED: no Python with PyTorch among ${candidates.join(', ')} ` +
    '(scripts/setup.sh all installs python3-torch) ***\n');
}
const skip = !python;
const dir = mkdtempSync(join(tmpdir(), 'ml5-convert-'));
const convert = (name) => spawnSync(process.execPath, [cli, 'convert', join(dir, name, 'latest_net_G.pth'), '-o', join(dir, name, 'model.pict')],
  { encoding: 'utf8', env: { ...process.env, PYTHON: python } });
let cases = {};

before(() => {
  if (skip) return;
  const made = spawnSync(python, [join(root, 'tests/convert/make_pytorch_checkpoints.py'), dir], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  cases = JSON.parse(readFileSync(join(dir, 'cases.json'), 'utf8'));
});

function input(name, size) {
  const rgb = readFileSync(join(dir, name, 'input.u8'));
  const data = new Uint8ClampedArray(size * size * 4).fill(255);
  for (let i = 0; i < size * size; i++) data.set(rgb.subarray(i * 3, i * 3 + 3), i * 4);
  return { data, width: size, height: size };
}

function compare(name, result) {
  const b = readFileSync(join(dir, name, 'expected.f32'));
  const expected = new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length));
  assert.equal(result.tensor.data.length, expected.length);
  let worst = 0, squares = 0;
  for (let i = 0; i < expected.length; i++) {
    const d = Math.abs(result.tensor.data[i] - expected[i]);
    worst = Math.max(worst, d);
    squares += d * d;
  }
  return { worst, psnr: 10 * Math.log10(1 / (squares / expected.length)) };
}

const EXACT = [
  ['unet256-batch-dropout', 'unet_256, ngf 4, batch norm', 256],
  ['unet256-instance', 'unet_256, ngf 4, instance norm', 256],
  ['unet128-batch', 'unet_128, ngf 8, batch norm', 128],
  ['unet128-instance-old-dropout', 'unet_128, ngf 4, instance norm', 128],
];

for (const [name, summary, unit] of EXACT) {
  test(`${name}: converted, loaded, and within 1e-4 of torch`, { skip }, async () => {
    const converted = convert(name);
    assert.equal(converted.status, 0, converted.stderr);
    assert.match(converted.stderr, new RegExp(`wrote .*model\\.pict: ${summary}, [\\d,]+ weights, [\\d,]+ bytes; exactly`));
    const p2p = await ml5.pix2pix(join(dir, name, 'model.pict'));
    assert.equal(p2p.sizeUnit, unit);
    const { size } = cases[name];
    const result = await p2p.transfer(input(name, size));
    assert.deepEqual(result.tensor.shape, [size, size, 3]);
    const { worst } = compare(name, result);
    assert.ok(worst <= 1e-4, `max |ours - torch| = ${worst}`);
    console.log(`[ convert ] ${name}: max |ours - torch| ${worst.toExponential(1)}`);
    p2p.dispose();
  });
}

test('a unet_128 model takes working sizes in multiples of 128; ml5 models in multiples of 256', { skip }, async () => {
  if (convert('unet128-batch').status !== 0) assert.fail('conversion failed');
  const small = await ml5.pix2pix(join(dir, 'unet128-batch', 'model.pict'));
  const picture = input('unet128-batch', 128);
  assert.deepEqual((await small.transfer(picture, { size: 384 })).tensor.shape, [128, 128, 3]);
  await assert.rejects(small.transfer(picture, { size: 200 }), /options\.size must be a multiple of 128/);
  const ml5Model = await ml5.pix2pix();
  await assert.rejects(ml5Model.transfer(picture, { size: 384 }), /options\.size must be a multiple of 256/);
});

test('weights beyond 256 values are quantized as ml5 exported them; the cost is stated', { skip }, async () => {
  const converted = convert('unet256-batch-lossy');
  assert.equal(converted.status, 0, converted.stderr);
  const change = Number(/quantized to 256 levels \(mu-law\), max \|weight change\| ([\d.e-]+)/.exec(converted.stderr)?.[1]);
  assert.ok(change > 0 && change < 0.05, converted.stderr);
  const p2p = await ml5.pix2pix(join(dir, 'unet256-batch-lossy', 'model.pict'));
  const { worst, psnr } = compare('unet256-batch-lossy', await p2p.transfer(input('unet256-batch-lossy', 256)));
  console.log(`[ convert ] 256-level quantization of random weights (std 0.1): max |ours - torch| ${worst.toFixed(3)}, PSNR ${psnr.toFixed(1)} dB`);
  assert.ok(psnr > 35, `PSNR ${psnr} dB`);
});

test('checkpoints that are not a U-Net generator are refused, naming the key or what they are', { skip }, () => {
  const cases = [
    ['missing-key', /key 'model\.model\.1\.model\.5\.weight' is missing \(expected shape \[16, 4, 4, 4\]\)/],
    ['bad-shape', /key 'model\.model\.1\.model\.1\.weight' has shape \[8, 4, 3, 3\], expected \[8, 4, 4, 4\]/],
    ['extra-key', /unexpected key 'model\.model\.9\.weight'/],
    ['one-channel', /'model\.model\.0\.weight' has shape \[4, 1, 4, 4\], expected \[ngf, 3, 4, 4\] \(ml5-wasm runs RGB in and out\)/],
    ['resnet', /ResNet generator .*not a U-Net/],
    ['discriminator', /looks like a discriminator .*convert the generator/],
    ['not-a-checkpoint', /not a PyTorch checkpoint/],
    ['no-such-dir', /no-such-dir\/latest_net_G\.pth: no such file/],
  ];
  for (const [name, message] of cases) {
    const result = convert(name);
    assert.equal(result.status, 1, `${name}: ${result.stderr}`);
    assert.match(result.stderr, message, name);
  }
});

test('a .pict whose metadata names a network or depth this version does not run is refused', { skip }, async () => {
  if (convert('unet256-instance').status !== 0) assert.fail('conversion failed');
  const bytes = readFileSync(join(dir, 'unet256-instance', 'model.pict'));
  // Same-length edits of the JSON header keep every part's length right.
  for (const [from, to, message] of [
    ['"network": "pytorch-unet"', '"network": "pytorch-xnet"', /holds network 'pytorch-xnet', which this version of ml5-wasm does not run/],
    ['"levels": "8"', '"levels": "9"', /metadata 'levels' must be 5 to 8, got '9'/],
    ['"norm": "instance"', '"norm": "instancx"', /metadata 'norm' must be 'batch' or 'instance', got 'instancx'/],
    ['"shape": [0]', '"shape": [1]', /entry '__metadata__': shape must be \[0\]/],
  ]) {
    const text = bytes.toString('latin1');
    assert.ok(text.includes(from), from);
    const file = join(dir, 'edited.pict');
    writeFileSync(file, Buffer.from(text.replace(from, to), 'latin1'));
    await assert.rejects(ml5.pix2pix(file), message);
  }
});
