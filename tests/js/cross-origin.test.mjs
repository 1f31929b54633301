// Workers from another origin and the causes named when a file does not load
// (web/cross-origin.js), against a local server. Node's fetch enforces neither CORS nor COEP:
// the browser suite (tests/browser/cdn.test.mjs) checks those causes in every engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

// web/ holds ES modules that the bundler builds (the package itself is CommonJS to Node): this
// one imports nothing, so it loads as it is.
const source = readFileSync(new URL('../../web/cross-origin.js', import.meta.url), 'utf8');
const { whyNotLoaded, workerUrl } = await import(`data:text/javascript,${encodeURIComponent(source)}`);

// A page (or worker) scope: its origin, isolation, and an event target for CSP violations.
function pageScope(origin, crossOriginIsolated = false) {
  return Object.assign(new EventTarget(), { location: { origin }, crossOriginIsolated });
}

async function withServer(run) {
  const server = createServer((request, response) => {
    if (request.url === '/dist/ml5-wasm.worker.js') response.writeHead(200, { 'Content-Type': 'text/javascript' }).end('// worker');
    else response.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    return await run(`http://127.0.0.1:${server.address().port}/`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

test('a worker script of the page\'s origin starts as it is; another origin\'s through a blob: URL that imports it', async () => {
  const page = pageScope('http://sketch.test');
  assert.equal(workerUrl('http://sketch.test/lib/w.js', page), 'http://sketch.test/lib/w.js');
  const cdnScript = 'http://cdn.test/ml5-wasm/dist/ml5-wasm.worker.js';
  const wrapper = workerUrl(cdnScript, page);
  assert.match(wrapper, /^blob:/);
  assert.equal(workerUrl(cdnScript, page), wrapper, 'one wrapper per script');
  const text = await (await fetch(wrapper)).text();
  assert.equal(text, `self.ml5WasmScriptUrl = ${JSON.stringify(cdnScript)};\nimportScripts(self.ml5WasmScriptUrl);\n`);
  // A bundler's data: URL (base64 or not) becomes its own text.
  for (const dataUrl of ['data:text/javascript;base64,' + Buffer.from('postMessage(1)').toString('base64'),
    'data:text/javascript,postMessage(1)%3B']) {
    const inlined = await (await fetch(workerUrl(dataUrl, page))).text();
    assert.match(inlined, /^postMessage\(1\);?$/);
  }
});

test('the cause of a failed load: a missing file, a server that is not there, a CSP; none for a file that loads', async () => {
  await withServer(async (cdn) => {
    const page = pageScope('http://sketch.test');
    assert.equal(await whyNotLoaded(`${cdn}dist/missing.worker.js`, { scope: page }), 'its server answered HTTP 404');
    assert.equal(await whyNotLoaded(`${cdn}dist/ml5-wasm.worker.js`, { scope: page }), null);
    assert.equal(await whyNotLoaded('dist/x.js', { scope: page }), '"dist/x.js" is not a full URL');
    // Same origin as the page: no CORS, so no header is blamed.
    const samePage = pageScope(new URL(cdn).origin);
    assert.equal(await whyNotLoaded(`${cdn}dist/ml5-wasm.worker.js`, { scope: samePage }), null);

    // The page's Content-Security-Policy blocked the blob: wrapper (events say only "blob").
    const wrapper = workerUrl(`${cdn}dist/ml5-wasm.worker.js`, page);
    page.dispatchEvent(Object.assign(new Event('securitypolicyviolation'), { blockedURI: 'blob', effectiveDirective: 'worker-src' }));
    assert.equal(await whyNotLoaded(`${cdn}dist/ml5-wasm.worker.js`, { startedFrom: wrapper, scope: page }),
      "the page's Content-Security-Policy blocks it (worker-src: allow blob: there, or serve the library from the page's own origin)");
  });
  // A port where nothing listens: the fetch fails, which for a CORS load may also be missing headers.
  const closed = await withServer(async (cdn) => cdn);
  const page = pageScope('http://sketch.test');
  assert.match(await whyNotLoaded(`${closed}dist/a.wasm`, { cors: true, scope: page }),
    /could not be reached, or did not send the header "Access-Control-Allow-Origin: \*"/);
  assert.equal(await whyNotLoaded(`${closed}dist/a.js`, { scope: page }), 'its server could not be reached');
  assert.match(await whyNotLoaded(`${closed}dist/a.js`, { scope: pageScope('http://sketch.test', true) }),
    /cross-origin isolated .*"Cross-Origin-Resource-Policy: cross-origin".*\(or the server could not be reached\)/);
});
