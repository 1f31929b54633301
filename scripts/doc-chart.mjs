// The README's chart, as SVG text made from bench/results/editor-latest.json: pix2pix ngf32 at
// 256x256 on one thread, ms per image (the median over pages) for ours, ONNX Runtime Web and
// tfjs-wasm in each engine. Plain text, so that a test can compare it with what the results make.

const WIDTH = 640;
const LABEL = 150;    // the left column: engine and library names
const BAR = 16;
const GAP = 4;
const GROUP_GAP = 14;
const LIBRARIES = [
  { key: 'ours_ms', name: 'ml5-wasm', colour: '#e4572e' },
  { key: 'ort_ms', name: 'ONNX Runtime Web', colour: '#8d99ae' },
  { key: 'tfjs_wasm_ms', name: 'tfjs-wasm', colour: '#c5cad3' },
];
const ENGINES = { chromium: 'Chromium', firefox: 'Firefox', webkit: 'WebKit (Safari)' };

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function performanceChart(editor, model = 'pix2pix_ngf32_256') {
  const groups = Object.entries(ENGINES).map(([env, title]) => {
    const pages = editor.rows.filter((r) => r.name === model && r.env === env && !r.error);
    return { title, bars: pages.length ? LIBRARIES.map((lib) => ({ ...lib, ms: median(pages.map((p) => p[lib.key])) })) : [] };
  }).filter((group) => group.bars.length);
  const longest = Math.max(...groups.flatMap((g) => g.bars.map((b) => b.ms)));
  const scale = (WIDTH - LABEL - 70) / longest;
  const lines = [];
  let y = 36;
  for (const group of groups) {
    lines.push(`<text x="8" y="${y + 10}" font-weight="bold">${escape(group.title)}</text>`);
    y += 16;
    for (const bar of group.bars) {
      const width = Math.max(1, Math.round(bar.ms * scale));
      lines.push(`<text x="${LABEL - 8}" y="${y + BAR - 4}" text-anchor="end">${escape(bar.name)}</text>`,
        `<rect x="${LABEL}" y="${y}" width="${width}" height="${BAR}" fill="${bar.colour}"/>`,
        `<text x="${LABEL + width + 6}" y="${y + BAR - 4}">${bar.ms.toFixed(0)} ms</text>`);
      y += BAR + GAP;
    }
    y += GROUP_GAP;
  }
  const height = y + 18;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${height}" fill="#fff"/>`,
    `<text x="8" y="18" font-size="14">pix2pix ngf32 at 256×256 on one thread (as in the p5 web editor): ms per image</text>`,
    ...lines,
    `<text x="8" y="${height - 8}" fill="#666">npm run bench:editor, ${editor.date.slice(0, 10)}, ${escape(editor.machine.split(',').slice(0, 2).join(','))}; medians over 3 pages</text>`,
    '</svg>', '',
  ].join('\n');
}
