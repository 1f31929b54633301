// The demo server (scripts/serve.mjs) while `npm start` still builds: a file of dist/ that is
// not there yet is waited for, not refused; once the build ends, a missing file is a 404.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../scripts/serve.mjs';

function fixture() {
  const root = mkdtempSync(join(tmpdir(), 'ml5-serve-'));
  mkdirSync(join(root, 'dist'));
  return root;
}

test('while building, a missing dist/ file is answered once it is written', async () => {
  const root = fixture();
  let building = true;
  const server = await startServer({ root, isolated: false, building: () => building });
  try {
    const started = Date.now();
    setTimeout(() => writeFileSync(join(root, 'dist/late.wasm'), 'wasm bytes'), 700);
    const response = await fetch(`${server.url}dist/late.wasm`);
    assert.equal(response.status, 200);
    assert.equal(await response.text(), 'wasm bytes');
    assert.equal(response.headers.get('content-type'), 'application/wasm');
    assert.ok(Date.now() - started >= 600, 'answered before the file existed');
    // Outside dist/, a missing file is a 404 at once, build or not.
    assert.equal((await fetch(`${server.url}web/nothing.js`)).status, 404);
  } finally {
    building = false;
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test('a build that ends without the file gives a 404, and no build means no wait', async () => {
  const root = fixture();
  let building = true;
  const server = await startServer({ root, isolated: false, building: () => building });
  try {
    setTimeout(() => { building = false; }, 600);
    const started = Date.now();
    assert.equal((await fetch(`${server.url}dist/never.wasm`)).status, 404);
    assert.ok(Date.now() - started >= 500);
    const again = Date.now();
    assert.equal((await fetch(`${server.url}dist/never.wasm`)).status, 404);
    assert.ok(Date.now() - again < 400, 'waited with no build running');
  } finally {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
});

test('the wait is bounded', async () => {
  const root = fixture();
  const server = await startServer({ root, isolated: false, building: () => true, buildWaitMs: 800 });
  try {
    const started = Date.now();
    assert.equal((await fetch(`${server.url}dist/stuck.wasm`)).status, 404);
    const waited = Date.now() - started;
    assert.ok(waited >= 700 && waited < 5000, `waited ${waited} ms`);
  } finally {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  }
});
