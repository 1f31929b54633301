// pix2pix latency in Node: time to ready for a .pict, and transfer() at 256x256 with and
// without the PNG (data URL), with 1 and 2 threads. Medians after warm-up.
//   node bench/pix2pix.mjs [model.pict] [runs]
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as ml5 from 'ml5-wasm';

const model = process.argv[2] ?? new URL('../../shared/ml5-models/pix2pix/synthetic_ngf32.pict', import.meta.url).pathname;
const runs = Number(process.argv[3] ?? 15);
if (!existsSync(model)) {
  console.warn(`SKIPPED: ${model} is absent`);
  process.exit(0);
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
// Time to ready after download: the file is read from the OS cache and the wasm module is
// already compiled (a page's first model load also compiles it: see the first-load figure).
const firstStart = performance.now();
(await ml5.pix2pix(model)).dispose();
const firstReady = performance.now() - firstStart;
const ready = [];
for (let i = 0; i < 15; i++) {
  const start = performance.now();
  const p2p = await ml5.pix2pix(model);
  ready.push(performance.now() - start);
  p2p.dispose();
}
const p2p = await ml5.pix2pix(model);
const input = { data: new Uint8ClampedArray(256 * 256 * 4).map((_, i) => (i * 7) % 256), width: 256, height: 256 };
for (const threads of [1, 2]) {
  if (threads > p2p.backend.poolSize) continue;
  p2p.backend.setThreads(threads);
  for (let i = 0; i < 3; i++) await p2p.transfer(input);
  const times = [], withoutPng = [];
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    const result = await p2p.transfer(input);
    void result.src;  // ml5's examples read src: that encodes the PNG
    times.push(performance.now() - start);
    start = performance.now();
    await p2p.transfer(input);
    withoutPng.push(performance.now() - start);
  }
  console.log(JSON.stringify({ name: 'pix2pix_256', model: model.split('/').pop(), env: 'node',
    impl: `ours-${p2p.backend.variant}`, threads, median_ms: +median(times).toFixed(1),
    median_ms_without_png: +median(withoutPng).toFixed(1), runs,
    ready_median_ms: +median(ready).toFixed(1), first_ready_ms: +firstReady.toFixed(1),
    heap: p2p.backend.memory() }));
}

// The same run, the ml5 algorithm on tfjs 4.22's cpu backend: the shared reference code.
const reference = fileURLToPath(new URL('../../shared/reference/pix2pix_ref.js', import.meta.url));
if (existsSync(reference)) {
  const tfjsRuns = Number(process.env.TFJS_RUNS ?? 5);
  const script = `
    const R = require(${JSON.stringify(reference)});
    const v = R.loadPictVariables(${JSON.stringify(model)});
    const input = R.proceduralEdges();
    const times = [];
    for (let i = 0; i <= ${tfjsRuns}; i++) {
      const start = performance.now();
      const t = R.transferTensor(v, input, { keepWeights: true });
      R.array3DToRGBA(t);
      t.dispose();
      if (i > 0) times.push(performance.now() - start);  // the first run warms up
    }
    times.sort((a, b) => a - b);
    process.stdout.write(String(times[Math.floor(times.length / 2)]));`;
  const ms = Number(execFileSync(process.execPath, ['-e', script], {
    env: { ...process.env, NODE_PATH: fileURLToPath(new URL('../node_modules', import.meta.url)) },
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'],
  }));
  console.log(JSON.stringify({ name: 'pix2pix_256', model: model.split('/').pop(), env: 'node',
    impl: 'tfjs-cpu (ml5 algorithm)', threads: 1, median_ms: +ms.toFixed(1), runs: tfjsRuns }));
} else {
  console.warn(`SKIPPED tfjs-cpu: ${reference} is absent`);
}
