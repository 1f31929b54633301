#!/usr/bin/env node
// The command line: ml5's two models on files, for scripts and quick checks.
//   ml5-wasm cvae <label> [-n N] [--seed S] [--model manifest.json] -o out.png
//   ml5-wasm pix2pix <in.png|in.jpg> [--model m.pict] [--size S] -o out.png
//   ml5-wasm convert <latest_net_G.pth> -o model.pict
//   ml5-wasm compact <model.pict> [--bits B] [--input drawing.png] -o model.compact.pict
// Progress and timings go to stderr; a bad argument or input exits non-zero with a message.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as ml5 from '../dist/ml5-wasm.mjs';
import { psnr } from './psnr.mjs';

const PER_ROW = 32;  // a CVAE sheet's images per row
const MIN_PSNR_DB = 40;  // a compact model's output against its .pict's, at least
const USAGE = `usage:
  ml5-wasm cvae <label> [-n N] [--seed S] [--model manifest.json] -o out.png
      N images of <label> side by side, ${PER_ROW} to a row (default 1), from seed S (default: random)
  ml5-wasm pix2pix <in.png|in.jpg> [--model m.pict] [--size S] -o out.png
      the input transferred, same size (S: the working size, a multiple of 256, or of 128 for a unet_128)
  ml5-wasm convert <latest_net_G.pth> -o model.pict
      a pytorch-CycleGAN-and-pix2pix U-Net generator (unet_256, unet_128) as a .pict for
      ml5.pix2pix(); needs Python 3 with PyTorch (set PYTHON to choose the interpreter)
  ml5-wasm compact <model.pict> [--bits B] [--input drawing.png] -o model.compact.pict
      the model with its kernels in B bits per weight (default 6, a quarter smaller), which
      ml5.pix2pix() loads too; refused if its output differs from the .pict's by less than
      ${MIN_PSNR_DB} dB PSNR on the input (default: a drawing made here)
Without --model, the default models that ship with ml5-wasm are used.`;

class UsageError extends Error {}

function parse(argv) {
  const [command, ...rest] = argv;
  const options = { positional: [] };
  const names = { '-n': 'n', '--seed': 'seed', '--model': 'model', '-o': 'out', '--out': 'out', '--size': 'size',
    '--bits': 'bits', '--input': 'input' };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '-h' || arg === '--help') throw new UsageError('');
    if (names[arg]) {
      if (i + 1 >= rest.length) throw new UsageError(`${arg} needs a value`);
      options[names[arg]] = rest[++i];
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option ${arg}`);
    } else {
      options.positional.push(arg);
    }
  }
  if (command === '-h' || command === '--help') throw new UsageError('');
  if (!['cvae', 'pix2pix', 'convert', 'compact'].includes(command)) {
    throw new UsageError(command ? `unknown command '${command}'` : 'no command: cvae, pix2pix, convert or compact');
  }
  const what = { cvae: 'label', pix2pix: 'input image', convert: 'checkpoint (.pth)', compact: 'model (.pict)' }[command];
  if (options.positional.length !== 1) throw new UsageError(`${command} takes one ${what}`);
  if (command === 'convert' && Object.keys(options).some((key) => !['positional', 'out'].includes(key))) {
    throw new UsageError('convert takes only a checkpoint and -o');
  }
  if (command === 'compact' && Object.keys(options).some((key) => !['positional', 'out', 'bits', 'input'].includes(key))) {
    throw new UsageError('compact takes a model, --bits, --input and -o');
  }
  if (command !== 'compact' && (options.bits !== undefined || options.input !== undefined)) {
    throw new UsageError('--bits and --input are options of compact');
  }
  const outName = { convert: 'model.pict', compact: 'model.compact.pict' }[command] ?? 'out.png';
  if (!options.out) throw new UsageError(`-o ${outName} is required`);
  return { command, ...options };
}

function integer(value, name, min, max) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name} must be an integer from ${min} to ${max}, got '${value}'`);
  return n;
}

const log = (text) => process.stderr.write(`ml5-wasm: ${text}\n`);
const ms = (start) => `${(performance.now() - start).toFixed(1)} ms`;

async function cvae({ positional: [label], n = '1', seed, model, out }) {
  const count = integer(n, '-n', 1, 4096);
  const options = seed === undefined ? {} : { seed: integer(seed, '--seed', 0, 2 ** 32 - 1) };
  let start = performance.now();
  const cvae = await ml5.CVAE(model).ready;
  log(`loaded ${model ?? 'the default CVAE'} in ${ms(start)} (${cvae.labels.length} labels)`);
  start = performance.now();
  const images = await cvae.generateBatch(label, count, options);
  log(`generated ${count} x '${label}' in ${ms(start)}`);
  const { width, height } = images[0].raw;
  const columns = Math.min(count, PER_ROW), rows = Math.ceil(count / PER_ROW);
  const sheet = new Uint8Array(width * columns * height * rows * 4);
  images.forEach((image, i) => {
    const [left, top] = [(i % PER_ROW) * width, Math.floor(i / PER_ROW) * height];
    for (let y = 0; y < height; y++) {
      sheet.set(image.raws.subarray(y * width * 4, (y + 1) * width * 4), ((top + y) * width * columns + left) * 4);
    }
  });
  writeFileSync(out, await ml5.encodePng(sheet, width * columns, height * rows));
  log(`wrote ${out} (${width * columns}x${height * rows})`);
}

