// The model kinds of this library, one row each:
//   name          ml5.<name>() and the name worker mode loads by
//   factory       ml5's function, as sketches call it
//   instance      its class: new instance(model, callback, options), with .ready and
//                 workerInfo() (the plain data a page's proxy needs)
//   defaultFiles  the default model's files under models/, the one to load first
//   preload       p5's preload() waits for it
//   workerMethods the methods worker mode runs in its worker
// index.js, umd.js (the global and p5's preload), worker.js and scripts/bundle.mjs read it. A
// new model is its wrapper file plus one row (docs/adding-a-model.md); registerModel() adds a
// row at run time.
import { CVAE, CVAE_DEFAULT_FILES, Cvae } from './cvae.js';
import { PIX2PIX_DEFAULT_FILES, Pix2pix, pix2pix } from './pix2pix.js';

export const MODELS = [
  { name: 'CVAE', factory: CVAE, instance: Cvae, defaultFiles: CVAE_DEFAULT_FILES, preload: true,
    workerMethods: ['generate', 'generateBatch', 'interpolate'] },
  { name: 'pix2pix', factory: pix2pix, instance: Pix2pix, defaultFiles: PIX2PIX_DEFAULT_FILES,
    preload: true, workerMethods: ['transfer'] },
];

const listeners = [];

// The row of `name`, or an error that lists the names there are.
export function modelRow(name) {
  const row = MODELS.find((m) => m.name === name);
  if (!row) throw new Error(`ml5-wasm: no model kind '${name}' (there are: ${MODELS.map((m) => m.name).join(', ')})`);
  return row;
}

// Adds a model kind; the <script> build's global ml5 gets ml5[row.name].
export function registerModel(row) {
  if (!row || typeof row.name !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(row.name)) {
    throw new TypeError('ml5-wasm: registerModel() needs a row with a name that is a JS identifier');
  }
  if (typeof row.factory !== 'function' || typeof row.instance !== 'function') {
    throw new TypeError(`ml5-wasm: registerModel('${row.name}') needs a factory and an instance class`);
  }
  if (MODELS.some((m) => m.name === row.name)) {
    throw new Error(`ml5-wasm: a model kind '${row.name}' is already registered`);
  }
  const full = { defaultFiles: [], preload: false, workerMethods: [], ...row };
  MODELS.push(full);
  for (const listener of listeners) listener(full);
  return full;
}

// listener(row) for every row there is and every row registered later.
export function forEachModel(listener) {
  for (const row of MODELS) listener(row);
  listeners.push(listener);
}
