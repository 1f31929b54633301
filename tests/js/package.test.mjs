// The package entry points: require(), import and the <script> global all expose the API; and
// what `npm pack` puts in the package.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const API = ['CVAE', 'pix2pix', 'loadBackend', 'setWasmPaths', 'backendInfo', 'conv2d'];

test('require("ml5-wasm") gives the CommonJS build with the whole API', async () => {
  const ml5 = require('ml5-wasm');
  for (const name of API) assert.equal(typeof ml5[name], 'function', name);
  const info = await ml5.backendInfo();
  assert.deepEqual(info, { simd: true, threads: info.threads, variant: 'wasm-simd-threads', version: pkg.version,
    threadsNote: info.threadsNote });
  assert.ok(info.threadsNote === null || /^using \d+ of \d+ threads/.test(info.threadsNote), info.threadsNote);
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

test('pix2pix() without a model loads the default one and colours a drawing', async () => {
  const ml5 = require('ml5-wasm');
  const p2p = await ml5.pix2pix();
  assert.equal(p2p.ngf, 8);
  // A black ring on white: the output must not be a copy of the input (the model colours it).
  const data = new Uint8ClampedArray(256 * 256 * 4).fill(255);
  for (let y = 0; y < 256; y++) for (let x = 0; x < 256; x++) {
    const r = Math.hypot(x - 128, y - 128);
    if (r > 80 && r < 88) data.fill(0, (y * 256 + x) * 4, (y * 256 + x) * 4 + 3);
  }
  const result = await p2p.transfer({ data, width: 256, height: 256 });
  let changed = 0;
  for (let i = 0; i < data.length; i += 4) changed += Math.abs(result.raws[i] - data[i]) > 32;
  assert.ok(changed > 100, `only ${changed} pixels changed`);
});

test('one version everywhere: package.json, the JS API and the C++ core', async () => {
  const ml5 = require('ml5-wasm');
  assert.equal(ml5.version, pkg.version);
  const backend = await ml5.loadBackend({ variant: 'wasm-simd' });
  assert.equal(backend.module.version(), pkg.version);
});

test('package.json points every condition, the CLI and the types at files that exist', () => {
  const root = new URL('../../', import.meta.url);
  const entry = pkg.exports['.'];
  assert.deepEqual(Object.keys(entry), ['types', 'browser', 'import', 'require', 'default']);
  const targets = [...Object.values(entry), pkg.main, pkg.module, pkg.types, pkg.unpkg, pkg.jsdelivr, pkg.bin['ml5-wasm']];
  for (const file of targets) assert.ok(existsSync(new URL(file, root)), file);
  for (const folder of pkg.files) assert.ok(existsSync(new URL(folder, root)), folder);
  assert.equal(pkg.sideEffects, false);
});

test('npm pack holds the licences and notices, and nothing but dist/, bin/ and the default models', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const [{ files }] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }));
  const paths = files.map((f) => f.path);
  for (const required of ['LICENSE', 'THIRD_PARTY_NOTICES.md', 'CHANGELOG.md', 'README.md', 'package.json',
    'models/pix2pix-default/LICENSE.md', 'models/cvae-fashion-mnist/LICENSE.md', 'models/pix2pix-default/model.compact.pict',
    'dist/ml5-wasm.umd.js', 'dist/ml5-wasm.single.js', 'dist/ml5-wasm.d.ts', 'bin/ml5-wasm.mjs']) {
    assert.ok(paths.includes(required), `${required} is not in the package`);
  }
  const allowed = /^(dist\/[^/]+|bin\/[^/]+|models\/(pix2pix-default|cvae-fashion-mnist)\/.+|(LICENSE|THIRD_PARTY_NOTICES\.md|CHANGELOG\.md|README\.md|package\.json))$/;
  assert.deepEqual(paths.filter((path) => !allowed.test(path)), [], 'files the package should not carry');
  // The default models ship compact only (what they are made from stays in the repo).
  assert.ok(!paths.includes('models/pix2pix-default/model.pict'), 'the package carries the default pix2pix model twice');
  assert.ok(paths.includes('models/cvae-fashion-mnist/model-float16/group1-shard1of1.bin'), 'the float16 CVAE is not in the package');
  assert.deepEqual(paths.filter((path) => path.startsWith('models/cvae-fashion-mnist/model/')), [], 'the float32 CVAE is in the package');
  assert.deepEqual(paths.filter((path) => /\.(tap|log|map|tmp)$|^dist\/.*\.(o|a)$/.test(path)), []);
  // The notices name every component compiled into the wasm files, and the models' licences.
  const notices = readFileSync(new URL('../../THIRD_PARTY_NOTICES.md', import.meta.url), 'utf8');
  for (const name of ['XNNPACK', 'pthreadpool', 'FXdiv', 'FP16', 'stb', 'Emscripten', 'OpenMoji', 'CC BY-SA 4.0', 'Fashion-MNIST']) {
    assert.ok(notices.includes(name), `THIRD_PARTY_NOTICES.md does not mention ${name}`);
  }
  assert.match(readFileSync(new URL('../../LICENSE', import.meta.url), 'utf8'), /^MIT License/);
  assert.equal(pkg.license, 'MIT');
});
