// The <script> build: defines the global `ml5`, with every model kind of the registry. If an
// ml5 0.x is already on the page, only those models are replaced, so its others keep working.
import * as api from './index.js';
import { registerP5Preload } from './p5-preload.js';
import { forEachModel } from './registry.js';

const existing = typeof globalThis.ml5 === 'object' && globalThis.ml5 !== null ? globalThis.ml5 : null;
const ml5 = existing ?? { ...api };  // a plain object: p5 rewrites its preload methods
if (existing) existing.wasm = api;  // the rest of this library, without touching ml5's own names
forEachModel((row) => {
  ml5[row.name] = row.factory;
  if (row.preload) registerP5Preload(ml5, row.name);
});
globalThis.ml5 = ml5;
