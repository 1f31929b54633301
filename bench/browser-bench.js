// In the benchmark page: one row (impl x bench) timed in Chromium. bench/run.mjs calls
// runBench({impl, bench, model, runs}) and records what it returns.
/* global ml5, ort, ortMl5, pairedThreads, tf, tfjsMl5 */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function time(runs, warmups, run) {
  for (let i = 0; i < warmups; i++) await run();
  const ms = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    ms.push(performance.now() - start);
  }
  return median(ms);
}

// The 256x256 canvas that every pix2pix row transfers.
function inputCanvas() {
  const canvas = Object.assign(document.createElement('canvas'), { width: 256, height: 256 });
  const data = new Uint8ClampedArray(256 * 256 * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 7) % 256));
  canvas.getContext('2d').putImageData(new ImageData(data, 256, 256), 0, 0);
  return canvas;
}
const latent = Float32Array.from({ length: 16 }, (_, i) => ((i * 37) % 100) / 100);
const toBlob = (canvas) => new Promise((resolve) => canvas.toBlob(resolve));

// A .pict already downloaded: ready is timed "after download" from its bytes in memory, as in
// Node. Ours also from its URL on the bench server, and at 80 MB/s (the server paces the body,
// ?mbps=80) as over a network; next to each, the download alone, which ready cannot beat.
const downloaded = async (url) => (await fetch(url)).arrayBuffer();
const NETWORK_MBPS = 80;

async function timeReady(loads, load) {
  const ms = [];
  let instance;
  for (let i = 0; i < loads; i++) {
    instance?.dispose();
    const start = performance.now();
    instance = await load();
    ms.push(performance.now() - start);
  }
  return [median(ms.slice(1)), instance];
}

async function timeDownload(loads, url) {
  const ms = [];
  for (let i = 0; i < loads; i++) {
    const start = performance.now();
    await downloaded(url);
    ms.push(performance.now() - start);
  }
  return median(ms);
}

// loads: how many times ready is timed (the first, which starts the wasm module, is not counted).
// batch: CVAE calls per timed sample, for pages whose clock ticks in whole ms (not isolated).
// images: CVAE images per call (generateBatch); 1 is generate().
// Each ours-* row pins its variant; the relaxed one is an error where the engine lacks it.
const VARIANTS = { 'ours-simd': 'wasm-simd', 'ours-simd-threads': 'wasm-simd-threads',
  'ours-relaxed-simd': 'wasm-relaxed-simd', 'ours-relaxed-simd-threads': 'wasm-relaxed-simd-threads' };

async function ours({ impl, bench, model, runs, loads = 7, batch = 1, images = 1 }) {
  ml5.setWasmVariant(VARIANTS[impl]);
  const ready = {};
  let instance;
  if (bench === 'pix2pix') {
    const bytes = await downloaded(model);
    [ready.ready_ms, instance] = await timeReady(loads, () => ml5.pix2pix(bytes));
    if (loads > 1) {
      const paced = `${model}?mbps=${NETWORK_MBPS}`;
      instance.dispose();
      [ready.ready_from_url_ms, instance] = await timeReady(loads, () => ml5.pix2pix(model));
      instance.dispose();
      [ready.ready_at_80mbps_ms, instance] = await timeReady(loads, () => ml5.pix2pix(paced));
      ready.download_ms = await timeDownload(loads, model);
      ready.download_at_80mbps_ms = await timeDownload(3, paced);
    }
  } else {
    [ready.ready_ms, instance] = await timeReady(loads, () => ml5.CVAE(model).ready);
  }
  if (loads < 2) delete ready.ready_ms;
  const canvas = inputCanvas();
  const label = bench === 'cvae' ? instance.labels[0] : null;
  const median_ms = bench === 'pix2pix'
    ? await time(runs, 3, () => instance.transfer(canvas))
    : await time(runs, 20, async () => {
      for (let i = 0; i < batch; i++) {
        if (images > 1) void (await instance.generateBatch(label, images, { seed: 1 })).map((r) => r.blob);
        else void (await instance.generate(label, { latent })).blob;
      }
    }) / batch;
  const info = await ml5.backendInfo();
  return { median_ms, ...ready, threads: info.threads, variant: info.variant, threadsNote: info.threadsNote };
}

