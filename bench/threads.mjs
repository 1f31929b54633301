// npm run bench:threads: is the thread policy ever slower than one thread? In Node and in each
// browser engine, ours with threads (the policy: calibrated at load) against ours without, paired
// in one process or page (bench/paired-threads.js), on an idle machine and with every core kept
// busy by CPU burners that this script starts and stops.
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
// Pairs of calls (threads, one thread) per page: sub-ms CVAE calls need many for a steady median.
const runsFor = (bench) => (smoke ? 2 : bench.kind === 'cvae' ? 101 : 41);
// Pages (processes in Node) per row: with both cores busy one page's paired median moved by
// +-7% even with no thread involved, so a row pools the calls of several and shows each one's.
const ROUNDS = smoke ? 1 : 3;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// One row from its rounds: medians over all their calls, and each round's ratio.
function mergeRounds(rounds) {
  const failed = rounds.find((r) => r.error);
  if (failed) return failed;
  const t = rounds.flatMap((r) => r.threads_calls_ms), o = rounds.flatMap((r) => r.one_thread_calls_ms);
  return {
    ...rounds[0], threads_ms: median(t), one_thread_ms: median(o), pair_ratio: median(t.map((ms, i) => ms / o[i])),
    round_ratios: rounds.map((r) => +(r.threads_ms / r.one_thread_ms).toFixed(3)),
    pool_threads: rounds.map((r) => r.pool_threads).join('/'), calls_on_threads: rounds.map((r) => r.calls_on_threads).join(' + '),
    threads_calls_ms: t, one_thread_calls_ms: o,
  };
}
// CVAE calls take under a millisecond: each timed sample is 4 calls, for clocks that tick coarsely.
const batchFor = (bench) => (bench.kind === 'cvae' && !bench.images && !smoke ? 4 : 1);

// One busy-looping process per core, each ending by itself after `seconds` at the latest.
function startBurners(seconds) {
  const burners = cpus().map(() => spawn(process.execPath,
    ['-e', `const end = Date.now() + ${seconds * 1000}; while (Date.now() < end);`], { stdio: 'ignore' }));
  return () => burners.forEach((burner) => burner.kill());
}

function nodeRow(bench) {
  const child = spawnSync(process.execPath,
    [join(root, 'bench/node-worker.mjs'), 'paired-threads', bench.kind, bench.file, String(runsFor(bench)), String(bench.images ?? 1)],
    { encoding: 'utf8', timeout: 600000 });
  const line = child.stdout.trim().split('\n').pop();
  return child.status === 0 && line ? JSON.parse(line) : { error: (child.stderr || 'failed').trim().split('\n').pop() };
}

// Both variants in one isolated page: the build without threads runs the same there as on a
// page without the headers.
async function browserRows(engineName, benches, record) {
  const engine = ENGINES.find((e) => e.name === engineName);
  const server = await startTestServer({ isolated: true });
  const browser = await launchEngine(engine);
  try {
    for (const bench of benches) {
      const rounds = [];
      for (let round = 0; round < ROUNDS; round++) {
        const page = await openPage(browser, `${server.url}bench/page.html?impl=paired-threads`);
        rounds.push(await page.evaluate((r) => window.runBench(r),
          { impl: 'paired-threads', bench: bench.kind, model: bench.url, runs: runsFor(bench), batch: batchFor(bench), images: bench.images ?? 1 }));
        await page.close();
      }
      record(bench, mergeRounds(rounds));
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

const results = [];
for (const load of ['idle', 'busy']) {
  const stopBurners = load === 'busy' ? startBurners(smoke ? 60 : 900) : () => {};
  try {
    for (const env of ['node', ...engines]) {
      // ratio: the threaded build over the one without; library_ratio: what the library runs for
      // this model (the threaded build, or the one without where the model asks for it) over it.
      const record = (bench, row) => {
        const ratio = row.error ? undefined : +(row.threads_ms / row.one_thread_ms).toFixed(3);
        const library_ratio = row.library_variant === row.one_thread_variant ? 1 : ratio;
        results.push({ name: bench.name, load, env, ...row, ratio, library_ratio });
        log(`${load} ${env} ${bench.name}: ${row.error ?? `threads ${row.threads_ms.toFixed(3)} ms, one thread ` +
          `${row.one_thread_ms.toFixed(3)} ms (${ratio}x; ${row.threaded_variant}, runs on ${row.runs_on}, ` +
          `${row.calls_on_threads} calls on threads; rounds ${row.round_ratios?.join(' / ')}x; the library runs ${row.library_variant})`}`);
      };
      if (env === 'node') for (const bench of BENCHES) record(bench, mergeRounds(Array.from({ length: ROUNDS }, () => nodeRow(bench))));
      else await browserRows(env, BENCHES, record);
    }
  } finally {
    stopBurners();
  }
}

// Threads over one thread, per (load, env, bench): the goal is <= 1.0 everywhere.
const timed = results.filter((r) => r.ratio !== undefined);
const report = { date: new Date().toISOString(), machine: `${cpus()[0]?.model}, ${cpus().length} cores, Node ${process.version}`, smoke, results };
mkdirSync(out, { recursive: true });
// One line per row: the rows carry every call's time.
const json = JSON.stringify({ ...report, results: [] }, null, 1)
  .replace('"results": []', `"results": [\n${results.map((r) => `  ${JSON.stringify(r)}`).join(',\n')}\n ]`);
writeFileSync(join(out, 'threads-latest.json'), json + '\n');
const md = [`# Threads against one thread`, '', `${report.date} · ${report.machine}`, '',
  `One run of \`npm run bench:threads\`. Each row is ${ROUNDS} processes or pages, each of which loads its threaded ` +
  'variant and the same build without threads, makes the model on both, and alternates their calls (ABBA, ' +
  `${runsFor(BENCHES[1])} pairs for CVAE, ${runsFor(BENCHES[0])} for pix2pix, 4 ms apart): medians in ms over all ` +
  'their calls; rounds: each page\'s own threads / one thread. ' +
  'busy: one CPU-burning process per core during the rows. threads: the threaded build with its load-time ' +
  'calibration and per-call policy (calls on threads: how many of the threaded build\'s calls the policy sent to the ' +
  'pool); pair ratio: the median of each pair\'s threads / one thread. The library runs: the variant it picks for ' +
  'the model on this page; CVAE asks for the build without threads, so its library / one thread is 1 by construction, ' +
  'and the threads column shows what threads would cost it.', '',
  '| load | env | bench | threads ms (calibrated count) | one thread ms | threads / one thread | pair ratio | rounds | calls on threads | the library runs | library / one thread |',
  '|---|---|---|---|---|---|---|---|---|---|---|'];
for (const r of timed) {
  md.push(`| ${r.load} | ${r.env} | ${r.name} | ${r.threads_ms.toFixed(3)} (${r.pool_threads}) | ` +
    `${r.one_thread_ms.toFixed(3)} | ${r.ratio.toFixed(2)}× | ${r.pair_ratio.toFixed(2)}× | ${r.round_ratios.join(' / ')} | ${r.calls_on_threads} | ` +
    `${r.library_variant} | ${r.library_ratio.toFixed(2)}× |`);
}
writeFileSync(join(out, 'threads-latest.md'), md.join('\n') + '\n');
log(`wrote ${join(out, 'threads-latest.json')} and threads-latest.md`);
const failed = results.filter((r) => r.error);
if (failed.length) {
  log(`${failed.length} rows failed`);
  process.exitCode = 1;
}
