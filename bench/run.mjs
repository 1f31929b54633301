// npm run bench: every benchmark of issue 6 in one run on this machine, as medians after
// warm-up, written to bench/results/latest.{json,md,png}.
//   node bench/run.mjs [--smoke] [--out folder]
// --smoke: two runs of a few rows into a temporary folder (npm test runs it so that it does not rot).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServer } from '../scripts/serve.mjs';
import { cvaeOnnx, pix2pixOnnx } from './onnx-export.mjs';
import { ENGINES, launchEngine, openPage } from '../tests/browser/engines.mjs';
import { goalText, pageVerdict } from './paired-goals.mjs';
import { runPairedPages } from './paired-pages.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const shared = join(root, '../shared');
const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const out = args.includes('--out') ? args[args.indexOf('--out') + 1]
  : smoke ? mkdtempSync(join(tmpdir(), 'ml5-wasm-bench-')) : join(root, 'bench/results');
const log = (text) => process.stderr.write(`[bench] ${text}\n`);

const BENCHES = [
  { name: 'pix2pix_ngf32_256', kind: 'pix2pix', file: join(shared, 'ml5-models/pix2pix/synthetic_ngf32.pict'), url: '/shared/ml5-models/pix2pix/synthetic_ngf32.pict' },
  { name: 'pix2pix_default_256', kind: 'pix2pix', file: join(root, 'models/pix2pix-default/model.pict'), url: '/models/pix2pix-default/model.pict' },
  { name: 'cvae_quickdraw', kind: 'cvae', file: join(shared, 'ml5-models/cvae/quick_draw/manifest.json'), url: '/shared/ml5-models/cvae/quick_draw/manifest.json', ml5: true },
  { name: 'cvae_default', kind: 'cvae', file: join(root, 'models/cvae-fashion-mnist/manifest.json'), url: '/models/cvae-fashion-mnist/manifest.json', ml5: true },
].filter((b) => {
  if (existsSync(b.file)) return !smoke || b.name.endsWith('default') || b.name === 'pix2pix_default_256';
  log(`SKIPPED ${b.name}: ${b.file} is absent (../shared is only on CI and dev machines)`);
  return false;
});

// The ort-wasm rows run each network exported to ONNX from the same weight files, now.
const onnxDir = mkdtempSync(join(tmpdir(), 'ml5-wasm-onnx-'));
const exportFailures = [];
for (const bench of BENCHES) {
  try {
    bench.onnx = join(onnxDir, `${bench.name}.onnx`);
    writeFileSync(bench.onnx, bench.kind === 'pix2pix' ? pix2pixOnnx(bench.file) : cvaeOnnx(bench.file));
  } catch (error) {
    log(`${bench.name}: no ONNX export, so no ort-wasm rows (${error.message})`);
    exportFailures.push(`${bench.name} ONNX export: ${error.message}`);
    delete bench.onnx;
  }
}

