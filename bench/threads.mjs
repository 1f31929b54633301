// npm run bench:threads: is the thread policy ever slower than one thread? In Node and in each
// browser engine, ours with threads (the policy: calibrated at load) against ours without, on an
// idle machine and with every core kept busy by CPU burners that this script starts and stops.
// Rows of one condition run in one stretch, so each pair shares the machine's state.
//   node bench/threads.mjs [--smoke] [--out folder] [--engines chromium,firefox,webkit-sab]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENGINES, launchEngine, openPage, startTestServer } from '../tests/browser/engines.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const shared = join(root, '../shared');
const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const out = option('--out', smoke ? mkdtempSync(join(tmpdir(), 'ml5-wasm-threads-')) : join(root, 'bench/results'));
// WebKit as Debian ships it has no SharedArrayBuffer, so no threaded row: webkit-sab stands in.
const engines = option('--engines', 'chromium,firefox,webkit-sab').split(',');
const log = (text) => process.stderr.write(`[bench:threads] ${text}\n`);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const ngf32 = join(shared, 'ml5-models/pix2pix/synthetic_ngf32.pict');
const BENCHES = [
  existsSync(ngf32)
    ? { name: 'pix2pix_ngf32_256', kind: 'pix2pix', file: ngf32, url: '/shared/ml5-models/pix2pix/synthetic_ngf32.pict' }
    : { name: 'pix2pix_default_256', kind: 'pix2pix', file: join(root, 'models/pix2pix-default/model.pict'), url: '/models/pix2pix-default/model.pict' },
  { name: 'cvae_default', kind: 'cvae', file: join(root, 'models/cvae-fashion-mnist/manifest.json'), url: '/models/cvae-fashion-mnist/manifest.json' },
  // generateBatch(16): CVAE calls large enough for its two transposed convolutions to thread.
  { name: 'cvae_default_batch16', kind: 'cvae', images: 16, file: join(root, 'models/cvae-fashion-mnist/manifest.json'), url: '/models/cvae-fashion-mnist/manifest.json' },
];
if (!existsSync(ngf32)) log(`pix2pix ngf32 absent (${ngf32}): the default ngf8 model instead`);
const runsFor = (bench) => (smoke ? 2 : bench.kind === 'cvae' ? 51 : 15);
// Each pair of rows runs this many times, alternating threads / one thread, and a row reports
// the median of its rounds: sub-ms CVAE calls drift by +-30% between pages otherwise.
const ROUNDS = smoke ? 1 : 3;
// CVAE calls take under a millisecond, and pages without isolation see a clock in whole ms
// (Firefox, WebKit): each timed sample is 20 calls there.
const batchFor = (bench) => (bench.kind === 'cvae' && !smoke ? (bench.images ? 4 : 20) : 1);
const IMPLS = ['ours-simd-threads', 'ours-simd'];

// One busy-looping process per core, each ending by itself after `seconds` at the latest.
function startBurners(seconds) {
  const burners = cpus().map(() => spawn(process.execPath,
    ['-e', `const end = Date.now() + ${seconds * 1000}; while (Date.now() < end);`], { stdio: 'ignore' }));
  return () => burners.forEach((burner) => burner.kill());
}

function nodeRow(bench, impl) {
  const env = { ...process.env, ML5_WASM_VARIANT: impl === 'ours-simd' ? 'wasm-simd' : 'wasm-simd-threads' };
  const child = spawnSync(process.execPath,
    [join(root, 'bench/node-worker.mjs'), 'ours', bench.kind, bench.file, String(runsFor(bench)), String(bench.images ?? 1)],
    { env, encoding: 'utf8', timeout: 600000 });
  const line = child.stdout.trim().split('\n').pop();
  return child.status === 0 && line ? JSON.parse(line) : { error: (child.stderr || 'failed').trim().split('\n').pop() };
}

