// Writes tests/data/malformed/: model files that lie in every way the loaders must survive,
// and cases.json, which names each case, what loads it, and a fragment its error must contain.
// tests/js/malformed.test.mjs runs every case through the promise and the callback.
//   node tests/data/make-malformed.mjs
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codes, part, pict, quantizationIndex as index, unetEntries, weightCount as count } from './pict-builder.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'malformed');
const cvaeModel = join(here, '../../models/cvae-fashion-mnist');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const cases = [];

// ---- pix2pix .pict files.
function pictCase(name, bytes, expect, what) {
  writeFileSync(join(out, name), bytes);
  cases.push({ name, load: 'pix2pix', model: name, expect, what });
}

const valid = pict(unetEntries(1));
pictCase('empty.pict', Buffer.alloc(0), 'truncated before the shape list', 'an empty file');
pictCase('two-bytes.pict', Buffer.from([0, 0]), 'truncated before the shape list', 'a file cut inside the first length');
pictCase('truncated.pict', valid.subarray(0, valid.length >> 1), 'bytes but only', 'a valid file cut in half');
pictCase('lying-first-length.pict', Buffer.concat([Buffer.from([0x7f, 0, 0, 0]), valid.subarray(4)]), 'claims 2130706432 bytes', 'a shape-list length far past the end');
pictCase('invalid-json.pict', Buffer.concat([part('[{"name": "a", "shape": [1'), part(index()), part('')]), 'not valid JSON', 'a shape list that is not JSON');
pictCase('json-object.pict', Buffer.concat([part('{"name": "a"}'), part(index()), part('')]), 'expected an array', 'a shape list that is an object, not an array');
pictCase('json-empty-array.pict', Buffer.concat([part('[]'), part(index()), part('')]), 'shape list is empty', 'no entries at all');
pictCase('missing-parts.pict', part(JSON.stringify(unetEntries(1))), 'truncated before the quantization index', 'only the first of three parts');
pictCase('negative-dimension.pict', Buffer.concat([part('[{"name": "a", "shape": [4, -4]}]'), part(index()), part('')]), 'negative dimension -4', 'a negative dimension');
pictCase('zero-dimension.pict', Buffer.concat([part('[{"name": "a", "shape": [0, 3]}]'), part(index()), part('')]), 'must be positive', 'a zero dimension');
pictCase('overflowing-dimension.pict', Buffer.concat([part('[{"name": "a", "shape": [4294967296, 4294967296, 4294967296]}]'), part(index()), part('')]), 'exceeds the limit', 'dimensions whose product overflows 64 bits');
pictCase('too-many-weights.pict', Buffer.concat([part(JSON.stringify(Array.from({ length: 9 }, (_, i) => ({ name: `w${i}`, shape: [4096, 4096] })))), part(index()), part('')]), 'more than', 'entries that add up past the weight limit');
pictCase('not-a-unet.pict', pict([{ name: 'a', shape: [2, 3] }]), 'is this a pix2pix .pict file?', 'a valid .pict of some other network');
const wrongShape = unetEntries(1).map((e) => e.name === 'generator/encoder_2/conv2d/kernel' ? { ...e, shape: [4, 4, 2, 1] } : e);
pictCase('shape-mismatch.pict', pict(wrongShape), "expected [4, 4, 1, 2] for ngf=1", 'a kernel whose shape does not fit the ngf');
const missing = unetEntries(1).filter((e) => e.name !== 'generator/decoder_3/conv2d_transpose/bias');
pictCase('missing-variable.pict', pict(missing), "'generator/decoder_3/conv2d_transpose/bias' is missing", 'a U-Net without one bias');
pictCase('duplicate-entry.pict', pict([...unetEntries(1), unetEntries(1)[0]]), 'appears twice', 'an entry listed twice');
pictCase('short-index.pict', pict(unetEntries(1), { indexBytes: index().subarray(0, 1016) }), 'index has 1016 bytes, expected 1024', 'a quantization index 8 bytes short');
pictCase('short-encoded-part.pict', pict(unetEntries(1), { codeBytes: codes(count(unetEntries(1)) - 1) }), 'but the shapes need', 'one weight code missing');
pictCase('nan-weights.pict', pict(unetEntries(1), { indexBytes: index((i) => (i === 7 ? NaN : i / 256)) }), 'NaN or infinity', 'a NaN among the weight values');
pictCase('infinite-weights.pict', pict(unetEntries(1), { indexBytes: index((i) => (i === 200 ? -Infinity : i / 256)) }), 'NaN or infinity', 'an infinite weight value');
const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f1ad0b0000000049454e44ae426082', 'hex');
pictCase('png-renamed.pict', png, 'a PNG image, not a .pict', 'a PNG file renamed .pict');
pictCase('html-page.pict', Buffer.from('<!DOCTYPE html><html><body>Not found</body></html>'), 'looks like an HTML page', 'an HTML error page served as the model');
pictCase('random-bytes.pict', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24)), 'claims', 'random bytes');