// The goals judged on paired pages (ours against each, as a multiple of our speed; ready as a
// time), in Chromium with COOP/COEP: on every page.
const PAIRED_GOALS = {
  pix2pix_ngf32_256: { ort_ratio: 2, tfjs_wasm_ratio: 20, ours_ready_ms: { atMost: 30 } },
  pix2pix_default_256: { ort_ratio: 1.5 },
  cvae_quickdraw: { ort_ratio: 2 },
  cvae_default: { ort_ratio: 2 },
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// Runs per row: many for the fast ones, fewer where one call takes seconds.
function runsFor(bench, impl) {
  if (smoke) return 2;
  if (bench.kind === 'cvae') return impl.startsWith('ours') || impl === 'ort-wasm' ? 501 : 101;
  if (impl === 'tfjs-cpu') return bench.name === 'pix2pix_ngf32_256' ? 5 : 11;
  if (impl === 'tfjs-webgl') return 5;  // software GL here: seconds per call
  return 21;
}

const results = [];
function record(bench, env, impl, row) {
  if (row.error || row.unavailable) {
    log(`${bench.name} ${env} ${impl}: ${row.error ?? row.unavailable}`);
    results.push({ name: bench.name, env, impl, unavailable: row.error ?? row.unavailable });
    return;
  }
  const entry = { name: bench.name, env, impl, median_ms: +row.median_ms.toFixed(4), runs: row.runs, ...row };
  entry.median_ms = +row.median_ms.toFixed(4);
  if (row.ready_ms !== undefined) entry.ready_ms = +row.ready_ms.toFixed(2);
  for (const key of ['ready_from_url_ms', 'ready_at_80mbps_ms', 'download_ms', 'download_at_80mbps_ms']) {
    if (row[key] !== undefined) entry[key] = +row[key].toFixed(2);
  }
  results.push(entry);
  const fromUrl = (entry.ready_from_url_ms !== undefined ? `, ${entry.ready_from_url_ms} ms from a URL` : '') +
    (entry.ready_at_80mbps_ms !== undefined ? `, ${entry.ready_at_80mbps_ms} ms at 80 MB/s (download ${entry.download_at_80mbps_ms})` : '');
  log(`${bench.name} ${env} ${impl}: ${entry.median_ms} ms (ready ${entry.ready_ms ?? '-'} ms${fromUrl}, ${entry.runs} runs)`);
}

// ---- Node: each row in a fresh process. Node 20 has relaxed SIMD behind a flag.
const VARIANTS = { 'ours-simd': 'wasm-simd', 'ours-simd-threads': 'wasm-simd-threads', 'ours-relaxed-simd': 'wasm-relaxed-simd',
  'ours-relaxed-simd-threads': 'wasm-relaxed-simd-threads' };
const RELAXED_FLAG = '--experimental-wasm-relaxed-simd';
const nodeImpls = smoke ? ['ours-simd-threads', 'ours-relaxed-simd-threads', 'tfjs-cpu', 'ort-wasm']
  : ['ours-simd', 'ours-simd-threads', 'ours-relaxed-simd', 'ours-relaxed-simd-threads', 'tfjs-wasm', 'tfjs-cpu', 'ort-wasm'];
for (const bench of BENCHES) {
  for (const impl of nodeImpls) {
    if (smoke && (impl === 'tfjs-cpu' || impl === 'ort-wasm') && bench.kind !== 'cvae') continue;
    if (impl === 'ort-wasm' && !bench.onnx) continue;
    const runs = runsFor(bench, impl);
    const env = { ...process.env, ML5_WASM_VARIANT: VARIANTS[impl] ?? 'wasm-simd-threads' };
    const flags = impl.startsWith('ours-relaxed') ? [RELAXED_FLAG] : [];
    const child = spawnSync(process.execPath, [...flags, join(root, 'bench/node-worker.mjs'), impl.startsWith('ours') ? 'ours' : impl, bench.kind, bench.file, String(runs), ...(impl === 'ort-wasm' ? [bench.onnx] : [])],
      { env, encoding: 'utf8', timeout: 900000 });
    const line = child.stdout.trim().split('\n').pop();
    record(bench, 'node', impl, child.status === 0 && line ? JSON.parse(line) : { error: (child.stderr || 'failed').trim().split('\n').pop() });
  }
}

// ---- Native: the same C++ core with 2 threads.
const nativeBench = join(root, 'build/native/bench/ml5_model_bench');
try {
  execFileSync('cmake', ['--build', '--preset', 'native', '--target', 'ml5_model_bench'], { cwd: root, stdio: 'ignore' });
} catch {
  log('could not build build/native/bench/ml5_model_bench (run npm test once first)');
}
for (const bench of BENCHES) {
  if (!existsSync(nativeBench)) break;
  const model = bench.kind === 'cvae' ? join(bench.file, '..') : bench.file;
  const runs = runsFor(bench, 'ours-native');
  const row = JSON.parse(execFileSync(nativeBench, [bench.kind, model, String(runs), '2'], { encoding: 'utf8' }));
  record(bench, 'native', 'ours-native', row);
}

// ---- Per-stage profiles of the largest U-Net: the C++ core natively and in both threaded wasm
// builds (Node), all with 2 threads, averaged over 10 transfers (the model bench's profile mode).
// The relaxed build's fused multiply-add peak (one thread, ml5_op_bench peak) sets its GFLOP/s in
// scale. (SIMD128 has no fused multiply-add; a mul + add loop under-measured what XNNPACK reaches.)
const profiles = {};
const peaks = {};
const profiled = BENCHES.find((b) => b.kind === 'pix2pix');
const WASM_BUILDS = {
  wasm: { preset: 'wasm-simd-threads', flags: [] },
  relaxed: { preset: 'wasm-relaxed-simd-threads', flags: [RELAXED_FLAG], peak: true },
};
for (const [key, build] of Object.entries(WASM_BUILDS)) {
  try {
    // emcc's JS optimizer needs Debian's acorn (see scripts/build.sh).
    execFileSync('cmake', ['--build', '--preset', build.preset, '--target', 'ml5_model_bench', 'ml5_op_bench'],
      { cwd: root, stdio: 'ignore', env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } });
    if (!build.peak) continue;
    const peak = JSON.parse(execFileSync(process.execPath, [...build.flags, join(root, `build/${build.preset}/bench/ml5_op_bench.js`), smoke ? '1' : '5', 'peak'], { encoding: 'utf8' }));
    peaks[build.preset] = { op: peak.op, gflops_per_thread: peak.gflops };
  } catch {
    log(`could not build or run build/${build.preset}/bench (run npm test once first)`);
  }
}
const modelBench = (key) => join(root, `build/${WASM_BUILDS[key].preset}/bench/ml5_model_bench.js`);
if (profiled && existsSync(nativeBench) && existsSync(modelBench('wasm'))) {
  const runs = smoke ? '2' : '21', repeats = smoke ? '2' : '10';
  const native = JSON.parse(execFileSync(nativeBench, ['pix2pix', profiled.file, runs, '2', repeats], { encoding: 'utf8' }));
  const wasm = {};
  for (const key of Object.keys(WASM_BUILDS).filter((k) => existsSync(modelBench(k)))) {
    wasm[key] = JSON.parse(execFileSync(process.execPath, [...WASM_BUILDS[key].flags, modelBench(key), 'pix2pix', profiled.file, runs, '2', repeats], { encoding: 'utf8' }));
  }
  const profile = profiles[profiled.name] = { native_ms: native.median_ms, stages: {} };
  for (const key of Object.keys(wasm)) profile[`${key}_ms`] = wasm[key].median_ms;
  for (const stage of Object.keys(native.profile_ms)) {
    const mflop = native.profile_mflop[stage];  // the same work in every build
    const row = profile.stages[stage] = { native_ms: native.profile_ms[stage], ...(mflop && { mflop, native_gflops: +(mflop / native.profile_ms[stage]).toFixed(1) }) };
    for (const key of Object.keys(wasm)) {
      row[`${key}_ms`] = wasm[key].profile_ms[stage];
      if (mflop) row[`${key}_gflops`] = +(mflop / wasm[key].profile_ms[stage]).toFixed(1);
    }
  }
  log(`profiled ${profiled.name}: ${native.median_ms} ms native, ${Object.entries(wasm).map(([k, w]) => `${w.median_ms} ms ${k}`).join(', ')} (2 threads)`);
}

