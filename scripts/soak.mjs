// npm run soak: hours of use compressed into one run per engine. transferStream() in worker mode
// on a page without COOP/COEP (as in the p5 web editor), on the fake camera (a canvas stream in
// WebKitGTK, which has no camera), with the default model reloaded every sixth of the run and
// its worker killed once on purpose, halfway. Asserted: no error but the kill's own, the frame
// rate at the end within 20% of the first interval's, and the worker's wasm heap and (where the
// engine reports it, Chromium) the page's JS heap flat. `npm test` runs it for one minute.
//   node scripts/soak.mjs [--minutes 30] [--engines chromium,firefox,webkit,webkit-sab] [--out folder]
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINES, launchEngine, openPage, startTestServer } from '../tests/browser/engines.mjs';
import { CAMERA_ENGINES, fakeCameraLaunch } from '../tests/browser/fake-camera.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const minutes = Number(option('--minutes', '30'));
const full = minutes >= 30;
const out = option('--out', full ? join(root, 'bench/results') : mkdtempSync(join(tmpdir(), 'ml5-wasm-soak-')));
const engines = option('--engines', 'chromium,firefox,webkit,webkit-sab').split(',');
const seconds = minutes * 60;
// Samples: one a minute in a full run, twelve in all in a short one. Reloads come every sixth
// of the run, at the start of a sample; the kill at the start of one without a reload; the last
// sample has neither, so that it compares with the first.
const sampleEvery = full ? 60 : seconds / 12;
const PLAN = { seconds, sampleEvery, reloadEvery: seconds / 6, killAt: seconds / 2 + sampleEvery,
  workers: args.includes('--workers') ? Number(option('--workers')) : 'auto' };
// For finding what an engine trips over: --no-reload, --no-kill, --main-thread (no worker, so
// no kill either).
PLAN.worker = !args.includes('--main-thread');
if (args.includes('--no-reload')) PLAN.reloadEvery = 1e9;  // not Infinity: the plan goes to the page as JSON
if (args.includes('--no-kill') || !PLAN.worker) PLAN.killAt = 1e9;
const JS_GROWTH_LIMIT = 8e6;      // bytes; V8's own variation after gc() is about 2 MB
const WASM_GROWTH_LIMIT = 1 << 20;
const FPS_DROP_LIMIT = 0.2;
const log = (text) => process.stderr.write(`[soak] ${text}\n`);

// In the page: the whole run, in the background; window.soak holds its progress.
async function runSoak({ camera, plan }) {
  const state = window.soak = { samples: [], errors: [], killErrors: [], reloads: 0, kills: 0, done: false, failure: null };
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const video = Object.assign(document.createElement('video'), { muted: true, playsInline: true });
  document.body.append(video);
  if (camera) {
    video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { width: 256, height: 256 } });
  } else {
    const canvas = Object.assign(document.createElement('canvas'), { width: 256, height: 256 });
    const g = canvas.getContext('2d');
    let t = 0;
    state.painter = setInterval(() => {
      g.fillStyle = '#fff';
      g.fillRect(0, 0, 256, 256);
      g.lineWidth = 4;
      g.beginPath();
      g.arc(80 + (t++ % 96), 128, 50, 0, 7);
      g.stroke();
    }, 33);
    video.srcObject = canvas.captureStream(30);
  }
  await video.play();
  while (video.readyState < 2) await sleep(10);

  // Each stream's errors count against the run unless that stream's worker was killed on purpose.
  let frames = 0, model = null, current = null;
  const startStream = () => {
    const entry = { killed: false };
    entry.stream = model.transferStream(video, { lineArt: true, workers: plan.workers }, (error) => {
      if (!error) frames++;
      else (entry.killed ? state.killErrors : state.errors).push(error.message);
    });
    current = entry;
  };
  const load = async () => {
    model = await ml5.pix2pix(undefined, undefined, { worker: plan.worker });
    startStream();
  };
  const heaps = async () => {
    for (let i = 0; window.gc && i < 3; i++) {
      window.gc();
      await sleep(10);
    }
    const wasm = plan.worker ? await model.worker.memory() : model.backend.memory();
    return { wasm: wasm.inUse, js: performance.memory?.usedJSHeapSize ?? null };
  };

  try {
    await load();
    const start = performance.now();
    let nextReload = plan.reloadEvery, killed = false, lastFrames = 0, lastTime = start;
    for (let at = plan.sampleEvery; at <= plan.seconds + 1e-6; at += plan.sampleEvery) {
      while ((performance.now() - start) / 1000 < at) {
        const now = (performance.now() - start) / 1000;
        if (!killed && now >= plan.killAt) {
          // A worker that dies mid-stream: a frame in flight fails with the worker's error and
          // ends the stream, which starts again (a new worker, the model reloaded); between two
          // frames, the next one starts the new worker itself and the stream goes on.
          killed = true;
          const victim = current;
          victim.killed = true;
          model.worker.terminate();
          state.kills++;
          victim.stream.done.then(() => { if (current === victim && !victim.stopped) startStream(); });
        } else if (now >= nextReload && nextReload < plan.seconds) {
          nextReload += plan.reloadEvery;
          current.stopped = true;
          await current.stream.stop();
          model.dispose();
          await load();
          state.reloads++;
        }
        await sleep(100);
      }
      const now = performance.now();
      state.samples.push({ at, fps: ((frames - lastFrames) * 1000) / (now - lastTime), ...(await heaps()) });
      lastFrames = frames;
      lastTime = performance.now();
    }
    current.stopped = true;
    await current.stream.stop();
    model.dispose();
  } catch (error) {
    state.failure = String(error?.message ?? error);
  } finally {
    clearInterval(state.painter);
    video.srcObject?.getTracks().forEach((track) => track.stop());
    state.done = true;
  }
}

