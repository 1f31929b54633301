// CVAE latency in Node: time to ready, and generate() with and without the PNG (data URL).
// Median of many runs after warm-up, per model and variant.  node bench/cvae.mjs [runs]
import { existsSync } from 'node:fs';
import * as ml5 from 'ml5-wasm';

const runs = Number(process.argv[2] ?? 500);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const models = [['cvae_default', undefined, 'sneaker']];
const quickDraw = new URL('../../shared/ml5-models/cvae/quick_draw/manifest.json', import.meta.url);
if (existsSync(quickDraw)) models.push(['cvae_quickdraw', quickDraw.pathname, 'octopus']);
else console.warn(`SKIPPED cvae_quickdraw: ${quickDraw.pathname} is absent`);

for (const [name, model, label] of models) {
  const ready = [];  // the first load also compiles the wasm module
  for (let i = 0; i < 15; i++) {
    const start = performance.now();
    const cvae = ml5.CVAE(model);
    await cvae.ready;
    ready.push(performance.now() - start);
    cvae.dispose();
  }
  const cvae = ml5.CVAE(model);
  await cvae.ready;
  for (let i = 0; i < 50; i++) await cvae.generate(label);
  // With the PNG: reading result.src encodes it, as every ml5 example does. Without: raws only.
  const times = [], withoutPng = [];
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    const result = await cvae.generate(label);
    void result.src;
    times.push(performance.now() - start);
    start = performance.now();
    await cvae.generate(label);
    withoutPng.push(performance.now() - start);
  }
  console.log(JSON.stringify({ name, env: 'node', impl: `ours-${cvae.backend.variant}`,
    threads: cvae.backend.threads, median_ms: +median(times).toFixed(3),
    median_ms_without_png: +median(withoutPng).toFixed(3), runs,
    ready_median_ms: +median(ready).toFixed(2), first_ready_ms: +ready[0].toFixed(2) }));
}