// ---- Fraction of the limit: the profiled U-Net end to end in the relaxed threaded build (Node, 2
// threads) against the relaxed-SIMD multiply-add peak measured in this run, times the threads.
let limit = null;
const relaxedPeak = peaks['wasm-relaxed-simd-threads'];
const relaxedProfile = profiled && profiles[profiled.name];
if (relaxedPeak && relaxedProfile?.relaxed_ms) {
  const mflop = Object.values(relaxedProfile.stages).reduce((sum, stage) => sum + (stage.mflop ?? 0), 0);
  const gflops = mflop / relaxedProfile.relaxed_ms;  // MFLOP per ms is GFLOP/s
  const peak = 2 * relaxedPeak.gflops_per_thread;
  limit = { name: profiled.name, threads: 2, mflop: +mflop.toFixed(0), ms: relaxedProfile.relaxed_ms, gflops: +gflops.toFixed(1),
    peak_gflops: +peak.toFixed(1), fraction: +(gflops / peak).toFixed(3), goal: 0.75 };
  log(`${profiled.name} end to end: ${limit.gflops} GFLOP/s, ${(100 * limit.fraction).toFixed(0)}% of 2 x the relaxed multiply-add peak (goal 75%)`);
}

// ---- Chromium: one fresh page per row; threads need the COOP/COEP server.
async function ml5Original() {
  const cache = join(process.env.ML5_WASM_CACHE ?? join(homedir(), '.cache/ml5-wasm'), 'bench/ml5-0.12.2');
  const file = join(cache, 'package/dist/ml5.min.js');
  if (existsSync(file)) return join(cache, 'package/dist');
  try {
    mkdirSync(cache, { recursive: true });
    const tarball = execFileSync('npm', ['pack', 'ml5@0.12.2', '--silent', '--pack-destination', cache], { encoding: 'utf8' }).trim().split('\n').pop();
    execFileSync('tar', ['xzf', join(cache, tarball), '-C', cache, 'package/dist/ml5.min.js']);
    return join(cache, 'package/dist');
  } catch (error) {
    log(`SKIPPED ml5-0.12.2: could not fetch it from the npm registry (${error.message.split('\n')[0]})`);
    return null;
  }
}
const ml5Folder = smoke ? null : await ml5Original();
const mounts = { '/shared/': shared, '/onnx/': onnxDir, ...(ml5Folder ? { '/ml5-0.12.2/': ml5Folder } : {}) };
const servers = { isolated: await startServer({ isolated: true, mounts }), plain: await startServer({ isolated: false, mounts }) };
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--enable-unsafe-swiftshader'] });
const browserImpls = smoke ? ['ours-simd-threads', 'ours-relaxed-simd-threads', 'ort-wasm']
  : ['ours-simd', 'ours-relaxed-simd', 'ours-simd-threads', 'ours-relaxed-simd-threads', 'ort-wasm', 'tfjs-wasm', 'tfjs-cpu', 'tfjs-webgl', 'ml5-0.12.2'];