async function pix2pix({ positional: [input], model, size, out }) {
  const options = size === undefined ? {} : { size: integer(size, '--size', 32, 8192) };
  let start = performance.now();
  const p2p = await ml5.pix2pix(model);
  log(`loaded ${model ?? 'the default pix2pix model'} in ${ms(start)} (ngf ${p2p.ngf})`);
  start = performance.now();
  const result = await p2p.transfer(input, options);
  log(`transferred ${input} (${result.raw.width}x${result.raw.height}) in ${ms(start)}`);
  writeFileSync(out, result.blob ? Buffer.from(await result.blob.arrayBuffer()) : await ml5.encodePng(result.raws, result.raw.width, result.raw.height));
  log(`wrote ${out}`);
}

// A test drawing for models trained on sketches: black strokes on white (rings, a box, lines).
function drawing(size) {
  const rgba = new Uint8Array(size * size * 4).fill(255);
  const c = size / 2, stroke = Math.max(1.5, size / 128);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const r = Math.hypot(x - c, y - c);
      const onRing = Math.abs(r - size * 0.3) < stroke || Math.abs(r - size * 0.12) < stroke;
      const fromBoxCentre = Math.max(Math.abs(x - c * 1.3), Math.abs(y - c * 0.6));
      const onBox = fromBoxCentre < size * 0.15 && fromBoxCentre > size * 0.15 - 2 * stroke;
      const onLine = Math.abs(x - y) < stroke || Math.abs(x + 2 * y - size * 1.5) < 2 * stroke;
      if (onRing || onBox || onLine) rgba.fill(0, (y * size + x) * 4, (y * size + x) * 4 + 3);
    }
  }
  return { data: rgba, width: size, height: size };
}

async function compact({ positional: [file], bits = '6', input, out }) {
  const kernelBits = integer(bits, '--bits', 1, 8);
  const bytes = new Uint8Array(readFileSync(file));
  let start = performance.now();
  const compacted = await ml5.compactPict(bytes, { kernelBits, name: file });
  log(`compacted ${file} in ${ms(start)}: ${bytes.length} -> ${compacted.length} bytes ` +
    `(${((100 * compacted.length) / bytes.length).toFixed(1)}%)`);
  const original = await ml5.pix2pix(bytes), smaller = await ml5.pix2pix(compacted);
  const image = input ? await ml5.decodeImage(readFileSync(input)) : drawing(original.sizeUnit ?? 256);
  const [a, b] = [await original.transfer(image), await smaller.transfer(image)];
  const db = psnr(a.raws, b.raws);
  log(`on ${input ?? 'a test drawing'}, its output is ${db.toFixed(1)} dB PSNR from the .pict's`);
  if (db < MIN_PSNR_DB) {
    throw new Error(`ml5-wasm compact: ${db.toFixed(1)} dB is below ${MIN_PSNR_DB} dB, so ${out} was not written; ` +
      `try --bits ${Math.min(8, kernelBits + 1)}`);
  }
  writeFileSync(out, compacted);
  log(`wrote ${out}`);
}

// The first Python that has PyTorch: $PYTHON, else python3 on the PATH, else Debian's.
function pythonWithTorch() {
  const candidates = process.env.PYTHON ? [process.env.PYTHON] : ['python3', '/usr/bin/python3', 'python'];
  const found = candidates.find((python) => spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0);
  if (!found) {
    throw new Error(`ml5-wasm convert: needs Python 3 with PyTorch, and ${candidates.join(', ')} ` +
      `${candidates.length > 1 ? 'have' : 'has'} none (Debian: apt install python3-torch; elsewhere: pip install torch; ` +
      'or set PYTHON to an interpreter that has it)');
  }
  return found;
}

function convert({ positional: [checkpoint], out }) {
  const script = fileURLToPath(new URL('./convert-pytorch-pix2pix.py', import.meta.url));
  const run = spawnSync(pythonWithTorch(), [script, checkpoint, '-o', out], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

try {
  const args = parse(process.argv.slice(2));
  if (args.command === 'convert') convert(args);
  else await { cvae, pix2pix, compact }[args.command](args);
} catch (error) {
  if (error instanceof UsageError) {
    if (error.message) process.stderr.write(`ml5-wasm: ${error.message}\n`);
    process.stderr.write(`${USAGE}\n`);
    process.exit(error.message ? 2 : 0);
  }
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
