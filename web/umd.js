// The <script> build: defines the global `ml5`. If an ml5 0.x is already on the page, only its
// CVAE and pix2pix are replaced, so its other models keep working.
import * as api from './index.js';
import { registerP5Preload } from './p5-preload.js';

const existing = typeof globalThis.ml5 === 'object' && globalThis.ml5 !== null ? globalThis.ml5 : null;
const ml5 = existing ?? { ...api };  // a plain object: p5 rewrites its preload methods
if (existing) {
  existing.CVAE = api.CVAE;
  existing.pix2pix = api.pix2pix;
  existing.wasm = api;  // the rest of this library, without touching ml5's own names
}
registerP5Preload(ml5, ['CVAE', 'pix2pix']);
globalThis.ml5 = ml5;