async function tfjs({ impl, bench, model, runs }) {
  const backend = impl.replace('tfjs-', '');
  if (backend === 'wasm') {
    tf.wasm.setWasmPaths('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
    tf.wasm.setThreadsCount(2);
  }
  if (!(await tf.setBackend(backend))) return { unavailable: `tfjs could not start its ${backend} backend here` };
  await tf.ready();
  const bytes = bench === 'pix2pix' ? await downloaded(model) : null;
  const start = performance.now();
  if (bench === 'pix2pix') {
    const variables = await tfjsMl5.pix2pixLoad(tf, async () => bytes, model);
    const ready_ms = performance.now() - start;
    const canvas = inputCanvas();
    const median_ms = await time(runs, 1, async () => {
      const pixels = canvas.getContext('2d').getImageData(0, 0, 256, 256);
      const out = tfjsMl5.pix2pixTransfer(tf, variables, pixels);
      tfjsMl5.pix2pixPixels(await out.data());
      out.dispose();
    });
    return { median_ms, ready_ms, threads: backend === 'wasm' ? tf.wasm.getThreadsCount?.() : undefined };
  }
  const cvae = await tfjsMl5.cvaeLoad(tf, new URL(model, location.href).href, (url) => tf.loadLayersModel(url),
    async (url) => (await fetch(url)).json());
  const ready_ms = performance.now() - start;
  const canvas = Object.assign(document.createElement('canvas'), { width: 28, height: 28 });
  const median_ms = await time(runs, 20, async () => {
    const out = tfjsMl5.cvaeGenerate(tf, cvae, cvae.labels[0], latent);
    const rgba = tfjsMl5.cvaePixels(await out.data());
    out.dispose();
    canvas.getContext('2d').putImageData(new ImageData(rgba, 28, 28), 0, 0);
    await toBlob(canvas);  // ml5's result carried this PNG
  });
  return { median_ms, ready_ms };
}

// ONNX Runtime Web's wasm backend, 2 threads, on the network exported from the same weights
// (bench/onnx-export.mjs); its output must match ours within 1e-4 before it is timed.
async function ortWasm({ bench, model, onnx, runs }) {
  ort.env.wasm.wasmPaths = '/node_modules/onnxruntime-web/dist/';
  const onnxBytes = new Uint8Array(await (await fetch(onnx)).arrayBuffer());
  const threads = crossOriginIsolated ? 2 : 1;
  // Ready is timed on a second session, as ours is timed after its wasm module started.
  await (await ortMl5.createSession(ort, onnxBytes, threads)).release();
  const start = performance.now();
  const session = await ortMl5.createSession(ort, onnxBytes, threads);
  const ready_ms = performance.now() - start;
  let check, run;
  if (bench === 'pix2pix') {
    const canvas = inputCanvas();
    const pixels = () => canvas.getContext('2d', { willReadFrequently: true }).getImageData(0, 0, 256, 256);
    const ours = (await (await ml5.pix2pix(await downloaded(model))).transfer(canvas)).tensor.data;
    check = ortMl5.maxAbsDifference(await ortMl5.pix2pixTransfer(ort, session, pixels()), ours);
    run = async () => void tfjsMl5.pix2pixPixels(await ortMl5.pix2pixTransfer(ort, session, pixels()));
  } else {
    const manifest = await (await fetch(model)).json();
    const modelJson = await (await fetch(new URL(manifest.model, new URL(model, location.href)))).json();
    const labelInput = ortMl5.cvaeLabelInput(manifest, modelJson);
    const label = manifest.labels[0];
    const ours = (await (await ml5.CVAE(model).ready).generate(label, { latent })).tensor.data;
    check = ortMl5.maxAbsDifference(await ortMl5.cvaeGenerate(ort, session, labelInput, label, latent), ours);
    const canvas = Object.assign(document.createElement('canvas'), { width: 28, height: 28 });
    run = async () => {
      const rgba = tfjsMl5.cvaePixels(await ortMl5.cvaeGenerate(ort, session, labelInput, label, latent));
      canvas.getContext('2d').putImageData(new ImageData(rgba, 28, 28), 0, 0);
      await toBlob(canvas);  // ml5's result carried this PNG
    };
  }
  if (!(check <= 1e-4)) return { error: `ONNX Runtime's output differs from ours by ${check} (the check allows 1e-4)` };
  const median_ms = await time(runs, bench === 'pix2pix' ? 3 : 20, run);
  return { median_ms, ready_ms, threads: ort.env.wasm.numThreads, max_abs_vs_ours: check, ort_version: ort.env.versions?.web };
}

// ml5 0.12.2 itself: its CVAE generate() (its pix2pix breaks after one call, ml5 #1395).
async function ml5Original({ model, runs }) {
  const start = performance.now();
  const cvae = await new Promise((resolve) => {
    const instance = ml5.CVAE(model, () => resolve(instance));
  });
  const ready_ms = performance.now() - start;
  const median_ms = await time(runs, 20, async () => {
    const result = await cvae.generate(cvae.labels[0]);
    URL.revokeObjectURL(result.src);
  });
  return { median_ms, ready_ms, version: ml5.version };
}

// Ours, ONNX Runtime Web and tfjs-wasm on the same model, their calls alternated in one page
// (the order rotates each round), so that all three see the same moments of a busy machine.
// 'paired-single-thread': a page without COOP/COEP, one thread for all three, as in the p5 web
// editor. 'paired-isolated': a page with COOP/COEP, two threads for all three. bench: 'pix2pix'
// (default) or 'cvae' (generate(), with the PNG that ml5's result carried). Returns each one's
// median and the medians of the per-round ratios to ours.
// A pause before each timed pix2pix call of a paired page with threads. Each runtime's thread
// pool spins on its cores for a while after a call (pthreadpool: 200000 iterations in ours,
// 1000000 by default in tfjs-wasm's), so on 2 cores the call after another runtime's ran beside a
// spinning thread. It did not remove the spread between pages: in Chromium, ours on ngf32 took
// 42-72 ms a page in two runs without it and 41-68 ms in three with it (ORT 80-109 ms).
// Not for the CVAE: its sub-ms calls after a pause measure every runtime waking its threads from
// sleep (ours 1.22-1.27 ms, ORT 3.8-4.3 ms), not the steady state that back-to-back calls give.
const SETTLE_MS = 60;
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

async function pairedPage({ impl, bench = 'pix2pix', model, onnx, runs, warmups = 2, loads = 9 }) {
  const isolated = impl === 'paired-isolated';
  if (crossOriginIsolated !== isolated) {
    return { error: `this page is ${crossOriginIsolated ? '' : 'not '}cross-origin isolated: ${impl} needs one that is${isolated ? '' : ' not'}` };
  }
  const threads = isolated ? 2 : 1;
  ort.env.wasm.wasmPaths = '/node_modules/onnxruntime-web/dist/';
  const onnxBytes = new Uint8Array(await (await fetch(onnx)).arrayBuffer());
  const session = await ortMl5.createSession(ort, onnxBytes, threads);
  tf.wasm.setWasmPaths('/node_modules/@tensorflow/tfjs-backend-wasm/dist/');
  tf.wasm.setThreadsCount(threads);
  if (!(await tf.setBackend('wasm'))) return { error: 'tfjs could not start its wasm backend here' };
  await tf.ready();
  const made = bench === 'cvae' ? await pairedCvaeCalls(model, session) : await pairedPix2pixCalls(model, session);
  if (made.error) return made;
  const { calls, check } = made;
  const names = Object.keys(calls);
  for (let i = 0; i < warmups; i++) for (const name of names) await calls[name]();
  const ms = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < runs; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length];
      if (threads > 1 && bench === 'pix2pix') await settle();
      const start = performance.now();
      await calls[name]();
      ms[name].push(performance.now() - start);
    }
  }
  // After the calls, which the loads' garbage must not disturb.
  const ready = bench === 'pix2pix' ? await pairedReady(model, onnxBytes, threads, loads) : {};
  const info = await ml5.backendInfo();
  const ratio = (name) => median(ms[name].map((t, i) => t / ms.ours[i]));
  return { ours_ms: median(ms.ours), ort_ms: median(ms.ort), tfjs_wasm_ms: median(ms['tfjs-wasm']),
    ort_ratio: ratio('ort'), tfjs_wasm_ratio: ratio('tfjs-wasm'), variant: info.variant, threads: info.threads,
    tfjs_threads: tf.wasm.getThreadsCount?.(), ort_threads: ort.env.wasm.numThreads, max_abs_vs_ours: check, runs, ...ready };
}

