// The package entry points: require(), import and the <script> global all expose the API.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const API = ['CVAE', 'pix2pix', 'loadBackend', 'setWasmPaths', 'backendInfo', 'conv2d'];

test('require("ml5-wasm") gives the CommonJS build with the whole API', async () => {
  const ml5 = require('ml5-wasm');
  for (const name of API) assert.equal(typeof ml5[name], 'function', name);
  const info = await ml5.backendInfo();
  assert.deepEqual(info, { simd: true, threads: info.threads, variant: 'wasm-simd-threads', version: pkg.version });
});

test('import "ml5-wasm" gives the ESM build with the whole API', async () => {
  const ml5 = await import('ml5-wasm');
  for (const name of API) assert.equal(typeof ml5[name], 'function', name);
  assert.equal(ml5.version, pkg.version);
});

test('the UMD bundle defines the global ml5 in a plain script context', () => {
  const code = readFileSync(new URL('../../dist/ml5-wasm.umd.js', import.meta.url), 'utf8');
  const context = vm.createContext({ URL, console });
  vm.runInContext(code, context);
  for (const name of API) assert.equal(typeof context.ml5[name], 'function', name);
});

test('the UMD bundle only replaces CVAE and pix2pix on an ml5 0.x already on the page', () => {
  const code = readFileSync(new URL('../../dist/ml5-wasm.umd.js', import.meta.url), 'utf8');
  const imageClassifier = () => 'ml5 0.x';
  const context = vm.createContext({ URL, console, ml5: { imageClassifier, CVAE: null, pix2pix: null } });
  vm.runInContext(code, context);
  assert.equal(context.ml5.imageClassifier, imageClassifier);
  assert.equal(typeof context.ml5.CVAE, 'function');
  assert.equal(typeof context.ml5.pix2pix, 'function');
  assert.equal(typeof context.ml5.wasm.loadBackend, 'function');
});

test('pix2pix() without a model names the default model it looks for', async () => {
  // There is no default pix2pix model yet: the failure must say where it was looked for.
  const ml5 = require('ml5-wasm');
  await assert.rejects(ml5.pix2pix(), /could not read .*models\/pix2pix-default\/model.pict: ENOENT/);
});

test('one version everywhere: package.json, the JS API and the C++ core', async () => {
  const ml5 = require('ml5-wasm');
  assert.equal(ml5.version, pkg.version);
  const backend = await ml5.loadBackend({ variant: 'wasm-simd' });
  assert.equal(backend.module.version(), pkg.version);
});
