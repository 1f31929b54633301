// A tfjs Layers model's float32 weights as float16, half the bytes, in tfjs's own format (the
// `quantization: {dtype: 'float16'}` that tensorflowjs_converter --quantize_float16 writes, and
// that ml5-wasm and tfjs both read). The default CVAE ships so (models/cvae-fashion-mnist/
// TRAINING.md):
//   node models/float16_model.mjs models/cvae-fashion-mnist/model models/cvae-fashion-mnist/model-float16
// writes model.json and one shard into the second folder, and points the manifest.json beside
// them at the new model.json.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// IEEE 754 binary16 of a float32, rounded to nearest even, as numpy's astype(float16).
export function float16Bits(value) {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, value);
  const bits = view.getUint32(0);
  const sign = (bits >>> 16) & 0x8000, exponent = ((bits >>> 23) & 0xff) - 127 + 15;
  const mantissa = bits & 0x7fffff;
  if (((bits >>> 23) & 0xff) === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0);  // inf, NaN
  if (exponent >= 31) return sign | 0x7c00;  // too large: infinity
  const roundShift = (value32, shift) => {  // value32 >> shift, rounded to nearest even
    const kept = value32 >>> shift, rest = value32 & ((1 << shift) - 1), half = 1 << (shift - 1);
    return rest > half || (rest === half && (kept & 1)) ? kept + 1 : kept;
  };
  if (exponent <= 0) {  // a subnormal half, or zero
    if (exponent < -10) return sign;
    return sign | roundShift(mantissa | 0x800000, 14 - exponent);
  }
  return sign | roundShift((exponent << 23) | mantissa, 13);  // a carry moves into the exponent
}

// {modelJson (object), shards (Buffers, in manifest order)} -> {modelJson, shard}: every float32
// weight as float16, in one shard named group1-shard1of1.bin.
export function float16Model(modelJson, shards) {
  const all = Buffer.concat(shards);
  const weights = modelJson.weightsManifest.flatMap((group) => group.weights);
  const out = [];
  let offset = 0;
  for (const weight of weights) {
    const count = weight.shape.reduce((a, b) => a * b, 1);
    if (weight.dtype !== 'float32' || weight.quantization) {
      throw new Error(`${weight.name}: only unquantized float32 weights are converted, got ${weight.dtype}` +
        (weight.quantization ? ` quantized to ${weight.quantization.dtype}` : ''));
    }
    const halves = new Uint16Array(count);
    for (let i = 0; i < count; i++) halves[i] = float16Bits(all.readFloatLE(offset + 4 * i));
    offset += 4 * count;
    out.push(Buffer.from(halves.buffer));
  }
  if (offset !== all.length) throw new Error(`the weights take ${offset} bytes, the shards hold ${all.length}`);
  const converted = structuredClone(modelJson);
  converted.weightsManifest = [{
    paths: ['group1-shard1of1.bin'],
    weights: weights.map((w) => ({ ...w, quantization: { dtype: 'float16', original_dtype: 'float32' } })),
  }];
  return { modelJson: converted, shard: Buffer.concat(out) };
}

// The folder's model.json and shards -> the float16 model in `outFolder`; the manifest.json of
// `outFolder`'s parent, if any, then names it.
export function writeFloat16Model(folder, outFolder) {
  const modelJson = JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8'));
  const shards = modelJson.weightsManifest.flatMap((group) => group.paths).map((path) => readFileSync(join(folder, path)));
  const { modelJson: converted, shard } = float16Model(modelJson, shards);
  mkdirSync(outFolder, { recursive: true });
  writeFileSync(join(outFolder, 'model.json'), JSON.stringify(converted));
  writeFileSync(join(outFolder, 'group1-shard1of1.bin'), shard);
  const manifestPath = join(dirname(outFolder), 'manifest.json');
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    manifest.model = `${relative(dirname(outFolder), outFolder)}/model.json`;
    writeFileSync(manifestPath, JSON.stringify(manifest));
  }
  return { before: shards.reduce((n, s) => n + s.length, 0), after: shard.length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [folder, outFolder] = process.argv.slice(2);
  if (!folder || !outFolder) {
    process.stderr.write('usage: node models/float16_model.mjs <folder with model.json> <output folder>\n');
    process.exit(2);
  }
  const { before, after } = writeFloat16Model(folder, outFolder);
  process.stderr.write(`${basename(folder)}: ${before} -> ${after} bytes of weights in ${outFolder}\n`);
}
