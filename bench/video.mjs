// npm run bench:video: live pix2pix at a sustained rate. For ngf8 (the default model) and ngf32,
// on the main thread and in worker mode, in Chromium and Firefox: a 256x256 fake camera at 30 fps
// runs through transferStream() for 10 s, and the page reports frames per second, dropped
// frames and main-thread stalls (gaps between 4 ms timer ticks: a gap over 20 ms is a task of
// more than 16 ms). Then on pages without COOP/COEP (no threads, as in the p5 web editor):
// streams with 1 and 2 lanes (workers) paired in one page, 3 pages per model, and the library's
// own choice (workers: 'auto'). Results: bench/results/video-latest.{json,md}.
//   node bench/video.mjs [--smoke] [--out folder] [--engines chromium,firefox]
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINES, launchEngine, openPage, startTestServer } from '../tests/browser/engines.mjs';
import { fakeCameraLaunch } from '../tests/browser/fake-camera.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const out = option('--out', smoke ? mkdtempSync(join(tmpdir(), 'ml5-wasm-video-')) : join(root, 'bench/results'));
const engines = option('--engines', 'chromium,firefox').split(',');
const seconds = smoke ? 2 : 10;
const log = (text) => process.stderr.write(`[bench:video] ${text}\n`);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const ngf32 = join(root, '../shared/ml5-models/pix2pix/synthetic_ngf32.pict');
const MODELS = [{ name: 'ngf8', url: null }];
if (existsSync(ngf32)) MODELS.push({ name: 'ngf32', url: '/shared/ml5-models/pix2pix/synthetic_ngf32.pict' });
else log(`SKIPPED ngf32: ${ngf32} is absent (../shared is only on CI and dev machines)`);
const LAUNCH = fakeCameraLaunch({ width: 256, height: 256, frames: 60 });

// In the page: one model and mode for `seconds` on the camera.
async function sustained({ url, worker, seconds }) {
  const video = Object.assign(document.createElement('video'), { muted: true, playsInline: true });
  video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { width: 256, height: 256, frameRate: 30 } });
  await video.play();
  const model = await ml5.pix2pix(url ?? undefined, undefined, { worker });
  // Warm-up: a few frames before timing.
  await new Promise((resolve) => { let n = 0; const s = model.transferStream(video, () => { if (++n === 5) s.stop().then(resolve); }); });
  const gaps = [];
  let last = performance.now(), ticking = true;
  const tick = () => {
    const now = performance.now();
    gaps.push(now - last);
    last = now;
    if (ticking) setTimeout(tick, 4);
  };
  setTimeout(tick, 4);
  let longTasks = 0;
  const observer = typeof PerformanceObserver === 'function' && PerformanceObserver.supportedEntryTypes?.includes('longtask')
    ? new PerformanceObserver((list) => { longTasks += list.getEntries().length; }) : null;
  observer?.observe({ type: 'longtask' });
  const started = performance.now();
  const stream = model.transferStream(video, { size: 256 }, () => {});
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const stats = await stream.stop();
  const elapsed = performance.now() - started;
  ticking = false;
  observer?.disconnect();
  model.dispose();
  video.srcObject.getTracks().forEach((track) => track.stop());
  return {
    fps: (stats.frames * 1000) / elapsed, frames: stats.frames, dropped: stats.dropped,
    longest_gap_ms: Math.max(...gaps), tasks_over_16ms: gaps.filter((gap) => gap > 20).length,
    long_tasks_50ms: observer ? longTasks : null, threads: (await ml5.backendInfo()).threads,
  };
}

