// The shared tfjs re-implementation of ml5's pix2pix (../shared/reference/pix2pix_ref.js, tfjs
// 4.22 cpu) and this library give the same image for the same model and input: on the
// synthetic model and on the project's default model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as ml5 from 'ml5-wasm';
import { PIX2PIX_MODELS, SHARED, sharedMissing } from './shared.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEFAULT = ROOT + 'models/pix2pix-default/model.pict';

// Runs the reference in a child process; its require('@tensorflow/tfjs') resolves to ours.
function referenceTransfer(model) {
  const script = `
    const R = require(${JSON.stringify(SHARED + 'reference/pix2pix_ref.js')});
    const input = R.proceduralEdges();
    const out = R.array3DToRGBA(R.transferTensor(R.loadPictVariables(${JSON.stringify(model)}), input));
    process.stdout.write(JSON.stringify({
      input: Buffer.from(input.data).toString('base64'),
      floats: Buffer.from(out.floats.buffer).toString('base64'),
    }));`;
  const json = execFileSync(process.execPath, ['-e', script], {
    env: { ...process.env, NODE_PATH: ROOT + 'node_modules' }, maxBuffer: 1 << 26, encoding: 'utf8',
  });
  const { input, floats } = JSON.parse(json);
  const f = Buffer.from(floats, 'base64');
  return {
    input: new Uint8ClampedArray(Buffer.from(input, 'base64')),
    floats: new Float32Array(f.buffer.slice(f.byteOffset, f.byteOffset + f.length)),
  };
}

async function compareWithLibrary(model) {
  const reference = referenceTransfer(model);
  const p2p = await ml5.pix2pix(model);
  const result = await p2p.transfer({ data: reference.input, width: 256, height: 256 });
  let worst = 0;
  for (let i = 0; i < reference.floats.length; i++) {
    worst = Math.max(worst, Math.abs(result.tensor.data[i] - reference.floats[i]));
  }
  p2p.dispose();
  return worst;
}

test('synthetic ngf=4: the tfjs reference and the library agree', { skip: sharedMissing }, async () => {
  const worst = await compareWithLibrary(PIX2PIX_MODELS + 'synthetic_ngf4.pict');
  assert.ok(worst <= 1e-4, `max |delta| ${worst}`);
});

test('the default model: the tfjs reference and the library agree', {
  skip: sharedMissing || (!existsSync(DEFAULT) && `SKIPPED: ${DEFAULT} is not trained yet`),
}, async () => {
  const worst = await compareWithLibrary(DEFAULT);
  console.log(`default pix2pix model, tfjs reference vs library: max |delta| ${worst}`);
  assert.ok(worst <= 1e-4, `max |delta| ${worst}`);
});
