// Bundles web/ into dist/:
//   ml5-wasm.mjs          ESM for Node's import (and any ESM host)
//   ml5-wasm.browser.mjs  ESM for bundlers (the "browser" condition): no node: imports
//   ml5-wasm.cjs          CommonJS for Node's require
//   ml5-wasm.umd.js       an IIFE that defines the global `ml5` (<script> tags; unpkg/jsdelivr)
//   ml5-wasm.worker.js    the worker of worker mode (a classic script)
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { build } from 'esbuild';

const common = {
  entryPoints: ['web/index.js'],
  bundle: true,
  target: 'es2020',
  external: ['node:*'],
  logLevel: 'warning',
};

// Browser builds: Node's modules become empty stubs. The code that would use them only runs
// in Node, and bundlers then have nothing to warn about.
const withoutNode = {
  plugins: [{
    name: 'stub-node-modules',
    setup(b) {
      b.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: 'node-stub' }));
      b.onLoad({ filter: /.*/, namespace: 'node-stub' }, () => ({ contents: 'export {};', loader: 'js' }));
    },
  }],
};
const script = { ML5_FORMAT: '"iife"', 'import.meta.url': 'undefined', ML5_SINGLE_FILE_MODELS: '{}' };

await Promise.all([
  build({ ...common, format: 'esm', platform: 'neutral', outfile: 'dist/ml5-wasm.mjs',
    define: { ML5_FORMAT: '"esm"', ML5_SINGLE_FILE_MODELS: '{}' } }),
  build({ ...common, ...withoutNode, format: 'esm', platform: 'browser',
    outfile: 'dist/ml5-wasm.browser.mjs', define: { ML5_FORMAT: '"esm"', ML5_SINGLE_FILE_MODELS: '{}' } }),
  build({ ...common, format: 'cjs', platform: 'node', outfile: 'dist/ml5-wasm.cjs',
    define: { ML5_FORMAT: '"cjs"', 'import.meta.url': 'undefined', ML5_SINGLE_FILE_MODELS: '{}' } }),
  build({ ...common, ...withoutNode, entryPoints: ['web/umd.js'], format: 'iife',
    platform: 'browser', outfile: 'dist/ml5-wasm.umd.js', define: script }),
  build({ ...common, ...withoutNode, entryPoints: ['web/worker.js'], format: 'iife',
    platform: 'browser', outfile: 'dist/ml5-wasm.worker.js', define: script }),
]);

// ml5-wasm.single.js: the <script> build with everything inside, for hosts that serve nothing
// else (the p5 web editor): the wasm-simd glue with its wasm embedded (-sSINGLE_FILE), and the
// default models as data: URLs.
const singleGlue = 'build/wasm-simd/bindings/ml5-wasm-simd-single.js';
if (existsSync(singleGlue)) {
  const models = {
    'cvae-fashion-mnist/manifest.json': 'application/json',
    'cvae-fashion-mnist/model/model.json': 'application/json',
    'cvae-fashion-mnist/model/group1-shard1of1.bin': 'application/octet-stream',
    'pix2pix-default/model.pict': 'application/octet-stream',
  };
  const dataUrls = Object.fromEntries(Object.entries(models).map(([path, type]) =>
    [path, `data:${type};base64,${readFileSync(`models/${path}`).toString('base64')}`]));
  await build({ ...common, ...withoutNode, entryPoints: ['web/umd.js'], format: 'iife',
    platform: 'browser', outfile: 'dist/ml5-wasm.single.js',
    banner: { js: readFileSync(singleGlue, 'utf8') },
    define: { ...script, ML5_FORMAT: '"single"', ML5_SINGLE_FILE_MODELS: JSON.stringify(dataUrls) } });
}

// The hand-written declarations of the public API (web/index.d.ts) ship beside the bundles.
copyFileSync('web/index.d.ts', 'dist/ml5-wasm.d.ts');