const results = [];
const failures = [];
for (const engine of ENGINES.filter((e) => engines.includes(e.name))) {
  const camera = CAMERA_ENGINES.includes(engine.name);
  log(`${engine.name}: ${minutes} min on ${camera ? 'the fake camera' : 'a canvas stream'}`);
  const server = await startTestServer({ isolated: false });
  const browser = await launchEngine(engine, fakeCameraLaunch({ width: 256, height: 256, frames: 60 })[engine.name]);
  try {
    const page = await openPage(browser, `${server.url}tests/browser/page.html`);
    await page.evaluate(`(window.runSoak = ${runSoak}, true)`);
    await page.evaluate((input) => { window.runSoak(input); return true; }, { camera, plan: PLAN });
    let state;
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 5000));
      state = await page.evaluate(() => ({ ...window.soak, painter: undefined }));
      if (state.done) break;
      const last = state.samples.at(-1);
      if (last) log(`${engine.name}: ${last.at.toFixed(0)} s, ${last.fps.toFixed(1)} fps, wasm ${(last.wasm / 1e6).toFixed(1)} MB`);
    }
    const row = verdict(engine.name, camera, state, page.errors);
    results.push(row);
    if (row.problems.length) failures.push(...row.problems.map((p) => `${engine.name}: ${p}`));
    log(`${engine.name}: ${row.problems.length ? `FAILED: ${row.problems.join('; ')}` : 'ok'} (fps ${row.fps_first.toFixed(1)} -> ${row.fps_last.toFixed(1)}, wasm ${row.wasm_growth} B, js ${row.js_growth ?? 'n/a'} B)`);
    await page.close();
  } finally {
    await browser.close();
    await server.close();
  }
}

// One engine's assertions, kept as data so that the report says what failed.
function verdict(engine, camera, state, pageErrors) {
  const problems = [];
  if (state.failure) problems.push(`the run stopped: ${state.failure}`);
  if (state.errors.length) problems.push(`frame errors: ${[...new Set(state.errors)].join(' | ')}`);
  if (pageErrors.length) problems.push(`page errors: ${pageErrors.join(' | ')}`);
  const kills = PLAN.killAt < PLAN.seconds ? 1 : 0;
  if (state.kills !== kills) problems.push(`the worker was killed ${state.kills} times, not ${kills}`);
  const wrongKill = state.killErrors.filter((m) => !/worker was terminated/.test(m));
  if (wrongKill.length) problems.push(`the kill gave other errors: ${wrongKill.join(' | ')}`);
  const samples = state.samples;
  const first = samples[0], last = samples.at(-1);
  if (!first || samples.length < 3) problems.push(`only ${samples.length} samples`);
  const fpsFirst = first?.fps ?? 0, fpsLast = last?.fps ?? 0;
  if (fpsLast < fpsFirst * (1 - FPS_DROP_LIMIT)) problems.push(`fps fell from ${fpsFirst.toFixed(1)} to ${fpsLast.toFixed(1)}`);
  // The heaps between the first sample and the last (the worker and page are long past warm-up).
  const wasmGrowth = last && first ? last.wasm - first.wasm : 0;
  if (wasmGrowth > WASM_GROWTH_LIMIT) problems.push(`the worker's wasm heap grew by ${wasmGrowth} bytes`);
  const jsGrowth = last?.js !== null && first?.js !== null && last && first ? last.js - first.js : null;
  if (jsGrowth !== null && jsGrowth > JS_GROWTH_LIMIT) problems.push(`the page's JS heap grew by ${jsGrowth} bytes`);
  return { engine, source: camera ? 'fake camera' : 'canvas stream', minutes, reloads: state.reloads, kills: state.kills,
    fps_first: fpsFirst, fps_last: fpsLast, fps_min: Math.min(...samples.map((s) => s.fps)), wasm_first: first?.wasm ?? null,
    wasm_growth: wasmGrowth, js_growth: jsGrowth, samples, problems };
}

const report = { date: new Date().toISOString(), machine: `${cpus()[0]?.model}, ${cpus().length} cores, Node ${process.version}`, minutes, plan: PLAN, results };
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'soak-latest.json'), JSON.stringify(report, null, 1) + '\n');
log(`wrote ${join(out, 'soak-latest.json')}`);
if (failures.length) {
  log(`FAILED:\n  ${failures.join('\n  ')}`);
  process.exitCode = 1;
}
