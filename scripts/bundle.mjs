// Bundles web/ into dist/: ESM (bundlers, Node import), CommonJS (Node require) and an IIFE that
// defines the global `ml5` (<script> tags; unpkg/jsdelivr).
import { copyFileSync } from 'node:fs';
import { build } from 'esbuild';

const common = {
  entryPoints: ['web/index.js'],
  bundle: true,
  target: 'es2020',
  external: ['node:*'],
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, format: 'esm', platform: 'neutral', outfile: 'dist/ml5-wasm.mjs',
    define: { ML5_FORMAT: '"esm"' } }),
  build({ ...common, format: 'cjs', platform: 'node', outfile: 'dist/ml5-wasm.cjs',
    define: { ML5_FORMAT: '"cjs"', 'import.meta.url': 'undefined' } }),
  build({ ...common, entryPoints: ['web/umd.js'], format: 'iife', platform: 'browser',
    outfile: 'dist/ml5-wasm.umd.js',
    define: { ML5_FORMAT: '"iife"', 'import.meta.url': 'undefined' } }),
  // Worker mode's worker: a classic script, so it can importScripts() the wasm glue.
  build({ ...common, entryPoints: ['web/worker.js'], format: 'iife', platform: 'browser',
    outfile: 'dist/ml5-wasm.worker.js',
    define: { ML5_FORMAT: '"iife"', 'import.meta.url': 'undefined' } }),
]);

// The hand-written declarations of the public API (web/index.d.ts) ship beside the bundles.
copyFileSync('web/index.d.ts', 'dist/ml5-wasm.d.ts');
