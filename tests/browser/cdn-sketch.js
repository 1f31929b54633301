// A sketch as users write them, served by the sketch server of cdn-pages.mjs after the library's
// <script> tag from the CDN. ?scenario= picks what it does; it reports {isolated, sab, info,
// value | error, warnings} as window.sketchResult, and to the editor page around it.
(() => {
  const params = new URLSearchParams(location.search);
  const warnings = [];
  const warn = console.warn;
  console.warn = (...args) => {
    warnings.push(args.map(String).join(' '));
    warn.apply(console, args);
  };
  const raws = (result) => Array.from(result.raws);
  const drawing = () => {
    const canvas = Object.assign(document.createElement('canvas'), { width: 256, height: 256 });
    const g = canvas.getContext('2d');
    g.fillStyle = '#fff';
    g.fillRect(0, 0, 256, 256);
    g.lineWidth = 6;
    g.strokeRect(50, 40, 150, 170);
    return canvas;
  };

  const scenarios = {
    // ml5 0.x's way: CVAE with a callback, pix2pix with a promise.
    async models() {
      const cvae = await new Promise((resolve, reject) => {
        const model = ml5.CVAE((error) => (error ? reject(error) : resolve(model)));
      });
      const generated = await cvae.generate(cvae.labels[1], { seed: 7 });
      const pix2pix = await ml5.pix2pix();
      const transferred = await pix2pix.transfer(drawing());
      const shown = new Image();
      shown.src = transferred.src;
      await shown.decode();
      return { generated: raws(generated), transferred: raws(transferred), shown: shown.naturalWidth,
        worker: (await pix2pix.worker?.started) ?? null };
    },

    // Models users bring, from the CDN: the Keras tutorial's generator (tfjs Layers, both batch
    // norm modes, against tfjs's outputs) and a converted PyTorch unet_128 .pict.
    async userModels() {
      const base = params.get('models');
      const bytes = async (file) => (await fetch(base + file)).arrayBuffer();
      const rgb = new Uint8Array(await bytes('keras-pix2pix/input.u8'));
      const data = new Uint8ClampedArray(256 * 256 * 4).fill(255);
      for (let i = 0; i < 256 * 256; i++) data.set(rgb.subarray(i * 3, i * 3 + 3), i * 4);
      const keras = {};
      for (const batchNorm of ['batch', 'moving']) {
        const expected = new Float32Array(await bytes(`keras-pix2pix/expected-${batchNorm}.f32`));
        const model = await ml5.pix2pix(base + 'keras-pix2pix/model.json', { batchNorm });
        const result = await model.transfer({ data, width: 256, height: 256 });
        keras[batchNorm] = expected.reduce((worst, value, i) => Math.max(worst, Math.abs(result.tensor.data[i] - value)), 0);
        model.dispose();
      }
      const unet = await ml5.pix2pix(base + 'pytorch-unet128.pict');
      const canvas = drawing();
      const result = await unet.transfer(canvas, { size: 128 });
      const worker = (await unet.worker?.started) ?? null;
      unet.dispose();
      return { keras, unet: { sizeUnit: unet.sizeUnit, size: [result.raw.width, result.raw.height], raws: raws(result) }, worker };
    },

    // Where a worker cannot start: the main thread still transfers (without threads), and worker
    // mode rejects, within how long.
    async failures() {
      const transferred = await (await ml5.pix2pix()).transfer(drawing());
      const info = await ml5.backendInfo();
      ml5.setWorkerMode(true);
      const start = performance.now();
      const workerError = await ml5.pix2pix().then(() => 'resolved', (error) => error.message);
      return { transferred: transferred.raws.length, info, workerError, workerMs: performance.now() - start };
    },

    // transferStream() on the camera: frames arrive, differ from a blank image, and stop.
    async stream() {
      const video = Object.assign(document.createElement('video'), { muted: true, playsInline: true });
      document.body.append(video);
      video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 240 } });
      await video.play();
      const model = await ml5.pix2pix();
      const frames = [];
      // ?workers=N: frames spread over the model and N - 1 workers (pages without threads).
      const workers = params.has('workers') ? Number(params.get('workers')) : 'auto';
      const stream = model.transferStream(video, { size: 256, workers }, (error, result) => frames.push(error ? error.message : result));
      const deadline = performance.now() + 60000;
      const lanes = workers === 'auto' ? 1 : workers;  // a worker's lane joins once its model loaded
      while ((frames.length < 5 || stream.stats.lanes < lanes) && performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const stats = await stream.stop();
      video.srcObject.getTracks().forEach((track) => track.stop());
      const results = frames.filter((frame) => typeof frame !== 'string');
      const last = results[results.length - 1];
      return { count: results.length, errors: frames.filter((frame) => typeof frame === 'string'), stats,
        inOrder: results.every((result, i) => result.frame === i), size: last && [last.raw.width, last.raw.height], worker: (await model.worker?.started) ?? null };
    },
  };

  const report = (out) => {
    window.sketchResult = out;
    if (window.parent !== window) window.parent.postMessage({ ml5Sketch: out }, '*');
  };
  (async () => {
    const out = { isolated: window.crossOriginIsolated === true, sab: typeof SharedArrayBuffer === 'function' };
    try {
      if (typeof ml5 === 'undefined') throw new Error('ml5 is not defined: the library did not load');
      if (params.has('paths')) ml5.setWasmPaths(params.get('paths'));
      if (params.has('worker')) ml5.setWorkerMode(true);
      out.value = await scenarios[params.get('scenario')]();
      if (!params.has('worker') && !out.value.info) out.info = await ml5.backendInfo();
    } catch (error) {
      out.error = error.message + (params.has('stack') ? `\n${error.stack}` : '');  // ?stack: where it failed
    }
    out.warnings = warnings;
    report(out);
  })();
})();
