// Compiled by tests/js/types.test.mjs with tsc --strict: the declarations cover ml5's usage,
// and the @ts-expect-error lines must stay errors.
import * as ml5 from 'ml5-wasm';

async function sketch(canvas: HTMLCanvasElement, video: HTMLVideoElement): Promise<void> {
  const cvae = ml5.CVAE('models/quick_draw/manifest.json', (error) => {
    if (error) console.error(error.message);
  });
  await cvae.ready;
  const labels: string[] | undefined = cvae.labels;
  const one = await cvae.generate('apple', { seed: 1, distribution: 'normal' });
  const latent: number[] = one.latent;
  const src: string = one.src;
  const drawn = one.p5Image ?? one.image;  // p5.Image with p5, else null
  const kinds: string[] = ml5.models.map((row) => row.name);
  const { loadLayersModel, toUrl } = ml5.modelKit;
  const kit = await ml5.modelKit.loadBackend();
  const layers = await loadLayersModel(kit.module, await toUrl('model.json'));
  const ran: Float32Array = layers.run([new Float32Array(16 * 16 * 3)], 1).output;
  layers.delete();
  // @ts-expect-error the field is p5Image, as on ml5's CVAE reference page
  one.p5image;
  const batch = await cvae.generateBatch('apple', 4);
  batch.forEach((r) => r.raws.length);
  cvae.generate('moon', (error, result) => result?.blob);

  const p2p = await ml5.pix2pix('model.pict');
  const withCallback: ml5.Pix2Pix = ml5.pix2pix('model.pict', (error, model) => model?.ngf);
  const result = await p2p.transfer(canvas, { size: 512, background: '#ffffff' });
  const shape: [number, number, number] = result.tensor.shape;
  p2p.transfer(video, (error, r) => r?.raw.width);
  await p2p.transfer({ data: new Uint8ClampedArray(4), width: 1, height: 1 });
  await ml5.pix2pix(undefined, undefined, { encoderBias: true });
  // A Keras generator's model.json, on moving statistics; working sizes in its unit.
  const keras = await ml5.pix2pix('web_model/model.json', undefined, { batchNorm: 'moving' });
  await keras.transfer(canvas, { size: keras.sizeUnit * 2 });
  // @ts-expect-error batchNorm is 'batch' or 'moving'
  await ml5.pix2pix('web_model/model.json', undefined, { batchNorm: 'running' });
  // A model as bytes: a File from <input type="file">, or an ArrayBuffer / typed array.
  const picked = new File([new Uint8Array(8)], 'mine.pict');
  await ml5.pix2pix(picked, (error, model) => model?.ngf);
  await ml5.pix2pix(new Uint8Array(8));
  await ml5.pix2pix(new ArrayBuffer(8), undefined, { worker: true });
  // Live video: a callback per frame, or an async iterator; stop() ends it.
  const stream = p2p.transferStream(video, { size: 256, fps: 30, lineArt: { threshold: 0.1 } }, (error, frame) => {
    const drawing = frame?.lineArt?.width;
    void drawing;
  });
  const stats: ml5.StreamStats = await stream.stop();
  void (stats.fps + stats.dropped + stream.stats.frames);
  for await (const frame of p2p.transferStream(video, { lineArt: true })) {
    void frame.raw;
    break;
  }
  // @ts-expect-error fps is a number
  p2p.transferStream(video, { fps: '30' });
  withCallback.dispose();
  const inWorker = await ml5.pix2pix(undefined, undefined, { worker: true });
  inWorker.worker?.terminate();
  ml5.setWorkerMode(true);
  ml5.CVAE(undefined, undefined, { worker: false });

  const info = await ml5.backendInfo();
  const variant: 'wasm-simd' | 'wasm-simd-threads' | 'wasm-relaxed-simd' | 'wasm-relaxed-simd-threads' | 'wasm-scalar' = info.variant;
  ml5.setWasmVariant('wasm-simd-threads');
  ml5.setWasmVariant(null);
  const backend = await ml5.loadBackend({ threads: 2 });
  backend.setThreads(1);
  const threads: number = await ml5.setThreads(2);
  void (threads + (await ml5.getThreads()));
  const heap: number = backend.memory().inUse;
  ml5.setWasmPaths('https://cdn.example/dist/');
  ml5.setLimits({ maxImagePixels: 2 ** 24 });
  const png: Uint8Array = await ml5.encodePng(new Uint8Array(4), 1, 1);
  void [labels, latent, src, shape, variant, heap, png];

  // @ts-expect-error a label is a string
  cvae.generate(3);
  // @ts-expect-error numbers are not images
  p2p.transfer(42);
  // @ts-expect-error unknown limit
  ml5.setLimits({ maxPixels: 5 });
  // @ts-expect-error a model is a URL or bytes, not a number
  ml5.pix2pix(42);
  // @ts-expect-error pix2pix without a callback is a Promise, not the instance
  const instance: ml5.Pix2Pix = ml5.pix2pix('model.pict');
  void instance;
}
void sketch;
