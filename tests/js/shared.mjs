// ../shared holds ml5's real models and the reference outputs. It exists on CI and developer
// machines, never on users'. Tests that need it skip loudly when it is absent.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));
export const QUICK_DRAW = SHARED + 'ml5-models/cvae/quick_draw/manifest.json';
export const CVAE_REFERENCE = SHARED + 'reference/out/cvae/';
export const PIX2PIX_MODELS = SHARED + 'ml5-models/pix2pix/';
export const PIX2PIX_REFERENCE = SHARED + 'reference/out/pix2pix/';

export const sharedMissing = existsSync(SHARED)
  ? false
  : `SKIPPED: ${SHARED} is absent, so the ml5 compatibility tests did not run`;
if (sharedMissing) console.warn(`\n*** ${sharedMissing} ***\n`);