// ---- CVAE model folders: manifest.json, model/model.json, model/group1-shard1of1.bin.
const manifest = JSON.parse(readFileSync(join(cvaeModel, 'manifest.json'), 'utf8'));
const modelJson = JSON.parse(readFileSync(join(cvaeModel, 'model/model.json'), 'utf8'));
const shard = readFileSync(join(cvaeModel, 'model/group1-shard1of1.bin'));

// Every case's files sit side by side in malformed/cvae/ (shards must stay next to their
// model.json): <case>.manifest.json, <case>.model.json, and weights.bin or <case>.bin.
function cvaeCase(name, expect, what, { manifestText, model = modelJson, modelText, weights = shard } = {}) {
  const folder = join(out, 'cvae');
  mkdirSync(folder, { recursive: true });
  const shardFile = weights === shard ? 'weights.bin' : `${name}.bin`;
  if (modelText === undefined) {
    model = structuredClone(model);
    if (model.weightsManifest) model.weightsManifest[0].paths = [shardFile];
  }
  writeFileSync(join(folder, `${name}.manifest.json`), manifestText ?? JSON.stringify({ ...manifest, model: `${name}.model.json` }));
  writeFileSync(join(folder, `${name}.model.json`), modelText ?? JSON.stringify(model));
  if (weights && weights !== shard) writeFileSync(join(folder, shardFile), weights);
  cases.push({ name, load: 'cvae', model: `cvae/${name}.manifest.json`, expect, what });
}
mkdirSync(join(out, 'cvae'), { recursive: true });
writeFileSync(join(out, 'cvae/weights.bin'), shard);
const edit = (change) => { const copy = structuredClone(modelJson); change(copy); return copy; };
const weightSpecs = (m) => m.weightsManifest[0].weights;

cvaeCase('cvae-manifest-invalid-json', 'not valid JSON', 'a manifest that is not JSON', { manifestText: '{"model": ' });
cvaeCase('cvae-manifest-not-object', 'expected an object', 'a manifest that is an array', { manifestText: '["model.json"]' });
cvaeCase('cvae-manifest-no-model', 'missing "model"', 'a manifest without its model path', { manifestText: JSON.stringify({ labels: manifest.labels }) });
cvaeCase('cvae-manifest-no-labels', 'missing "labels"', 'a manifest without labels', { manifestText: JSON.stringify({ model: 'cvae-manifest-no-labels.model.json' }) });
cvaeCase('cvae-manifest-label-not-string', 'expected a string', 'a label that is a number', { manifestText: JSON.stringify({ model: 'cvae-manifest-label-not-string.model.json', labels: [...manifest.labels.slice(0, 9), 7] }) });
cvaeCase('cvae-label-count-mismatch', 'labels', 'five labels for a ten-label model', { manifestText: JSON.stringify({ model: 'cvae-label-count-mismatch.model.json', labels: manifest.labels.slice(0, 5) }) });
cvaeCase('cvae-model-invalid-json', 'not valid JSON', 'a model.json that is not JSON', { modelText: '{"modelTopology": [' });
cvaeCase('cvae-model-no-topology', 'modelTopology', 'a model.json without its topology', { model: edit((m) => delete m.modelTopology) });
cvaeCase('cvae-unknown-layer', 'Conv3D', 'a layer class the loader does not know', { model: edit((m) => { m.modelTopology.config.layers[3].class_name = 'Conv3D'; }) });
cvaeCase('cvae-unknown-dtype', 'float64', 'a weight dtype the loader does not know', { model: edit((m) => { weightSpecs(m)[0].dtype = 'float64'; }) });
// dense/bias (784 floats) follows dense/kernel (26 x 784) in the shard: drop both its entry and its bytes.
const biasAt = 26 * 784 * 4;
cvaeCase('cvae-missing-weight', "layer 'dense' (Dense): weight 'bias' is missing", 'a model without one of its weights', {
  model: edit((m) => { m.weightsManifest[0].weights = weightSpecs(m).filter((w) => w.name !== 'dense/bias'); }),
  weights: Buffer.concat([shard.subarray(0, biasAt), shard.subarray(biasAt + 784 * 4)]),
});
cvaeCase('cvae-negative-weight-shape', 'dense/kernel', 'a weight shape with a negative dimension', { model: edit((m) => { weightSpecs(m)[0].shape = [-26, 784]; }) });
cvaeCase('cvae-missing-shard', 'cvae-missing-shard.bin', 'a weight shard that is not there', { weights: null });
cvaeCase('cvae-short-shard', 'bytes', 'a weight shard cut short', { weights: shard.subarray(0, shard.length - 100) });
const nanShard = Buffer.from(shard);
nanShard.writeFloatLE(NaN, 40);
cvaeCase('cvae-nan-weights', 'NaN or infinity', 'a NaN in the float weights', { weights: nanShard });
cvaeCase('cvae-png-as-model-json', 'not valid JSON', 'a PNG served as model.json', { modelText: png.toString('latin1') });

writeFileSync(join(out, 'cases.json'), JSON.stringify(cases, null, 1) + '\n');
console.log(`wrote ${cases.length} cases to ${out}`);
