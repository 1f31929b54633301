// One Node benchmark row, in its own process (bench/run.mjs starts it): prints one JSON line.
//   node bench/node-worker.mjs <impl> <bench> <model> <runs> [images]
// images: CVAE images per call (generateBatch), for ours; default 1 (generate).
// impl: ours (the variant comes from ML5_WASM_VARIANT; the relaxed-SIMD one needs Node's
// --experimental-wasm-relaxed-simd), paired-threads (ours threaded against ours without threads,
// alternating in this process: bench/paired-threads.js), tfjs-cpu, tfjs-wasm, ort-wasm (images:
// the .onnx file that bench/onnx-export.mjs wrote for the model).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [impl, bench, model, runsText, imagesText = '1'] = process.argv.slice(2);
const images = impl === 'ort-wasm' ? 1 : Number(imagesText);
const runs = Number(runsText);
const require = createRequire(import.meta.url);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const input = { data: new Uint8ClampedArray(256 * 256 * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 7) % 256)), width: 256, height: 256 };
const latent = Float32Array.from({ length: 16 }, (_, i) => ((i * 37) % 100) / 100);

async function time(warmups, run) {
  for (let i = 0; i < warmups; i++) await run();
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    ms.push(performance.now() - start);
  }
  return median(ms);
}

async function ours() {
  const ml5 = await import('ml5-wasm');
  const backend = await ml5.loadBackend();
  // pix2pix: ready after download is timed from the file's bytes in memory, and also from its
  // path (which adds reading the file).
  const bytes = bench === 'pix2pix' ? readFileSync(model) : null;
  const readyTimes = [], pathTimes = [];
  let instance;
  for (let i = 0; i < 7; i++) {
    instance?.dispose();
    const start = performance.now();
    instance = bench === 'pix2pix' ? await ml5.pix2pix(bytes) : await ml5.CVAE(model).ready;
    readyTimes.push(performance.now() - start);
    if (bench !== 'pix2pix') continue;
    instance.dispose();
    const fromPath = performance.now();
    instance = await ml5.pix2pix(model);
    pathTimes.push(performance.now() - fromPath);
  }
  const label = bench === 'cvae' ? instance.labels[0] : null;
  const median_ms = bench === 'pix2pix'
    ? await time(3, () => instance.transfer(input))
    : images > 1
      ? await time(20, async () => void (await instance.generateBatch(label, images, { seed: 1 })).map((r) => r.blob))
      : await time(20, async () => void (await instance.generate(label, { latent })).blob);
  return { median_ms, ready_ms: median(readyTimes.slice(1)), ...(bench === 'pix2pix' && { ready_from_url_ms: median(pathTimes.slice(1)) }),
    threads: backend.threads, variant: backend.variant, heap_peak: backend.memory().peak };
}

async function tfjs(backendName) {
  const tf = require('@tensorflow/tfjs');
  if (backendName === 'wasm') require('@tensorflow/tfjs-backend-wasm');
  await tf.setBackend(backendName);
  await tf.ready();
  const T = require('./tfjs-ml5.js');
  if (bench === 'pix2pix') {
    const bytes = readFileSync(model);
    const start = performance.now();
    const variables = T.pictVariables(tf, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    const ready_ms = performance.now() - start;
    const median_ms = await time(1, async () => {
      const out = T.pix2pixTransfer(tf, variables, input);
      T.pix2pixPixels(await out.data());
      out.dispose();
    });
    return { median_ms, ready_ms };
  }
  const { PNG } = require('pngjs');
  const fetchJson = async (url) => JSON.parse(readFileSync(new URL(url)));
  const loadModel = (url) => tf.loadLayersModel({
    load: async () => {
      const json = JSON.parse(readFileSync(new URL(url)));
      const specs = json.weightsManifest.flatMap((group) => group.weights);
      const shards = json.weightsManifest.flatMap((group) => group.paths.map((p) => readFileSync(new URL(p, url))));
      const all = Buffer.concat(shards);
      return { modelTopology: json.modelTopology, weightSpecs: specs, weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.length) };
    },
  });
  const start = performance.now();
  const cvae = await T.cvaeLoad(tf, pathToFileURL(model).href, loadModel, fetchJson);
  const ready_ms = performance.now() - start;
  const median_ms = await time(20, async () => {
    const out = T.cvaeGenerate(tf, cvae, cvae.labels[0], latent);
    const rgba = T.cvaePixels(await out.data());
    out.dispose();
    const png = new PNG({ width: 28, height: 28 });
    png.data = Buffer.from(rgba.buffer);
    PNG.sync.write(png);  // the PNG that ml5's result carried
  });
  return { median_ms, ready_ms, backend: tf.getBackend() };
}

// ONNX Runtime Web's wasm backend, 2 threads, on the exported network; its output must match
// ours within 1e-4 before it is timed.
async function ortWasm(onnxFile) {
  const ort = require('onnxruntime-web');
  const O = require('./ort-ml5.js'), T = require('./tfjs-ml5.js');
  const ml5 = await import('ml5-wasm');
  const onnxBytes = readFileSync(onnxFile);
  // Ready is timed on a second session, as ours is timed after its wasm module started.
  await (await O.createSession(ort, onnxBytes, 2)).release();
  const start = performance.now();
  const session = await O.createSession(ort, onnxBytes, 2);
  const ready_ms = performance.now() - start;
  let check, run;
  if (bench === 'pix2pix') {
    const ours = (await (await ml5.pix2pix(readFileSync(model))).transfer(input)).tensor.data;
    check = O.maxAbsDifference(await O.pix2pixTransfer(ort, session, input), ours);
    run = async () => void T.pix2pixPixels(await O.pix2pixTransfer(ort, session, input));
  } else {
    const { PNG } = require('pngjs');
    const manifest = JSON.parse(readFileSync(model, 'utf8'));
    const labelInput = O.cvaeLabelInput(manifest, JSON.parse(readFileSync(new URL(manifest.model, pathToFileURL(model)), 'utf8')));
    const label = manifest.labels[0];
    const ours = (await (await ml5.CVAE(model).ready).generate(label, { latent })).tensor.data;
    check = O.maxAbsDifference(await O.cvaeGenerate(ort, session, labelInput, label, latent), ours);
    run = async () => {
      const png = new PNG({ width: 28, height: 28 });
      png.data = Buffer.from(T.cvaePixels(await O.cvaeGenerate(ort, session, labelInput, label, latent)).buffer);
      PNG.sync.write(png);  // the PNG that ml5's result carried
    };
  }
  if (!(check <= 1e-4)) return { error: `ONNX Runtime's output differs from ours by ${check} (the check allows 1e-4)` };
  const median_ms = await time(bench === 'pix2pix' ? 3 : 20, run);
  return { median_ms, ready_ms, threads: ort.env.wasm.numThreads, max_abs_vs_ours: check, ort_version: ort.env.versions?.web };
}

async function pairedThreads() {
  const ml5 = await import('ml5-wasm');
  return require('./paired-threads.js').run(ml5,
    { kind: bench, model: bench === 'pix2pix' ? readFileSync(model) : model, input, runs, images });
}

const result = impl === 'ours' ? await ours() : impl === 'paired-threads' ? await pairedThreads() : impl === 'ort-wasm' ? await ortWasm(imagesText) : await tfjs(impl.replace('tfjs-', ''));
process.stdout.write(JSON.stringify({ ...result, runs }) + '\n');
process.exit(0);