// In a page without COOP/COEP (the p5 web editor's case: no threads): the model in worker mode,
// streams with 1 and with 2 lanes (workers) alternated ABBA, `seconds` each; a stream's first
// second (its second worker starting) is not counted. Pairs in one page share the machine's moments.
async function pairedLanes({ url, seconds, rounds }) {
  const video = Object.assign(document.createElement('video'), { muted: true, playsInline: true });
  video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { width: 256, height: 256, frameRate: 30 } });
  await video.play();
  const model = await ml5.pix2pix(url ?? undefined, undefined, { worker: true });
  const rate = async (workers) => {
    const times = [];
    const stream = model.transferStream(video, { size: 256, workers }, () => times.push(performance.now()));
    const from = performance.now() + 1000;
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const to = performance.now();
    const stats = await stream.stop();
    return { fps: (times.filter((t) => t >= from && t <= to).length * 1000) / (to - from), dropped: stats.dropped };
  };
  await rate(2);  // warm-up: the model's worker and a lane's
  const pairs = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? [2, 1] : [1, 2];
    const fps = {};
    for (const workers of order) fps[workers] = (await rate(workers)).fps;
    pairs.push({ one: fps[1], two: fps[2], ratio: fps[2] / fps[1] });
  }
  model.dispose();
  video.srcObject.getTracks().forEach((track) => track.stop());
  return { pairs };
}

// ... and the library's own choice ('auto') there, on the main thread or in worker mode.
async function autoLanes({ url, worker, seconds }) {
  const video = Object.assign(document.createElement('video'), { muted: true, playsInline: true });
  video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { width: 256, height: 256, frameRate: 30 } });
  await video.play();
  const model = await ml5.pix2pix(url ?? undefined, undefined, { worker });
  const times = [];
  const stream = model.transferStream(video, { size: 256 }, () => times.push(performance.now()));
  const from = performance.now() + Math.min(2000, seconds * 500);  // the first measurements, a worker's start
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const to = performance.now();
  const stats = await stream.stop();
  model.dispose();
  video.srcObject.getTracks().forEach((track) => track.stop());
  return { fps: (times.filter((t) => t >= from && t <= to).length * 1000) / (to - from), dropped: stats.dropped,
    lanes: stats.lanes, scaling: stats.scaling, scaled: stats.scaled };
}

