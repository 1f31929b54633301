// Static file server for the demo and the browser tests. With isolation on (the default) it
// sends COOP/COEP, so pages are cross-origin isolated and get the threaded variant.
//   node scripts/serve.mjs [--port 8080] [--no-isolation] [--building MARKER]
// --building: while the file MARKER exists (npm start builds the variants the demo did not need
// first), a request for a file of dist/ that is not there yet waits for it instead of failing.
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.css': 'text/css',
  '.pict': 'application/octet-stream',
  '.bin': 'application/octet-stream',
};

// `mounts` maps URL prefixes to other folders, e.g. {'/shared/': '../shared'} for tests.
// `inject` is HTML that tests put at the top of every page's <head> (their error capture).
// `headers` go out with every answer (a CDN's CORS and CORP, say); `missing` is a RegExp of
// paths answered 404 as if absent. `building()` says whether dist/ is still being built: while
// it is, a missing file of dist/ is waited for (up to `buildWaitMs`).
export function startServer({ port = 0, isolated = true, host = '127.0.0.1', root = ROOT,
  mounts = {}, inject = '', headers: extraHeaders = {}, missing = null, building = () => false,
  buildWaitMs = 20 * 60000 } = {}) {
  const server = createServer(async (request, response) => {
    const headers = { 'Cache-Control': 'no-cache' };
    if (isolated) {
      headers['Cross-Origin-Opener-Policy'] = 'same-origin';
      headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
      headers['Cross-Origin-Resource-Policy'] = 'same-origin';
    }
    Object.assign(headers, extraHeaders);
    const url = new URL(request.url, 'http://x');
    let path = decodeURIComponent(url.pathname);
    if (missing?.test(path)) {
      response.writeHead(404, headers).end(`not found: ${path}`);
      return;
    }
    if (path === '/') path = '/web/start.html';
    if (path === '/favicon.ico') {
      response.writeHead(204, headers).end();
      return;
    }
    let base = root;
    for (const [prefix, folder] of Object.entries(mounts)) {
      if (path.startsWith(prefix)) {
        base = resolve(folder);
        path = '/' + path.slice(prefix.length);
        break;
      }
    }
    const file = normalize(join(base, path));
    if (!file.startsWith(base)) {
      response.writeHead(403, headers).end('forbidden');
      return;
    }
    if (base === root && path.startsWith('/dist/') && building() && !existsSync(file)) {
      await waitForBuild(file, path, building, buildWaitMs);
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      let body = await readFile(file);
      if (inject && extname(file) === '.html') body = injectHtml(body.toString('utf8'), inject);
      headers['Content-Type'] = TYPES[extname(file)] ?? 'application/octet-stream';
      const mbps = Number(url.searchParams.get('mbps'));
      if (mbps > 0) {
        headers['Content-Length'] = body.length;
        response.writeHead(200, headers);
        await sendPaced(response, body, mbps);
      } else {
        response.writeHead(200, headers).end(body);
      }
    } catch {
      response.writeHead(404, headers).end(`not found: ${path}`);
    }
  });
  return new Promise((resolveStart, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const url = `http://${host}:${server.address().port}/`;
      resolveStart({ url, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

// Waits until `file` exists or the build ends (or gives up after `limitMs`).
async function waitForBuild(file, path, building, limitMs) {
  console.log(`[ml5-wasm serve] ${path} is still being built; the page waits for it`);
  const end = Date.now() + limitMs;
  while (!existsSync(file) && building() && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 500));
}

// `?mbps=N` on any file: its body goes out at N MB/s in 64 KiB pieces, a network for the
// benchmark's ready-from-URL rows (localhost alone is as fast as the CPU copies).
async function sendPaced(response, body, mbps) {
  const piece = 65536, start = performance.now();
  for (let at = 0; at < body.length && !response.destroyed; at += piece) {
    const due = start + (at / (mbps * 1e6)) * 1000;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    if (!response.write(body.subarray(at, at + piece))) await new Promise((resolve) => response.once('drain', resolve));
  }
  response.end();
}

function injectHtml(html, snippet) {
  const head = /<head(\s[^>]*)?>/i.exec(html);
  const at = head ? head.index + head[0].length : /^\s*<!doctype[^>]*>/i.exec(html)?.[0].length ?? 0;
  return html.slice(0, at) + snippet + html.slice(at);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const portFlag = args.indexOf('--port');
  const port = portFlag >= 0 ? Number(args[portFlag + 1]) : Number(process.env.PORT ?? 8080);
  const isolated = !args.includes('--no-isolation');
  const marker = args.includes('--building') ? resolve(args[args.indexOf('--building') + 1]) : null;
  const { url } = await startServer({ port, isolated, building: () => marker !== null && existsSync(marker) });
  console.log(`ml5-wasm demo: ${url}  (${isolated ? 'cross-origin isolated: threaded variant' : 'not isolated: SIMD-only variant'}; Ctrl+C stops)`);
}
