// pix2pix from an http URL: the body streams into wasm memory as it arrives (web/heap.js
// withHeapDownload), with or without Content-Length, compressed or not, and a body that ends
// early or runs past its announced length is handled by name; a download that breaks off, stalls
// or is aborted fails at once with its URL. The model is the shipped default.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';
import * as ml5 from 'ml5-wasm';

const bytes = readFileSync(new URL('../../models/pix2pix-default/model.pict', import.meta.url));
const input = { data: new Uint8ClampedArray(256 * 256 * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 13) % 256)), width: 256, height: 256 };
const CHUNK = 64 * 1024;

let server, base, expected;
const stalled = [];
before(async () => {
  server = createServer((request, response) => {
    const path = new URL(request.url, 'http://x').pathname;
    if (path === '/length.pict') return response.writeHead(200, { 'Content-Length': bytes.length }).end(bytes);
    if (path === '/gzip.pict') {
      const gz = gzipSync(bytes);
      return response.writeHead(200, { 'Content-Length': gz.length, 'Content-Encoding': 'gzip' }).end(gz);
    }
    if (path === '/cut.pict') {  // the connection drops mid-body
      response.writeHead(200, { 'Content-Length': bytes.length });
      response.write(bytes.subarray(0, CHUNK), () => response.destroy());
      return undefined;
    }
    if (path === '/stall.pict') {  // some bytes, then nothing (held open until the test ends)
      response.writeHead(200, { 'Content-Length': bytes.length });
      response.write(bytes.subarray(0, CHUNK));
      stalled.push(response);
      return undefined;
    }
    if (path.startsWith('/slow-headers')) return stalled.push(response);  // not even headers
    if (path === '/chunked.pict') {  // no Content-Length: Transfer-Encoding: chunked
      response.writeHead(200);
      for (let i = 0; i < bytes.length; i += CHUNK) response.write(bytes.subarray(i, i + CHUNK));
      return response.end();
    }
    response.writeHead(404).end('not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}/`;
  expected = Array.from((await (await ml5.pix2pix(bytes)).transfer(input)).raws);
});
after(() => {
  for (const response of stalled) response.destroy();
  server.close();
});

async function loadWithProgress(url) {
  const progress = [];
  const p2p = await ml5.pix2pix(url, undefined, { onProgress: (loaded, total) => progress.push([loaded, total]) });
  const raws = Array.from((await p2p.transfer(input)).raws);
  p2p.dispose();
  return { raws, progress };
}

test('a download with Content-Length, without one (chunked) and gzip-compressed gives the same model', async () => {
  for (const [name, total] of [['length', bytes.length], ['chunked', 0], ['gzip', null]]) {
    const { raws, progress } = await loadWithProgress(base + `${name}.pict`);
    assert.deepEqual(raws, expected, `${name}: the model differs from the one loaded from bytes`);
    assert.deepEqual(progress[0], [0, progress[0][1]], `${name}: progress starts at 0`);
    assert.equal(progress.at(-1)[0], bytes.length, `${name}: progress ends at the file's size`);
    assert.ok(progress.length > 2, `${name}: progress during the download (${progress.length} reports)`);
    for (let i = 1; i < progress.length; i++) assert.ok(progress[i][0] >= progress[i - 1][0], `${name}: progress goes back`);
    if (total !== null) assert.equal(progress[0][1], total, `${name}: the total is the announced size`);
  }
});

test('an HTTP error names the URL and status', async () => {
  await assert.rejects(ml5.pix2pix(base + 'missing.pict'), /could not fetch http:\/\/127\.0\.0\.1:\d+\/missing\.pict: HTTP 404/);
});

// A service worker or a test can hand the page a Response whose Content-Length is wrong; real
// Response objects with such headers stand in for one here.
test('a body that ends before its Content-Length fails by name; one that runs past it still loads', async () => {
  const realFetch = globalThis.fetch;
  const respond = (body, length) => () => Promise.resolve(new Response(new ReadableStream({
    start(controller) {
      for (let i = 0; i < body.length; i += CHUNK) controller.enqueue(new Uint8Array(body.subarray(i, i + CHUNK)));
      controller.close();
    },
  }), { headers: { 'Content-Length': String(length) } }));
  try {
    globalThis.fetch = respond(bytes.subarray(0, 100000), bytes.length);
    await assert.rejects(ml5.pix2pix(base + 'short.pict'), new RegExp(`short\\.pict ended after 100000 of its ${bytes.length} bytes`));
    globalThis.fetch = respond(bytes, 200000);
    const { raws } = await loadWithProgress(base + 'long.pict');
    assert.deepEqual(raws, expected, 'the model differs from the one loaded from bytes');
  } finally {
    globalThis.fetch = realFetch;
  }
  const { raws } = await loadWithProgress(base + 'length.pict');  // and loads go on working
  assert.deepEqual(raws, expected);
});

test('a connection that drops mid-body names the URL and how far it got', async () => {
  await assert.rejects(ml5.pix2pix(base + 'cut.pict'),
    new RegExp(`the download of ${base}cut\\.pict broke off after \\d+ bytes`));
});

test('a download without data for downloadStallMs fails, naming the URL; the limit is configurable', async () => {
  const { downloadStallMs } = ml5.getLimits();
  assert.equal(downloadStallMs, 30000);
  ml5.setLimits({ downloadStallMs: 300 });
  try {
    for (const [name, after] of [['stall', /after 65536 bytes/], ['slow-headers', /after 0 bytes/]]) {
      const start = performance.now();
      await assert.rejects(ml5.pix2pix(base + `${name}.pict`), (error) => {
        assert.match(error.message, new RegExp(`the download of ${base}${name}\\.pict stalled: no data for 300 ms`));
        assert.match(error.message, after);
        return true;
      });
      const took = performance.now() - start;
      assert.ok(took < 3000, `${name}: took ${took.toFixed(0)} ms`);
    }
    // The CVAE's files go through the same download.
    await assert.rejects(ml5.CVAE(base + 'slow-headers/manifest.json').ready, /slow-headers\/manifest\.json stalled: no data for 300 ms/);
  } finally {
    ml5.setLimits({ downloadStallMs });
  }
});

test('options.signal aborts a load: ready rejects with an AbortError, nothing stays pending', async () => {
  const controller = new AbortController();
  const loading = ml5.pix2pix(base + 'stall.pict', { signal: controller.signal });
  setTimeout(() => controller.abort(), 100);
  await assert.rejects(loading, (error) => error.name === 'AbortError' && /loading this pix2pix model was aborted/.test(error.message));
  await assert.rejects(ml5.CVAE(undefined, { signal: AbortSignal.abort() }).ready, { name: 'AbortError' });
  assert.throws(() => ml5.pix2pix(base + 'length.pict', { signal: 'stop' }), /options\.signal must be an AbortSignal/);
  // A signal that fires after the load changes nothing.
  const late = new AbortController();
  const p2p = await ml5.pix2pix(base + 'length.pict', { signal: late.signal });
  late.abort();
  assert.deepEqual(Array.from((await p2p.transfer(input)).raws), expected);
});