// Rows without threads run on a page without COOP/COEP, as the p5 web editor serves sketches.
const UNTHREADED = ['ours-simd', 'ours-relaxed-simd'];
const onnxUrl = (bench) => (bench.onnx ? `/onnx/${bench.name}.onnx` : null);
// Pages without COOP/COEP get a coarse clock (Firefox and WebKit: whole ms): sub-ms CVAE calls
// there are timed 20 to a sample.
const batchFor = (bench, impl) => (bench.kind === 'cvae' && UNTHREADED.includes(impl) ? 20 : 1);
let webglRenderer = null;
try {
  for (const bench of BENCHES) {
    if (smoke && bench.kind !== 'cvae') continue;
    for (const impl of browserImpls) {
      if (impl === 'ml5-0.12.2' && (!bench.ml5 || !ml5Folder)) continue;
      if (impl === 'ort-wasm' && !bench.onnx) continue;
      const server = UNTHREADED.includes(impl) ? servers.plain : servers.isolated;
      const page = await browser.newPage();
      await page.goto(`${server.url}bench/page.html?impl=${impl}`);
      if (impl === 'tfjs-webgl') {
        webglRenderer ??= await page.evaluate(() => {
          const gl = document.createElement('canvas').getContext('webgl');
          return gl ? gl.getParameter(gl.getExtension('WEBGL_debug_renderer_info')?.UNMASKED_RENDERER_WEBGL ?? gl.RENDERER) : null;
        });
      }
      // A row that takes over 5 minutes (software WebGL can) is recorded as such.
      let timer;
      const timeout = new Promise((resolve) => { timer = setTimeout(() => resolve({ error: 'over 5 minutes' }), 300000); });
      const row = await Promise.race([
        page.evaluate((r) => window.runBench(r), { impl, bench: bench.kind, model: bench.url, onnx: onnxUrl(bench), runs: runsFor(bench, impl), batch: batchFor(bench, impl) }),
        timeout,
      ]);
      clearTimeout(timer);
      if (impl === 'tfjs-webgl' && webglRenderer) row.gl = webglRenderer;
      record(bench, 'chromium', impl, { ...row, runs: runsFor(bench, impl) });
      await page.close();
    }
  }
} finally {
  await browser.close();
}

// ---- Firefox and WebKit (with SharedArrayBuffer, as Safari on isolated pages): ours with and
// without threads (and relaxed SIMD, where the engine has it), and tfjs-wasm, the same pages as
// Chromium's.
const otherEngines = ['firefox', 'webkit-sab'];
const paired = { goals: PAIRED_GOALS, rows: [] };
const otherImpls = smoke ? ['ours-simd-threads'] : ['ours-simd', 'ours-relaxed-simd', 'ours-simd-threads', 'ours-relaxed-simd-threads', 'ort-wasm', 'tfjs-wasm'];
const versions = {};
try {
  for (const name of otherEngines) {
    let engineBrowser;
    try {
      engineBrowser = await launchEngine(ENGINES.find((e) => e.name === name));
    } catch (error) {
      log(`SKIPPED ${name}: ${error.message}`);
      continue;
    }
    try {
      for (const bench of BENCHES) {
        if (smoke && bench.kind !== 'cvae') continue;
        for (const impl of otherImpls) {
          if (impl === 'ort-wasm' && !bench.onnx) continue;
          const server = UNTHREADED.includes(impl) ? servers.plain : servers.isolated;
          const page = await openPage(engineBrowser, `${server.url}bench/page.html?impl=${impl}`);
          versions[name] ??= await page.evaluate(() => navigator.userAgent);
          // A driver that fails to hand a row back (WebKitWebDriver once: "Could not parse script
          // result") costs that row, not the run.
          const row = await page.evaluate((r) => window.runBench(r), { impl, bench: bench.kind, model: bench.url, onnx: onnxUrl(bench), runs: runsFor(bench, impl), batch: batchFor(bench, impl) })
            .catch((error) => ({ error: `the browser driver failed: ${error.message}` }));
          record(bench, name, impl, { ...row, runs: runsFor(bench, impl) });
          await page.close();
        }
      }
    } finally {
      await engineBrowser.close();
    }
  }

  // ---- Paired headline rows: each row above runs in its own page, minutes from the others, so a
  // ratio of two rows measures the machine's load as much as the code. These run ours, ONNX
  // Runtime Web and tfjs-wasm alternated in one page (two threads each, COOP/COEP), in fresh
  // pages, each page's ratios kept; a goal is met when every page meets it.
  paired.rows = await runPairedPages({
    impl: 'paired-isolated', engines: ['chromium'], pages: smoke ? 1 : 3, smoke, serverUrl: servers.isolated.url, log,
    benches: BENCHES.filter((b) => b.onnx && PAIRED_GOALS[b.name]).map((b) => ({
      name: b.name, kind: b.kind, url: b.url, onnx: onnxUrl(b), runs: { pix2pix_ngf32_256: 11, pix2pix_default_256: 21 }[b.name] ?? 201 })),
  });
} finally {
  await servers.isolated.close();
  await servers.plain.close();
}
paired.verdicts = {};
for (const [name, goals] of Object.entries(PAIRED_GOALS)) {
  const pages = paired.rows.filter((r) => r.name === name && !r.error);
  paired.verdicts[name] = Object.fromEntries(Object.entries(goals).map(([key, goal]) =>
    [key, pageVerdict(pages.map((r) => r[key]), goal)]));
}