const results = [];
const lanes = [];
for (const name of engines) {
  const engine = ENGINES.find((e) => e.name === name);
  const server = await startTestServer({ isolated: true });
  const browser = await launchEngine(engine, LAUNCH[name]);
  try {
    for (const model of MODELS) {
      for (const worker of [false, true]) {
        const page = await openPage(browser, `${server.url}tests/browser/page.html`);
        const row = await page.evaluate(sustained, { url: model.url, worker, seconds }).catch((error) => ({ error: error.message }));
        await page.close();
        const entry = { env: name, model: model.name, mode: worker ? 'worker' : 'main thread', ...row };
        results.push(entry);
        log(`${name} ${model.name} ${entry.mode}: ` + (row.error ?? `${row.fps.toFixed(1)} fps, ${row.dropped} dropped, ` +
          `longest main-thread gap ${row.longest_gap_ms.toFixed(0)} ms, ${row.tasks_over_16ms} tasks > 16 ms`));
      }
    }
    // Pages without COOP/COEP: 3 pages of paired 1- and 2-lane streams, then 'auto'.
    const plain = await startTestServer({ isolated: false });
    try {
      for (const model of MODELS) {
        for (let pageNumber = 1; pageNumber <= (smoke ? 1 : 3); pageNumber++) {
          const page = await openPage(browser, `${plain.url}tests/browser/page.html`);
          const row = await page.evaluate(pairedLanes, { url: model.url, seconds: smoke ? 2 : 5, rounds: smoke ? 1 : 4 })
            .catch((error) => ({ error: error.message }));
          await page.close();
          const entry = { env: name, model: model.name, page: pageNumber, ...row };
          if (!row.error) entry.ratio = median(row.pairs.map((pair) => pair.ratio));
          lanes.push(entry);
          log(`${name} ${model.name} no COOP/COEP, page ${pageNumber}: ` + (row.error ?? row.pairs.map((p) =>
            `${p.one.toFixed(1)} -> ${p.two.toFixed(1)} fps (${p.ratio.toFixed(2)}x)`).join(', ')));
        }
        for (const worker of [false, true]) {
          const page = await openPage(browser, `${plain.url}tests/browser/page.html`);
          const row = await page.evaluate(autoLanes, { url: model.url, worker, seconds }).catch((error) => ({ error: error.message }));
          await page.close();
          const entry = { env: name, model: model.name, mode: `${worker ? 'worker' : 'main thread'}, auto`, ...row };
          results.push({ ...entry, isolated: false });
          log(`${name} ${model.name} no COOP/COEP ${entry.mode}: ` + (row.error ?? `${row.fps.toFixed(1)} fps on ${row.lanes} lanes (${row.scaled})`));
        }
      }
    } finally {
      await plain.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

const report = { date: new Date().toISOString(), machine: `${cpus()[0]?.model}, ${cpus().length} cores, Node ${process.version}`, smoke, seconds, results, lanes };
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'video-latest.json'), JSON.stringify(report, null, 1) + '\n');
const md = ['# Live video: sustained pix2pix rate', '', `${report.date} · ${report.machine}`, '',
  `One run of \`npm run bench:video\`: a 256x256 fake camera at 30 fps through transferStream() for ${seconds} s per row, ` +
  'cross-origin isolated (threads). Tasks > 16 ms: gaps over 20 ms between 4 ms timer ticks on the page.', '',
  '| env | model | mode | fps | dropped | longest main-thread gap ms | tasks > 16 ms |', '|---|---|---|---|---|---|---|'];
for (const r of results.filter((row) => row.isolated !== false)) {
  md.push(r.error ? `| ${r.env} | ${r.model} | ${r.mode} | failed: ${r.error} | | | |`
    : `| ${r.env} | ${r.model} | ${r.mode} | ${r.fps.toFixed(1)} | ${r.dropped} | ${r.longest_gap_ms.toFixed(0)} | ${r.tasks_over_16ms} |`);
}
md.push('', '## Pages without COOP/COEP (no threads): frames over workers', '',
  'Worker mode, streams with 1 lane (the model\'s worker) and 2 (plus one worker with its own module), ' +
  'alternated ABBA in one page, 5 s each, the first second not counted; fps per pair, and each page\'s median 2/1 ratio.', '',
  '| env | model | page | pairs: 1 lane -> 2 lanes fps | median ratio |', '|---|---|---|---|---|');
for (const r of lanes) {
  md.push(r.error ? `| ${r.env} | ${r.model} | ${r.page} | failed: ${r.error} | |`
    : `| ${r.env} | ${r.model} | ${r.page} | ${r.pairs.map((p) => `${p.one.toFixed(1)} -> ${p.two.toFixed(1)}`).join(', ')} | ${r.ratio.toFixed(2)} |`);
}
md.push('', 'The library\'s own choice there (workers: \'auto\'), 10 s, fps after the first 2 s:', '',
  '| env | model | mode | fps | dropped | lanes | measured {lanes: fps} | why |', '|---|---|---|---|---|---|---|---|');
for (const r of results.filter((row) => row.isolated === false)) {
  md.push(r.error ? `| ${r.env} | ${r.model} | ${r.mode} | failed: ${r.error} | | | | |`
    : `| ${r.env} | ${r.model} | ${r.mode} | ${r.fps.toFixed(1)} | ${r.dropped} | ${r.lanes} | ${(r.scaling ?? []).map((d) => `${d.lanes}: ${d.fps}`).join(', ')} | ${r.scaled ?? ''} |`);
}
writeFileSync(join(out, 'video-latest.md'), md.join('\n') + '\n');
log(`wrote ${join(out, 'video-latest.json')} and video-latest.md`);
if ([...results, ...lanes].some((r) => r.error)) process.exitCode = 1;
