// npm run bench:editor: pix2pix on pages without COOP/COEP, as the p5 web editor serves sketches:
// one thread for everyone. Ours (the variant the library picks there: relaxed SIMD where the
// engine has it), ONNX Runtime Web (wasm) and tfjs-wasm, their calls alternated in one page
// (bench/paired-pages.mjs), in Chromium, Firefox and WebKit, 3 pages per row;
// each page's ratios to ours. Results: bench/results/editor-latest.{json,md}.
//   node bench/editor.mjs [--smoke] [--out folder] [--engines chromium,firefox,webkit] [--pages N]
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pix2pixOnnx } from './onnx-export.mjs';
import { pageVerdict } from './paired-goals.mjs';
import { runPairedPages } from './paired-pages.mjs';
import { startServer } from '../scripts/serve.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const shared = join(root, '../shared');
const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const out = option('--out', smoke ? mkdtempSync(join(tmpdir(), 'ml5-wasm-editor-')) : join(root, 'bench/results'));
const engines = option('--engines', smoke ? 'chromium' : 'chromium,firefox,webkit').split(',');
const pages = Number(option('--pages', smoke ? 1 : 3));
const log = (text) => process.stderr.write(`[bench:editor] ${text}\n`);
// Goals (issue 27): on every page, at least this many times faster than each.
const GOALS = { ort_ratio: 2, tfjs_wasm_ratio: 20 };

const BENCHES = [
  { name: 'pix2pix_ngf32_256', file: join(shared, 'ml5-models/pix2pix/synthetic_ngf32.pict'), url: '/shared/ml5-models/pix2pix/synthetic_ngf32.pict', runs: 11 },
  { name: 'pix2pix_default_256', file: join(root, 'models/pix2pix-default/model.pict'), url: '/models/pix2pix-default/model.pict', runs: 21 },
].filter((bench) => {
  if (smoke && bench.name !== 'pix2pix_default_256') return false;
  if (existsSync(bench.file)) return true;
  log(`SKIPPED ${bench.name}: ${bench.file} is absent (../shared is only on CI and dev machines)`);
  return false;
});

const onnxDir = mkdtempSync(join(tmpdir(), 'ml5-wasm-onnx-'));
for (const bench of BENCHES) writeFileSync(join(onnxDir, `${bench.name}.onnx`), pix2pixOnnx(bench.file));

const server = await startServer({ isolated: false, mounts: { '/shared/': shared, '/onnx/': onnxDir } });
let rows;
try {
  rows = await runPairedPages({
    impl: 'paired-single-thread', engines, pages, smoke, serverUrl: server.url, log,
    benches: BENCHES.map((bench) => ({ ...bench, onnx: `/onnx/${bench.name}.onnx` })),
  });
} finally {
  await server.close();
}

const met = (key) => !rows.some((row) => row.error) && pageVerdict(rows.map((row) => row[key]), GOALS[key]) === 'met';
const report = { date: new Date().toISOString(), machine: `${cpus()[0]?.model}, ${cpus().length} cores, Node ${process.version}`,
  smoke, goals: GOALS, met: { ort: met('ort_ratio'), tfjs_wasm: met('tfjs_wasm_ratio') }, rows };
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'editor-latest.json'), JSON.stringify(report, null, 1) + '\n');
const md = ['# pix2pix on pages without COOP/COEP (one thread, as in the p5 web editor)', '',
  `${report.date} · ${report.machine}`, '',
  'One run of `npm run bench:editor`: ours, ONNX Runtime Web (wasm, 1 thread) and tfjs-wasm (1 thread) on the same ' +
  '256x256 input, calls alternated in one page (order rotating each round); ms are medians, ratios the median of ' +
  'the per-round ratios to ours. Goals: ORT ratio >= 2 and tfjs-wasm ratio >= 20 on every page.', '',
  '| model | env | page | ours ms (variant) | ORT ms | ORT / ours | tfjs-wasm ms | tfjs-wasm / ours |', '|---|---|---|---|---|---|---|---|'];
for (const r of rows) {
  md.push(r.error ? `| ${r.name} | ${r.env} | ${r.page} | failed: ${r.error} | | | | |`
    : `| ${r.name} | ${r.env} | ${r.page} | ${r.ours_ms.toFixed(1)} (${r.variant}) | ${r.ort_ms.toFixed(1)} | ${r.ort_ratio.toFixed(2)} | ` +
      `${r.tfjs_wasm_ms.toFixed(0)} | ${r.tfjs_wasm_ratio.toFixed(1)} |`);
}
md.push('', `Every page >= 2x ORT: ${report.met.ort ? 'met' : 'NOT met'}; every page >= 20x tfjs-wasm: ${report.met.tfjs_wasm ? 'met' : 'NOT met'}.`);
writeFileSync(join(out, 'editor-latest.md'), md.join('\n') + '\n');
log(`wrote ${join(out, 'editor-latest.json')} and editor-latest.md`);
if (rows.some((row) => row.error)) process.exitCode = 1;