// Ready from bytes in memory, paired: ours (ml5.pix2pix(bytes)) and ONNX Runtime's session on the
// same weights take turns, `loads` each, each disposed before the next; both already started
// their wasm modules. -> each one's median and the median per-pair ratio.
async function pairedReady(model, onnxBytes, threads, loads) {
  const bytes = await downloaded(model);
  const ms = { ours: [], ort: [] };
  // Each returns how to free what it made, which is not timed.
  const load = {
    ours: async () => {
      const instance = await ml5.pix2pix(bytes);
      return () => instance.dispose();
    },
    ort: async () => {
      const session = await ortMl5.createSession(ort, onnxBytes, threads);
      return () => session.release();
    },
  };
  for (let i = 0; i < loads; i++) {
    for (const name of i % 2 ? ['ort', 'ours'] : ['ours', 'ort']) {
      if (threads > 1) await settle();
      const start = performance.now();
      const free = await load[name]();
      ms[name].push(performance.now() - start);
      await free();
    }
  }
  return { ours_ready_ms: median(ms.ours), ort_ready_ms: median(ms.ort),
    ort_ready_ratio: median(ms.ort.map((t, i) => t / ms.ours[i])), ready_loads: loads };
}

async function pairedPix2pixCalls(model, session) {
  const bytes = await downloaded(model);
  const canvas = inputCanvas();
  const pixels = () => canvas.getContext('2d', { willReadFrequently: true }).getImageData(0, 0, 256, 256);
  const oursModel = await ml5.pix2pix(bytes);
  const check = ortMl5.maxAbsDifference(await ortMl5.pix2pixTransfer(ort, session, pixels()), (await oursModel.transfer(canvas)).tensor.data);
  if (!(check <= 1e-4)) return { error: `ONNX Runtime's output differs from ours by ${check} (the check allows 1e-4)` };
  const variables = await tfjsMl5.pix2pixLoad(tf, async () => bytes, model);
  return {
    check,
    calls: {
      ours: () => oursModel.transfer(canvas),
      ort: async () => void tfjsMl5.pix2pixPixels(await ortMl5.pix2pixTransfer(ort, session, pixels())),
      'tfjs-wasm': async () => {
        const out = tfjsMl5.pix2pixTransfer(tf, variables, pixels());
        tfjsMl5.pix2pixPixels(await out.data());
        out.dispose();
      },
    },
  };
}

