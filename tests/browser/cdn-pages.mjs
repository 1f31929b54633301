// The library loaded the way sketches load it: from a CDN (another origin, with the headers public
// CDNs send), into a sketch page on a third origin, on its own or in the iframe of an editor page
// on a fourth origin (the p5 web editor's preview), each page with COOP/COEP or without.
//   CDNs: `cdn` (Access-Control-Allow-Origin: * and Cross-Origin-Resource-Policy: cross-origin),
//   `noCorp` (CORS only), `noWorkers` (every *.worker.js answers 404), `noCors` (CORP only). They serve the repository,
//   so the package's files are at dist/ and models/. The CDNs are on "localhost", the sketch on
//   "127.0.0.1" and the editor on "localhost" with the sketch server's port: four origins, and the
//   CDN another site than the sketch.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { startServer } from '../../scripts/serve.mjs';
import { CAPTURE_HTML } from './engines.mjs';

export const CDN_HEADERS = { 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin' };
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
// What the p5 web editor gives its preview iframe.
const EDITOR_IFRAME = 'allow="cross-origin-isolated; camera; microphone; autoplay" ' +
  'sandbox="allow-scripts allow-same-origin allow-popups allow-forms allow-modals allow-downloads"';

const sketchScript = readFileSync(new URL('./cdn-sketch.js', import.meta.url));

export async function startCdnServers() {
  const servers = {
    cdn: await startServer({ isolated: false, headers: CDN_HEADERS }),
    noCorp: await startServer({ isolated: false, headers: { 'Access-Control-Allow-Origin': '*' } }),
    noWorkers: await startServer({ isolated: false, headers: CDN_HEADERS, missing: /\.worker\.js$/ }),
    noCors: await startServer({ isolated: false, headers: { 'Cross-Origin-Resource-Policy': 'cross-origin' } }),
    sketch: await startSketchServer(),
  };
  const onLocalhost = (url) => url.replace('127.0.0.1', 'localhost');
  return {
    cdn: onLocalhost(servers.cdn.url),
    // The same CDN as another origin, for setWasmPaths().
    cdnMirror: servers.cdn.url,
    noCorp: onLocalhost(servers.noCorp.url),
    noWorkers: onLocalhost(servers.noWorkers.url),
    noCors: onLocalhost(servers.noCors.url),
    sketch: servers.sketch.url,
    editor: onLocalhost(servers.sketch.url),
    close: () => Promise.all(Object.values(servers).map((server) => server.close())),
  };
}

// The URL of a sketch page. cdn: the CDN's URL; build: 'umd' or 'single'; isolated: COOP/COEP;
// crossorigin: the script tag's attribute; csp: a Content-Security-Policy header; params: the
// sketch's own (scenario, worker, paths). editor: {isolated} to hold it in an editor's iframe.
export function sketchUrl(origins, { cdn = origins.cdn, build = 'umd', isolated = false, crossorigin = false,
  csp = null, params = {}, editor = null }) {
  const query = new URLSearchParams({ lib: `${cdn}dist/ml5-wasm.${build}.js`, ...params });
  if (isolated) query.set('isolated', '1');
  if (crossorigin) query.set('crossorigin', '1');
  if (csp) query.set('csp', csp);
  const sketch = `${origins.sketch}sketch.html?${query}`;
  if (!editor) return sketch;
  const outer = new URLSearchParams({ sketch });
  if (editor.isolated) outer.set('isolated', '1');
  return `${origins.editor}editor.html?${outer}`;
}

function startSketchServer() {
  const server = createServer((request, response) => {
    const url = new URL(request.url, 'http://x');
    const query = url.searchParams;
    const headers = { 'Cache-Control': 'no-cache', 'Cross-Origin-Resource-Policy': 'cross-origin' };
    if (query.has('isolated')) Object.assign(headers, ISOLATION);
    if (query.has('csp')) headers['Content-Security-Policy'] = query.get('csp');
    const html = (body) => response.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' })
      .end(`<!doctype html><html><head><meta charset="utf-8">${CAPTURE_HTML}</head><body>${body}</body></html>`);
    if (url.pathname === '/sketch.html') {
      const crossorigin = query.has('crossorigin') ? ' crossorigin="anonymous"' : '';
      html(`<script src="${escape(query.get('lib'))}"${crossorigin}></script><script src="/cdn-sketch.js"></script>`);
    } else if (url.pathname === '/editor.html') {
      html(`<iframe src="${escape(query.get('sketch'))}" ${EDITOR_IFRAME} width="400" height="300"></iframe>
        <script>addEventListener('message', (e) => { if (e.data && e.data.ml5Sketch) window.sketchResult = e.data.ml5Sketch; });</script>`);
    } else if (url.pathname === '/cdn-sketch.js') {
      response.writeHead(200, { ...headers, 'Content-Type': 'text/javascript' }).end(sketchScript);
    } else {
      response.writeHead(404, headers).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((done) => server.close(done)),
  })));
}

const escape = (text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

// Opens the page and waits for the sketch's report (window.sketchResult).
export async function runSketch(browser, url, timeout = 120000) {
  const page = await browser.newPage();
  await page.goto(url);
  await page.waitForFunction(() => !!window.sketchResult, undefined, { timeout });
  const result = await page.evaluate(() => window.sketchResult);
  return { page, result };
}
