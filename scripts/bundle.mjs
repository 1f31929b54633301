// Bundles web/ into dist/:
//   ml5-wasm.mjs          ESM for Node's import (and any ESM host)
//   ml5-wasm.browser.mjs  ESM for bundlers (the "browser" condition): no node: imports
//   ml5-wasm.cjs          CommonJS for Node's require
//   ml5-wasm.umd.js       an IIFE that defines the global `ml5` (<script> tags; unpkg/jsdelivr)
//   ml5-wasm.worker.js    the worker of worker mode (a classic script)
//   ml5-wasm.single.js    the <script> build with the wasm and the default models inside
// The default models' files come from the model registry (web/registry.js).
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

// Writes a file only when its contents change, whole, by rename: `npm start` serves dist/ while
// it builds the variants that were not needed first, and a page must never get half a file.
function publish(path, contents) {
  if (existsSync(path) && Buffer.compare(readFileSync(path), contents) === 0) return;
  writeFileSync(`${path}.tmp`, contents);
  renameSync(`${path}.tmp`, path);
}

// esbuild's build, published as above.
async function bundle(options) {
  const { outputFiles } = await build({ ...options, write: false });
  for (const file of outputFiles) publish(file.path, Buffer.from(file.contents));
}

// What web/paths.js imports as 'ml5-wasm:default-models': the default models' files, and
// their URLs where a build carries them itself.
function defaultModels(files, urlOf) {
  const urls = urlOf ? files.map((path) => `${JSON.stringify(path)}: ${urlOf(path)}`) : [];
  return `export const DEFAULT_MODEL_FILES = ${JSON.stringify(files)};\n` +
    `export const BUNDLED_MODEL_URLS = {${urls.join(',\n')}};\n`;
}

function defaultModelsPlugin(contents) {
  return {
    name: 'default-models',
    setup(b) {
      b.onResolve({ filter: /^ml5-wasm:default-models$/ }, (args) => ({ path: args.path, namespace: 'default-models' }));
      b.onLoad({ filter: /.*/, namespace: 'default-models' }, () => ({ contents, loader: 'js' }));
    },
  };
}

// Browser builds: Node's modules become empty stubs. The code that would use them only runs
// in Node, and bundlers then have nothing to warn about.
const stubNodeModules = {
  name: 'stub-node-modules',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: 'node-stub' }));
    b.onLoad({ filter: /.*/, namespace: 'node-stub' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

const common = { bundle: true, target: 'es2020', external: ['node:*'], logLevel: 'warning' };
const script = { ML5_FORMAT: '"iife"', 'import.meta.url': 'undefined' };

// The registry, evaluated here: which files each default model has.
async function registryFiles() {
  const out = await build({ ...common, entryPoints: ['web/registry.js'], format: 'esm', platform: 'node',
    write: false, define: script, plugins: [defaultModelsPlugin(defaultModels([]))] });
  const { MODELS } = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
  return MODELS.flatMap((row) => row.defaultFiles);
}

const files = await registryFiles();
const plain = defaultModelsPlugin(defaultModels(files));
// In the ESM builds every file is a literal `new URL('…', import.meta.url)`: bundlers (Vite,
// webpack 5) see these, copy the files into the app and give back their final URLs.
const literal = defaultModelsPlugin(defaultModels(files,
  (path) => `new URL(${JSON.stringify(`../models/${path}`)}, import.meta.url).href`));

await Promise.all([
  bundle({ ...common, entryPoints: ['web/index.js'], format: 'esm', platform: 'neutral',
    outfile: 'dist/ml5-wasm.mjs', define: { ML5_FORMAT: '"esm"' }, plugins: [literal] }),
  bundle({ ...common, entryPoints: ['web/index.js'], format: 'esm', platform: 'browser',
    outfile: 'dist/ml5-wasm.browser.mjs', define: { ML5_FORMAT: '"esm"' }, plugins: [stubNodeModules, literal] }),
  bundle({ ...common, entryPoints: ['web/index.js'], format: 'cjs', platform: 'node',
    outfile: 'dist/ml5-wasm.cjs', define: { ML5_FORMAT: '"cjs"', 'import.meta.url': 'undefined' }, plugins: [plain] }),
  bundle({ ...common, entryPoints: ['web/umd.js'], format: 'iife', platform: 'browser',
    outfile: 'dist/ml5-wasm.umd.js', define: script, plugins: [stubNodeModules, plain] }),
  bundle({ ...common, entryPoints: ['web/worker.js'], format: 'iife', platform: 'browser',
    outfile: 'dist/ml5-wasm.worker.js', define: script, plugins: [stubNodeModules, plain] }),
]);

// ml5-wasm.single.js: the <script> build with everything inside, for hosts that serve nothing
// else (the p5 web editor): the wasm-simd glue with its wasm embedded (-sSINGLE_FILE), and the
// default models as data: URLs.
const singleGlue = 'build/wasm-simd/bindings/ml5-wasm-simd-single.js';
if (existsSync(singleGlue)) {
  const dataUrl = (path) => JSON.stringify(`data:${path.endsWith('.json') ? 'application/json' : 'application/octet-stream'};base64,` +
    readFileSync(`models/${path}`).toString('base64'));
  await bundle({ ...common, entryPoints: ['web/umd.js'], format: 'iife', platform: 'browser',
    outfile: 'dist/ml5-wasm.single.js', banner: { js: readFileSync(singleGlue, 'utf8') },
    define: { ...script, ML5_FORMAT: '"single"' },
    plugins: [stubNodeModules, defaultModelsPlugin(defaultModels(files, dataUrl))] });
}

// The hand-written declarations of the public API (web/index.d.ts) ship beside the bundles.
publish('dist/ml5-wasm.d.ts', readFileSync('web/index.d.ts'));