// ---- Native against wasm, paired: rounds in which the native core and the relaxed-SIMD threaded
// wasm (Node) take turns on the same model, 2 threads each; each round's ratio.
const nativePairs = [];
for (const bench of BENCHES.filter((b) => b.kind === 'pix2pix')) {
  if (!existsSync(nativeBench)) break;
  const runs = smoke ? 2 : 21, rounds = [];
  for (let round = 0; round < (smoke ? 1 : 3); round++) {
    const native = JSON.parse(execFileSync(nativeBench, ['pix2pix', bench.file, String(runs), '2'], { encoding: 'utf8' }));
    const child = spawnSync(process.execPath, [RELAXED_FLAG, join(root, 'bench/node-worker.mjs'), 'ours', 'pix2pix', bench.file, String(runs)],
      { env: { ...process.env, ML5_WASM_VARIANT: 'wasm-relaxed-simd-threads' }, encoding: 'utf8', timeout: 900000 });
    const wasm = child.status === 0 ? JSON.parse(child.stdout.trim().split('\n').pop()) : null;
    if (!wasm) {
      log(`${bench.name}: the wasm side of the native pairing failed (${(child.stderr || '').trim().split('\n').pop()})`);
      break;
    }
    rounds.push({ native_ms: native.median_ms, wasm_ms: wasm.median_ms, ratio: +(wasm.median_ms / native.median_ms).toFixed(3) });
  }
  if (rounds.length) {
    nativePairs.push({ name: bench.name, rounds, ratio_median: +median(rounds.map((r) => r.ratio)).toFixed(3) });
    log(`${bench.name}: wasm (relaxed, threads, Node) / native per round: ${rounds.map((r) => r.ratio.toFixed(2)).join(', ')}`);
  }
}

