// Pages of paired calls (bench/browser-bench.js pairedPage): ours, ONNX Runtime Web and tfjs-wasm
// on the same pix2pix, their calls alternated in one page, in fresh pages per model and engine.
// `npm run bench:editor` runs them on pages without COOP/COEP (one thread, as in the p5 web
// editor); `npm run bench` on pages with it (two threads), for the headline ratios.
import { ENGINES, launchEngine, openPage } from '../tests/browser/engines.mjs';

// benches: [{name, kind ('pix2pix' or 'cvae'), url, onnx, runs}]; impl: 'paired-single-thread'
// or 'paired-isolated'.
export async function runPairedPages({ impl, engines, benches, pages, smoke, serverUrl, log }) {
  const rows = [];
  for (const name of engines) {
    const browser = await launchEngine(ENGINES.find((engine) => engine.name === name));
    try {
      for (const bench of benches) {
        for (let page = 1; page <= pages; page++) {
          const tab = await openPage(browser, `${serverUrl}bench/page.html?impl=${impl}`);
          const row = await tab.evaluate((r) => window.runBench(r), {
            impl, bench: bench.kind ?? 'pix2pix', model: bench.url, onnx: bench.onnx, runs: smoke ? 2 : bench.runs, warmups: smoke ? 1 : 2, loads: smoke ? 2 : 9,
          }).catch((error) => ({ error: `the browser driver failed: ${error.message}` }));
          await tab.close();
          rows.push({ name: bench.name, env: name, page, ...row });
          const ms = (x) => x.toFixed(x < 10 ? 2 : 1);
          log(`${bench.name} ${name} page ${page}: ` + (row.error ?? `ours ${ms(row.ours_ms)} ms (${row.variant}, ${row.threads} threads), ` +
            `ORT ${ms(row.ort_ms)} ms (${row.ort_ratio.toFixed(2)}x), tfjs-wasm ${ms(row.tfjs_wasm_ms)} ms (${row.tfjs_wasm_ratio.toFixed(1)}x)` +
            (row.ours_ready_ms === undefined ? '' : `; ready from bytes: ours ${ms(row.ours_ready_ms)} ms, ORT ${ms(row.ort_ready_ms)} ms (${row.ort_ready_ratio.toFixed(2)}x)`)));
        }
      }
    } finally {
      await browser.close();
    }
  }
  return rows;
}
