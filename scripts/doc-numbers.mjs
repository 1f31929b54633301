// Writes the measured figures into the docs: every block between `<!-- generated: NAME -->` and
// `<!-- /generated -->` in README.md and docs/*.md, and the README's chart, are made here from
// the committed bench/results/*-latest.json, never typed. `npm run bench*` runs it after each
// benchmark; `--check` changes nothing and fails if a block or the chart differs
// (tests/js/docs.test.mjs runs that).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { goalText } from '../bench/paired-goals.mjs';
import { performanceChart } from './doc-chart.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, 'bench/results');
const CHART = 'docs/performance.svg';

const read = (name) => JSON.parse(readFileSync(join(RESULTS, name), 'utf8'));
const day = (iso) => iso.slice(0, 10);
const stamp = (report, command) => `Measured by \`${command}\` on ${day(report.date)}, ${report.machine.split(',').slice(0, 2).join(',')}.`;
const fixed = (digits) => (x) => x.toFixed(digits);
// The spread of some numbers: "1.67" or "1.67–1.70".
function range(values, format = fixed(2)) {
  const lo = format(Math.min(...values)), hi = format(Math.max(...values));
  return lo === hi ? lo : `${lo}–${hi}`;
}
const ENGINE = { chromium: 'Chromium', firefox: 'Firefox', webkit: 'WebKit', 'webkit-sab': 'WebKit', node: 'Node', native: 'native' };
const MODEL = { pix2pix_ngf32_256: 'ngf32', pix2pix_default_256: 'default (ngf8)' };
const groupBy = (rows, key) => rows.reduce((map, row) => map.set(key(row), [...(map.get(key(row)) ?? []), row]), new Map());
const table = (head, rows) => [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
const verdict = (met, values, goal) => met ? 'met' : values.some((v) => v >= goal) ? `undecided (pages ${range(values)})` : `not met (pages ${range(values)})`;

// Paired one-thread pages (bench:editor): ours against ONNX Runtime Web and tfjs-wasm.
function editorGroups(editor) {
  return [...groupBy(editor.rows.filter((r) => !r.error), (r) => `${r.name} ${r.env}`).values()];
}

const BLOCKS = {
  'readme-performance': () => {
    const editor = read('editor-latest.json');
    const threads = read('threads-latest.json');
    const ngf32 = editor.rows.filter((r) => r.name === 'pix2pix_ngf32_256' && !r.error);
    const threaded = threads.results.filter((r) => r.name === 'pix2pix_ngf32_256' && r.load === 'idle' && r.env !== 'node' && !r.error);
    return [
      `![pix2pix ngf32 on one thread: ms per image in each engine](${CHART})`, '',
      `- **${range(ngf32.map((r) => r.ort_ratio), fixed(1))}×** as fast as ONNX Runtime Web, and **${range(ngf32.map((r) => r.tfjs_wasm_ratio), fixed(0))}×** as fast as`,
      '  tfjs-wasm, on one thread (each page\'s median, every engine).',
      `- **${range(threaded.map((r) => 1 / r.ratio), fixed(1))}×** as fast again with two threads, on pages with COOP/COEP`,
      `  (Chromium, Firefox, WebKit; [bench:threads](docs/performance.md#threads-npm-run-benchthreads)).`,
      '',
      stamp(editor, 'npm run bench:editor'),
    ];
  },

  'editor-results': () => {
    const editor = read('editor-latest.json');
    const rows = editorGroups(editor).map((pages) => [
      MODEL[pages[0].name] ?? pages[0].name, `${ENGINE[pages[0].env]} (${pages[0].variant.replace('wasm-', '')})`,
      range(pages.map((r) => r.ours_ms), fixed(1)), range(pages.map((r) => r.ort_ms), fixed(0)),
      pages.map((r) => r.ort_ratio.toFixed(2)).join(', '), range(pages.map((r) => r.tfjs_wasm_ms), fixed(0)),
      pages.map((r) => r.tfjs_wasm_ratio.toFixed(1)).join(', '),
    ]);
    const valid = editor.rows.filter((r) => !r.error);
    return [
      ...table(['model', 'engine (our build)', 'ours ms', 'ORT ms', 'ORT / ours, per page', 'tfjs-wasm ms', 'tfjs-wasm / ours, per page'], rows), '',
      `Goals, on every page: ≥ ${editor.goals.ort_ratio}× ONNX Runtime Web: ${verdict(editor.met.ort, valid.map((r) => r.ort_ratio), editor.goals.ort_ratio)}; ` +
        `≥ ${editor.goals.tfjs_wasm_ratio}× tfjs-wasm: ${verdict(editor.met.tfjs_wasm, valid.map((r) => r.tfjs_wasm_ratio), editor.goals.tfjs_wasm_ratio)}.`,
      stamp(editor, 'npm run bench:editor') + ' Every row: [editor-latest.md](../bench/results/editor-latest.md).',
    ];
  },

  'threads-results': () => {
    const threads = read('threads-latest.json');
    const rows = threads.results.filter((r) => !r.error).map((r) => [
      r.load, ENGINE[r.env], r.name, `${r.ratio.toFixed(2)}×`, r.round_ratios.map((x) => x.toFixed(2)).join(', '),
      r.library_variant, `${r.library_ratio.toFixed(2)}×`,
    ]);
    // The library's own choice per page: threads (with its per-call policy) or the build without.
    const pages = threads.results.filter((r) => !r.error).flatMap((r) => r.library_variant.endsWith('-threads') ? r.round_ratios : [r.library_ratio]);
    const never = pages.every((x) => x <= 1) ? 'met' : pages.every((x) => x > 1) ? 'not met' : `undecided (pages ${range(pages)})`;
    return [
      ...table(['load', 'engine', 'model', 'threads / one thread', 'per page', 'the library runs', 'library / one thread'], rows), '',
      `Goal: the library never slower than one thread, on every page: ${never}.`,
      stamp(threads, 'npm run bench:threads') + ' Every row: [threads-latest.md](../bench/results/threads-latest.md).',
    ];
  },

  'video-results': () => {
    const video = read('video-latest.json');
    const isolated = video.results.filter((r) => r.isolated !== false && !r.error).map((r) => [
      ENGINE[r.env], r.model, r.mode, r.fps.toFixed(1), String(r.tasks_over_16ms)]);
    const lanes = [...groupBy(video.lanes.filter((r) => !r.error), (r) => `${r.env} ${r.model}`).values()].map((pages) => [
      ENGINE[pages[0].env], pages[0].model,
      `${range(pages.flatMap((p) => p.pairs.map((x) => x.one)), fixed(1))} → ${range(pages.flatMap((p) => p.pairs.map((x) => x.two)), fixed(1))}`,
      pages.map((p) => p.ratio.toFixed(2)).join(', ')]);
    const auto = video.results.filter((r) => r.isolated === false && !r.error).map((r) => [
      ENGINE[r.env], r.model, r.mode, r.fps.toFixed(1), String(r.lanes)]);
    return [
      `With COOP/COEP (threads), ${video.seconds} s per row:`, '',
      ...table(['engine', 'model', 'mode', 'fps', 'main-thread tasks > 16 ms'], isolated), '',
      'Without COOP/COEP, worker mode: one lane against two, alternated in one page:', '',
      ...table(['engine', 'model', '1 lane → 2 lanes, fps', '2 / 1, per page'], lanes), '',
      'Without COOP/COEP, the library\'s own choice (`workers: \'auto\'`):', '',
      ...table(['engine', 'model', 'mode', 'fps', 'lanes'], auto), '',
      stamp(video, 'npm run bench:video') + ' Every row: [video-latest.md](../bench/results/video-latest.md).',
    ];
  },

  'ops-results': () => {
    const ops = read('ops-latest.json');
    const rows = ops.results.filter((r) => !r.error && r.gflops !== undefined).map((r) => [
      r.input ? `${r.op} ${r.input} → ${r.output}` : r.op, r.env, String(r.threads ?? ''), r.median_ms !== undefined ? r.median_ms.toFixed(2) : '', r.gflops.toFixed(1)]);
    return [
      ...table(['op', 'build', 'threads', 'ms', 'GFLOP/s'], rows), '',
      stamp(ops, 'npm run bench:ops') + ` Medians of ${ops.runs} runs.`,
    ];
  },

  'bench-results': () => {
    const bench = read('latest.json');
    const impls = ['ours-simd', 'ours-relaxed-simd', 'ours-simd-threads', 'ours-relaxed-simd-threads', 'ours-native', 'ort-wasm', 'tfjs-wasm'];
    const rows = [];
    for (const name of Object.keys(MODEL)) {
      for (const [env, results] of groupBy(bench.results.filter((r) => r.name === name && !r.error), (r) => r.env)) {
        const ms = (impl) => results.find((r) => r.impl === impl)?.median_ms;
        rows.push([MODEL[name], ENGINE[env], ...impls.map((impl) => ms(impl) === undefined ? '' : ms(impl).toFixed(ms(impl) < 100 ? 1 : 0))]);
      }
    }
    const heads = ['ours, SIMD', 'ours, relaxed SIMD', 'ours, SIMD, threads', 'ours, relaxed, threads', 'native (C++)', 'ONNX Runtime Web', 'tfjs-wasm'];
    return [
      ...table(['model', 'env', ...heads], rows), '',
      stamp(bench, 'npm run bench') + ' Medians in ms, one page or process per cell. Every row, sizes and the per-stage profile: [latest.md](../bench/results/latest.md).',
    ];
  },

  'paired-results': () => {
    const bench = read('latest.json');
    if (!bench.paired) return ['Not measured yet: the committed `npm run bench` results predate its paired rows.'];
    const groups = [...groupBy(bench.paired.rows.filter((r) => !r.error), (r) => r.name).values()];
    const label = (name) => ({ ...MODEL, cvae_quickdraw: 'CVAE quick_draw', cvae_default: 'CVAE default' })[name] ?? name;
    const ms = (x) => x.toFixed(x < 10 ? 2 : 1);
    const rows = groups.map((pages) => [label(pages[0].name), range(pages.map((r) => r.ours_ms), ms),
      range(pages.map((r) => r.ort_ms), ms), pages.map((r) => r.ort_ratio.toFixed(2)).join(', '),
      range(pages.map((r) => r.tfjs_wasm_ms), ms), pages.map((r) => r.tfjs_wasm_ratio.toFixed(1)).join(', ')]);
    const goals = Object.entries(bench.paired.goals).map(([name, goals]) => `${label(name)}: ` +
      Object.entries(goals).map(([key, goal]) => `${goalText(key, goal)} on every page: ${bench.paired.verdicts[name][key]}`).join('; '));
    const ready = bench.paired.rows.filter((r) => !r.error && r.ours_ready_ms !== undefined);
    const native = (bench.native_pairs ?? []).map((p) => `${MODEL[p.name] ?? p.name} ${p.rounds.map((r) => r.ratio.toFixed(2)).join(', ')}`);
    const limit = bench.limit;
    return [
      ...table(['model', 'ours ms', 'ORT ms', 'ORT / ours, per page', 'tfjs-wasm ms', 'tfjs-wasm / ours, per page'], rows), '',
      `Goals: ${goals.join('. ')}.`,
      ...(ready.length ? ['', `Ready from bytes, paired with ONNX Runtime's session creation in the same pages (median per page): ` +
        groups.map((pages) => pages.filter((r) => r.ours_ready_ms !== undefined)).filter((pages) => pages.length).map((pages) =>
          `${label(pages[0].name)}: ours ${pages.map((r) => ms(r.ours_ready_ms)).join(', ')} ms, ORT ${pages.map((r) => ms(r.ort_ready_ms)).join(', ')} ms`).join('; ') + '.'] : []),
      ...(native.length ? ['', `Wasm (relaxed SIMD, threads, Node) / native, per round of alternating runs: ${native.join('; ')}.`] : []),
      ...(limit ? ['', `Fraction of the limit: ${MODEL[limit.name] ?? limit.name} end to end at ${limit.gflops} GFLOP/s is ` +
        `${(100 * limit.fraction).toFixed(0)}% of ${limit.threads} × the relaxed-SIMD multiply-add peak of the same run ` +
        `(goal ${100 * limit.goal}%: ${limit.fraction >= limit.goal ? 'met' : 'not met'}).`] : []),
      '', stamp(bench, 'npm run bench') + ' Chromium, pages with COOP/COEP, two threads each, calls alternated in one page.',
    ];
  },

  'soak-results': () => {
    const soak = read('soak-latest.json');
    const bytes = (b) => (b === null ? 'n/a' : `${b >= 0 ? '+' : ''}${(b / 1e3).toFixed(0)} kB`);
    const rows = soak.results.map((r) => [r.engine, r.source, `${r.minutes} min`, String(r.reloads), String(r.kills),
      `${r.fps_first.toFixed(1)} → ${r.fps_last.toFixed(1)} (lowest ${r.fps_min.toFixed(1)})`, bytes(r.wasm_growth), bytes(r.js_growth),
      r.problems.length ? r.problems.join('; ') : 'ok']);
    return [
      ...table(['engine', 'frames from', 'time', 'reloads', 'workers killed', 'fps, first → last', 'wasm heap', 'page JS heap', 'verdict'], rows), '',
      stamp(soak, 'npm run soak') + ' Heaps: growth from the first sample to the last.',
    ];
  },

  'fuzz-results': () => {
    const fuzz = read('fuzz-latest.json');
    const rows = fuzz.targets.map((t) => [t.target, `${(t.seconds / 60).toFixed(0)} min`, t.executions.toLocaleString('en-US'),
      String(t.coverage), String(t.features), `${t.corpus.files} files, ${(t.corpus.bytes / 1e6).toFixed(1)} MB (${(t.corpus.packed / 1e3).toFixed(0)} kB packed)`]);
    return [
      ...table(['target', 'time', 'executions', 'edges', 'features', 'minimised corpus'], rows), '',
      `Measured by \`npm run fuzz -- --seconds ${fuzz.targets[0].seconds} --merge\` on ${day(fuzz.date)}, ` +
      `${fuzz.machine}, ${fuzz.jobs} targets at a time, ${fuzz.sanitizers}, at commit ${fuzz.commit}: ` +
      `${fuzz.findings === 0 ? 'no finding' : `${fuzz.findings} findings`}.`,
    ];
  },
};

// Replaces each generated block of `text`; unknown names are an error.
function fill(text, file) {
  return text.replace(/(<!-- generated: ([\w-]+) -->\n)[\s\S]*?(<!-- \/generated -->)/g, (_, open, name, close) => {
    if (!BLOCKS[name]) throw new Error(`${file}: no generated block named '${name}' (scripts/doc-numbers.mjs)`);
    return `${open}${BLOCKS[name]().join('\n')}\n${close}`;
  });
}

export function docFiles() {
  return ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
}

// What the docs and the chart should be: [{file, text}].
export function expectedDocs() {
  const docs = docFiles().map((file) => ({ file, text: fill(readFileSync(join(ROOT, file), 'utf8'), file) }));
  docs.push({ file: CHART, text: performanceChart(read('editor-latest.json')) });
  return docs;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const stale = [];
  for (const { file, text } of expectedDocs()) {
    let current = null;
    try { current = readFileSync(join(ROOT, file), 'utf8'); } catch {}
    if (current === text) continue;
    stale.push(file);
    if (!check) writeFileSync(join(ROOT, file), text);
  }
  if (check && stale.length) {
    console.error(`stale generated figures in ${stale.join(', ')}: run node scripts/doc-numbers.mjs`);
    process.exit(1);
  }
  console.log(check ? 'generated figures: up to date' : `generated figures: ${stale.length ? `rewrote ${stale.join(', ')}` : 'up to date'}`);
}