// ---- Sizes, heap, ratios.
const sizes = {};
for (const file of ['ml5-wasm-simd.wasm', 'ml5-wasm-simd-threads.wasm', 'ml5-wasm-relaxed-simd.wasm', 'ml5-wasm-relaxed-simd-threads.wasm',
  'ml5-wasm-simd.js', 'ml5-wasm-simd-threads.js', 'ml5-wasm-relaxed-simd.js', 'ml5-wasm-relaxed-simd-threads.js', 'ml5-wasm.umd.js', 'ml5-wasm.browser.mjs', 'ml5-wasm.single.js']) {
  const bytes = readFileSync(join(root, 'dist', file));
  sizes[file] = { bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}
const find = (name, env, impl) => results.find((r) => r.name === name && r.env === env && r.impl === impl && r.median_ms !== undefined);
const heap = {};
for (const bench of BENCHES.filter((b) => b.kind === 'pix2pix')) {
  const row = find(bench.name, 'node', 'ours-simd-threads');
  const bytes = readFileSync(bench.file);
  const weights = bytes.length - 4 * 3 - bytes.readUInt32BE(0) - 1024;  // one code per weight
  if (row) heap[bench.name] = { peak_bytes: row.heap_peak, float_weight_bytes: 4 * weights, ratio: +(row.heap_peak / (4 * weights)).toFixed(2) };
}
const ratio = (a, b) => (a && b ? +(a.median_ms / b.median_ms).toFixed(2) : null);
const ratios = {};
for (const bench of BENCHES) {
  const threads = find(bench.name, 'chromium', 'ours-simd-threads');
  const relaxed = find(bench.name, 'chromium', 'ours-relaxed-simd-threads');
  ratios[bench.name] = {
    chromium_tfjs_wasm_over_ours_threads: ratio(find(bench.name, 'chromium', 'tfjs-wasm'), threads),
    chromium_tfjs_cpu_over_ours_threads: ratio(find(bench.name, 'chromium', 'tfjs-cpu'), threads),
    chromium_ml5_0_12_2_over_ours_threads: ratio(find(bench.name, 'chromium', 'ml5-0.12.2'), threads),
    node_ours_threads_over_native: ratio(find(bench.name, 'node', 'ours-simd-threads'), find(bench.name, 'native', 'ours-native')),
    chromium_ours_threads_over_native: ratio(threads, find(bench.name, 'native', 'ours-native')),
    firefox_ours_threads_over_chromium: ratio(find(bench.name, 'firefox', 'ours-simd-threads'), threads),
    webkit_ours_threads_over_chromium: ratio(find(bench.name, 'webkit-sab', 'ours-simd-threads'), threads),
    // The relaxed-SIMD variant, which Chromium and Firefox pick on isolated pages.
    chromium_ours_relaxed_over_ours_threads: ratio(relaxed, threads),
    chromium_ours_relaxed_simd_over_ours_simd: ratio(find(bench.name, 'chromium', 'ours-relaxed-simd'), find(bench.name, 'chromium', 'ours-simd')),
    chromium_ours_relaxed_over_native: ratio(relaxed, find(bench.name, 'native', 'ours-native')),
    chromium_tfjs_wasm_over_ours_relaxed: ratio(find(bench.name, 'chromium', 'tfjs-wasm'), relaxed),
    firefox_ours_relaxed_over_ours_threads: ratio(find(bench.name, 'firefox', 'ours-relaxed-simd-threads'), find(bench.name, 'firefox', 'ours-simd-threads')),
    node_ours_relaxed_over_native: ratio(find(bench.name, 'node', 'ours-relaxed-simd-threads'), find(bench.name, 'native', 'ours-native')),
    // ONNX Runtime Web (wasm, SIMD, 2 threads) against what each engine picks for us.
    chromium_ort_wasm_over_ours_relaxed: ratio(find(bench.name, 'chromium', 'ort-wasm'), relaxed),
    chromium_ort_wasm_over_ours_threads: ratio(find(bench.name, 'chromium', 'ort-wasm'), threads),
    node_ort_wasm_over_ours_threads: ratio(find(bench.name, 'node', 'ort-wasm'), find(bench.name, 'node', 'ours-simd-threads')),
    node_ort_wasm_over_ours_relaxed: ratio(find(bench.name, 'node', 'ort-wasm'), find(bench.name, 'node', 'ours-relaxed-simd-threads')),
  };
}
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}, ` +
  `Chromium ${browser.version()}${webglRenderer ? `, WebGL: ${webglRenderer}` : ''}` +
  Object.entries(versions).map(([name, agent]) => `; ${name}: ${agent}`).join('');
const report = { date: new Date().toISOString(), machine, smoke, results, paired, native_pairs: nativePairs, limit, sizes, heap, ratios, profiles, peaks };
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'latest.json'), JSON.stringify(report, null, 1) + '\n');
writeFileSync(join(out, 'latest.md'), markdown(report));
await chart(report, join(out, 'latest.png'));
log(`wrote ${join(out, 'latest.json')}, latest.md and latest.png`);
// The smoke run's rows must all work (npm test runs it so that no row rots unnoticed).
const broken = [...exportFailures, ...results.filter((r) => r.unavailable).map((r) => `${r.name} ${r.env} ${r.impl}: ${r.unavailable}`)];
if (smoke && broken.length) {
  log(`FAILED: ${broken.join('; ')}`);
  process.exitCode = 1;
}

function markdown({ date, machine, results, paired, native_pairs: nativePairs, limit, sizes, heap, ratios, profiles, peaks }) {
  const lines = [`# Benchmark results`, '', `${date} · ${machine}`, '',
    '## Paired: the ratios the goals are judged on', '',
    'Chromium, pages with COOP/COEP, two threads for each: ours, ONNX Runtime Web and tfjs-wasm alternated in one page, ' +
    'each page\'s medians and median per-call ratio. A goal is met when every page meets it; where pages straddle it, undecided.', '',
    '| model | page | ours ms (variant) | ORT ms | ORT / ours | tfjs-wasm ms | tfjs-wasm / ours |', '|---|---|---|---|---|---|---|'];
  for (const r of paired.rows) {
    const ms = (x) => x.toFixed(x < 10 ? 3 : 1);
    lines.push(r.error ? `| ${r.name} | ${r.page} | failed: ${r.error} | | | | |`
      : `| ${r.name} | ${r.page} | ${ms(r.ours_ms)} (${r.variant}) | ${ms(r.ort_ms)} | ${r.ort_ratio.toFixed(2)} | ${ms(r.tfjs_wasm_ms)} | ${r.tfjs_wasm_ratio.toFixed(1)} |`);
  }
  lines.push('');
  for (const [name, goals] of Object.entries(paired.goals)) {
    lines.push(`- ${name}: ${Object.entries(goals).map(([key, goal]) => `${goalText(key, goal)}: ${paired.verdicts[name][key]}`).join('; ')}`);
  }
  const readyRows = paired.rows.filter((r) => r.ours_ready_ms !== undefined);
  if (readyRows.length) {
    lines.push('', 'Ready from bytes in memory, paired in the same pages: ours (`ml5.pix2pix(bytes)`) and an ONNX Runtime session ' +
      'on the same weights take turns, each freed before the next; medians per page.', '',
    '| model | page | loads each | ours ms | ORT session ms | ORT / ours |', '|---|---|---|---|---|---|');
    for (const r of readyRows) {
      lines.push(`| ${r.name} | ${r.page} | ${r.ready_loads} | ${r.ours_ready_ms.toFixed(1)} | ${r.ort_ready_ms.toFixed(1)} | ${r.ort_ready_ratio.toFixed(2)} |`);
    }
  }
  lines.push('', 'Native against wasm (relaxed SIMD, threads, Node), 2 threads each, taking turns in rounds:', '',
    '| model | native ms per round | wasm ms per round | wasm / native per round | median |', '|---|---|---|---|---|');
  for (const p of nativePairs) {
    lines.push(`| ${p.name} | ${p.rounds.map((r) => r.native_ms.toFixed(1)).join(', ')} | ${p.rounds.map((r) => r.wasm_ms.toFixed(1)).join(', ')} | ` +
      `${p.rounds.map((r) => r.ratio.toFixed(2)).join(', ')} | ${p.ratio_median.toFixed(2)} |`);
  }
  if (limit) {
    lines.push('', `Fraction of the limit: ${limit.name} end to end in the relaxed threaded build (Node, ${limit.threads} threads) ` +
      `did ${limit.mflop} MFLOP in ${limit.ms} ms, ${limit.gflops} GFLOP/s: ${(100 * limit.fraction).toFixed(0)}% of ${limit.threads} × the ` +
      `relaxed-SIMD multiply-add peak measured in this run (${limit.peak_gflops} GFLOP/s). Goal: ${100 * limit.goal}%: ${limit.fraction >= limit.goal ? 'met' : 'not met'}.`);
  }
  lines.push('', '## Unpaired rows: absolute times', '',
    'Each row below ran in its own page or process, minutes from the others: good for absolute times, not for ratios ' +
    '(the machine\'s load moves between rows).', '',
    'Medians in ms after warm-up, all from one run of `npm run bench` (bench/run.mjs). Ready: a pix2pix model from its bytes ' +
    'in memory (after download); from URL: ours from the file\'s path in Node, from its URL on the bench server (localhost) in ' +
    'the browsers; at 80 MB/s: from the same URL with the server pacing the body at 80 MB/s, as over a network. ' +
    'In brackets: the download alone (fetch + arrayBuffer of that URL), which ready from it cannot beat.', '');
  const withDownload = (ms, download) => (ms === undefined ? '' : download === undefined ? ms : `${ms} (${download})`);
  for (const bench of [...new Set(results.map((r) => r.name))]) {
    lines.push(`## ${bench}`, '', '| env | impl | median ms | ready ms | ready from URL ms | ready at 80 MB/s ms | runs | vs ours-simd-threads (same env) |', '|---|---|---|---|---|---|---|---|');
    for (const r of results.filter((x) => x.name === bench)) {
      const base = find(bench, r.env === 'native' ? 'chromium' : r.env, 'ours-simd-threads');
      const vs = r.median_ms !== undefined && base ? `${(r.median_ms / base.median_ms).toFixed(2)}×` : '';
      lines.push(`| ${r.env} | ${r.impl} | ${r.median_ms ?? r.unavailable} | ${r.ready_ms ?? ''} | ${withDownload(r.ready_from_url_ms, r.download_ms)} | ` +
        `${withDownload(r.ready_at_80mbps_ms, r.download_at_80mbps_ms)} | ${r.runs ?? ''} | ${vs} |`);
    }
    lines.push('');
  }
  lines.push('## Ratios of unpaired rows (not for goals)', '', '| bench | tfjs-wasm / ours (Chromium) | tfjs-cpu / ours (Chromium) | ml5 0.12.2 / ours (Chromium) | ours Node / native | ours Chromium / native | ours Firefox / Chromium | ours WebKit / Chromium |', '|---|---|---|---|---|---|---|---|');
  for (const [bench, r] of Object.entries(ratios)) {
    lines.push(`| ${bench} | ${r.chromium_tfjs_wasm_over_ours_threads ?? ''} | ${r.chromium_tfjs_cpu_over_ours_threads ?? ''} | ${r.chromium_ml5_0_12_2_over_ours_threads ?? ''} | ${r.node_ours_threads_over_native ?? ''} | ${r.chromium_ours_threads_over_native ?? ''} | ${r.firefox_ours_threads_over_chromium ?? ''} | ${r.webkit_ours_threads_over_chromium ?? ''} |`);
  }
  lines.push('', 'Relaxed SIMD (ours-relaxed-simd-threads, what Chromium and Firefox pick on isolated pages):', '',
    '| bench | relaxed / simd-threads (Chromium) | relaxed / simd, no threads (Chromium) | relaxed / simd-threads (Firefox) | relaxed Chromium / native | relaxed Node / native | tfjs-wasm / relaxed (Chromium) | ORT-web / relaxed (Chromium) | ORT-web / simd-threads (Chromium) | ORT-web / relaxed (Node) | ORT-web / simd-threads (Node) |', '|---|---|---|---|---|---|---|---|---|---|---|');
  for (const [bench, r] of Object.entries(ratios)) {
    lines.push(`| ${bench} | ${r.chromium_ours_relaxed_over_ours_threads ?? ''} | ${r.chromium_ours_relaxed_simd_over_ours_simd ?? ''} | ${r.firefox_ours_relaxed_over_ours_threads ?? ''} | ${r.chromium_ours_relaxed_over_native ?? ''} | ${r.node_ours_relaxed_over_native ?? ''} | ${r.chromium_tfjs_wasm_over_ours_relaxed ?? ''} | ` +
      `${r.chromium_ort_wasm_over_ours_relaxed ?? ''} | ${r.chromium_ort_wasm_over_ours_threads ?? ''} | ${r.node_ort_wasm_over_ours_relaxed ?? ''} | ${r.node_ort_wasm_over_ours_threads ?? ''} |`);
  }
  lines.push('', '## Sizes', '', '| file | bytes | gzip -9 |', '|---|---|---|');
  for (const [file, s] of Object.entries(sizes)) lines.push(`| ${file} | ${s.bytes} | ${s.gzip} |`);
  lines.push('', '## Peak wasm heap (Node, pix2pix load and transfer)', '', '| model | peak bytes | float weights | ratio |', '|---|---|---|---|');
  for (const [bench, h] of Object.entries(heap)) lines.push(`| ${bench} | ${h.peak_bytes} | ${h.float_weight_bytes} | ${h.ratio}× |`);
  const peak2 = (preset) => (peaks[preset] ? 2 * peaks[preset].gflops_per_thread : null);
  const ofPeak = (gflops, preset) => (gflops && peak2(preset) ? ` (${Math.round((100 * gflops) / peak2(preset))}%)` : '');
  for (const [bench, p] of Object.entries(profiles)) {
    const relaxed = p.relaxed_ms !== undefined;
    lines.push('', `## Per-stage profile: ${bench}, 2 threads (ms per transfer; wasm: wasm-simd-threads in Node, relaxed: wasm-relaxed-simd-threads)`, '',
      `Whole transfer: ${p.native_ms} ms native, ${p.wasm_ms} ms wasm (${(p.wasm_ms / p.native_ms).toFixed(2)}×)` +
        (relaxed ? `, ${p.relaxed_ms} ms relaxed (${(p.relaxed_ms / p.native_ms).toFixed(2)}×).` : '.'), '',
      'GFLOP/s: 2 per multiply-add of the convolutions, over the stage\'s time (2 cores). Percentages: of twice the ' +
        `one-thread fused multiply-add peak, measured by ml5_op_bench (${Object.entries(peaks).map(([k, v]) => `${k}: ${v.op}, ${v.gflops_per_thread} GFLOP/s per thread`).join('; ')}).`, '',
      '| stage | native ms | wasm ms | relaxed ms | relaxed / native | MFLOP | native GFLOP/s | wasm GFLOP/s | relaxed GFLOP/s |', '|---|---|---|---|---|---|---|---|---|');
    const stages = Object.entries(p.stages).sort((a, b) => b[1].wasm_ms - a[1].wasm_ms);
    for (const [stage, s] of stages) {
      lines.push(`| ${stage} | ${s.native_ms.toFixed(2)} | ${s.wasm_ms.toFixed(2)} | ${s.relaxed_ms?.toFixed(2) ?? ''} | ${relaxed ? (s.relaxed_ms / Math.max(s.native_ms, 1e-3)).toFixed(2) : ''} | ` +
        `${s.mflop?.toFixed(0) ?? ''} | ${s.native_gflops ?? ''} | ${s.wasm_gflops ?? ''}${ofPeak(s.wasm_gflops, 'wasm-simd-threads')} | ${s.relaxed_gflops ?? ''}${ofPeak(s.relaxed_gflops, 'wasm-relaxed-simd-threads')} |`);
    }
  }
  return lines.join('\n') + '\n';
}