async function browserRows(engineName, rows) {
  const engine = ENGINES.find((e) => e.name === engineName);
  const servers = { isolated: await startTestServer({ isolated: true }), plain: await startTestServer({ isolated: false }) };
  const browser = await launchEngine(engine);
  try {
    for (const [bench, impl, record] of rows) {
      const server = impl === 'ours-simd' ? servers.plain : servers.isolated;
      const page = await openPage(browser, `${server.url}bench/page.html?impl=${impl}`);
      record(await page.evaluate((r) => window.runBench(r),
        { impl, bench: bench.kind, model: bench.url, runs: runsFor(bench), loads: 1, batch: batchFor(bench), images: bench.images ?? 1 }));
      await page.close();
    }
  } finally {
    await browser.close();
    await servers.isolated.close();
    await servers.plain.close();
  }
}

const results = [];
for (const load of ['idle', 'busy']) {
  const stopBurners = load === 'busy' ? startBurners(smoke ? 60 : 900) : () => {};
  try {
    for (const env of ['node', ...engines]) {
      const rows = [];
      for (const bench of BENCHES) {
        const rounds = Object.fromEntries(IMPLS.map((impl) => [impl, []]));
        for (let round = 0; round < ROUNDS; round++) {
          for (const impl of IMPLS) {
            rows.push([bench, impl, (row) => {
              rounds[impl].push(row);
              if (rounds[impl].length < ROUNDS) return;
              const timed = rounds[impl].filter((r) => !r.error);
              const entry = timed.length === ROUNDS
                ? { ...timed[0], median_ms: median(timed.map((r) => r.median_ms)), rounds_ms: timed.map((r) => +r.median_ms.toFixed(3)) }
                : rounds[impl].find((r) => r.error);
              results.push({ name: bench.name, load, env, impl, ...entry });
              log(`${load} ${env} ${bench.name} ${impl}: ${entry.error ?? `${entry.median_ms.toFixed(2)} ms on ${entry.threads} thread(s), rounds ${entry.rounds_ms.join(' / ')}`}`);
            }]);
          }
        }
      }
      if (env === 'node') for (const [bench, impl, record] of rows) record(nodeRow(bench, impl));
      else await browserRows(env, rows);
    }
  } finally {
    stopBurners();
  }
}

// Threads over one thread, per (load, env, bench): the goal is <= 1.0 everywhere.
const ratios = [];
for (const r of results.filter((x) => x.impl === 'ours-simd-threads' && x.median_ms !== undefined)) {
  const one = results.find((x) => x.impl === 'ours-simd' && x.load === r.load && x.env === r.env && x.name === r.name);
  if (one?.median_ms) ratios.push({ load: r.load, env: r.env, name: r.name, threads: r.threads, ratio: +(r.median_ms / one.median_ms).toFixed(3) });
}
const report = { date: new Date().toISOString(), machine: `${cpus()[0]?.model}, ${cpus().length} cores, Node ${process.version}`, smoke, results, ratios };
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'threads-latest.json'), JSON.stringify(report, null, 1) + '\n');
const md = [`# Threads against one thread`, '', `${report.date} · ${report.machine}`, '',
  `Medians in ms, one run of \`npm run bench:threads\`: each row is the median of ${ROUNDS} rounds that alternate threads and one thread (a page or process each). ` +
  'busy: one CPU-burning process per core during the rows. ' +
  'threads: the threaded build with its load-time calibration; one thread: the build without threads.', '',
  '| load | env | bench | threads ms (count) | one thread ms | threads / one thread |', '|---|---|---|---|---|---|'];
for (const q of ratios) {
  const t = results.find((x) => x.impl === 'ours-simd-threads' && x.load === q.load && x.env === q.env && x.name === q.name);
  const o = results.find((x) => x.impl === 'ours-simd' && x.load === q.load && x.env === q.env && x.name === q.name);
  md.push(`| ${q.load} | ${q.env} | ${q.name} | ${t.median_ms.toFixed(2)} (${t.threads}) | ${o.median_ms.toFixed(2)} | ${q.ratio.toFixed(2)}× |`);
}
writeFileSync(join(out, 'threads-latest.md'), md.join('\n') + '\n');
log(`wrote ${join(out, 'threads-latest.json')} and threads-latest.md`);
const failed = results.filter((r) => r.error);
if (failed.length) {
  log(`${failed.length} rows failed`);
  process.exitCode = 1;
}