// generate() with a fixed latent, each ending in the PNG that ml5's result carried.
async function pairedCvaeCalls(model, session) {
  const manifest = await (await fetch(model)).json();
  const modelJson = await (await fetch(new URL(manifest.model, new URL(model, location.href)))).json();
  const labelInput = ortMl5.cvaeLabelInput(manifest, modelJson);
  const label = manifest.labels[0];
  const oursModel = await ml5.CVAE(model).ready;
  const check = ortMl5.maxAbsDifference(await ortMl5.cvaeGenerate(ort, session, labelInput, label, latent),
    (await oursModel.generate(label, { latent })).tensor.data);
  if (!(check <= 1e-4)) return { error: `ONNX Runtime's output differs from ours by ${check} (the check allows 1e-4)` };
  const cvae = await tfjsMl5.cvaeLoad(tf, new URL(model, location.href).href, (url) => tf.loadLayersModel(url),
    async (url) => (await fetch(url)).json());
  const canvas = Object.assign(document.createElement('canvas'), { width: 28, height: 28 });
  const png = async (rgba) => {
    canvas.getContext('2d').putImageData(new ImageData(rgba, 28, 28), 0, 0);
    await toBlob(canvas);
  };
  return {
    check,
    calls: {
      ours: async () => void (await oursModel.generate(label, { latent })).blob,
      ort: async () => png(tfjsMl5.cvaePixels(await ortMl5.cvaeGenerate(ort, session, labelInput, label, latent))),
      'tfjs-wasm': async () => {
        const out = tfjsMl5.cvaeGenerate(tf, cvae, label, latent);
        const rgba = tfjsMl5.cvaePixels(await out.data());
        out.dispose();
        await png(rgba);
      },
    },
  };
}

window.runBench = async (row) => {
  try {
    if (row.impl === 'paired-single-thread' || row.impl === 'paired-isolated') return await pairedPage(row);
    if (row.impl === 'ml5-0.12.2') return await ml5Original(row);
    if (row.impl.startsWith('tfjs')) return await tfjs(row);
    if (row.impl === 'ort-wasm') return await ortWasm(row);
    if (row.impl === 'paired-threads') {
      const model = row.bench === 'pix2pix' ? await downloaded(row.model) : row.model;
      return await pairedThreads.run(ml5, { ...row, kind: row.bench, model, input: inputCanvas() });
    }
    return await ours(row);
  } catch (error) {
    return { error: error.message };
  }
};