// A horizontal bar chart (log scale) of every row, drawn as SVG and rendered by Chromium.
async function chart({ results, machine }, file) {
  const rows = results.filter((r) => r.median_ms !== undefined);
  const max = Math.log10(Math.max(...rows.map((r) => r.median_ms)) * 2), min = Math.log10(Math.min(...rows.map((r) => r.median_ms)) / 2);
  const x = (ms) => 250 + ((Math.log10(ms) - min) / (max - min)) * 520;
  const colour = (impl) => (impl.startsWith('ours') ? '#1f77b4' : impl.startsWith('tfjs') ? '#ff7f0e' : impl === 'ort-wasm' ? '#9467bd' : '#2ca02c');
  let y = 40, svg = '';
  for (const bench of [...new Set(rows.map((r) => r.name))]) {
    svg += `<text x="10" y="${y + 14}" font-weight="bold">${bench}</text>`;
    y += 22;
    for (const r of rows.filter((q) => q.name === bench)) {
      svg += `<text x="20" y="${y + 12}">${r.env} · ${r.impl}</text><rect x="250" y="${y + 2}" width="${x(r.median_ms) - 250}" height="12" fill="${colour(r.impl)}"/>` +
        `<text x="${x(r.median_ms) + 4}" y="${y + 12}">${r.median_ms < 10 ? r.median_ms.toFixed(2) : r.median_ms.toFixed(0)} ms</text>`;
      y += 17;
    }
    y += 8;
  }
  const html = `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="${y + 34}" font-family="sans-serif" font-size="12">` +
    `<rect width="100%" height="100%" fill="#fff"/><text x="10" y="16" font-size="14">Median ms per call, log scale (blue: ml5-wasm, orange: ml5's algorithm on tfjs, purple: ONNX Runtime Web, green: ml5 0.12.2)</text>` +
    `<text x="10" y="32" fill="#555">${machine.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</text>${svg.replace(/y="(\d+)"/g, (m, v) => `y="${+v + 14}"`)}</svg>`;
  const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  const page = await b.newPage({ viewport: { width: 900, height: y + 34 } });
  await page.setContent(`<body style="margin:0">${html}</body>`);
  await page.screenshot({ path: file });
  await b.close();
}
