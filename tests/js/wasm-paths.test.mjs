// setWasmPaths(): a wrong location fails the load with the URL in the message, and a later
// load from the right place still works (a failed load is not cached).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import * as ml5 from 'ml5-wasm';

test('a wrong wasm path rejects with the path, and fixing it recovers', async () => {
  ml5.setWasmPaths('/nonexistent/ml5-wasm/');
  await assert.rejects(ml5.loadBackend({ variant: 'wasm-simd' }), /\/nonexistent\/ml5-wasm\/ml5-wasm-simd/);
  ml5.setWasmPaths(fileURLToPath(new URL('../../dist/', import.meta.url)));
  const backend = await ml5.loadBackend({ variant: 'wasm-simd' });
  assert.equal(backend.variant, 'wasm-simd');
});

test('setWasmPaths and loadBackend reject values they cannot use', async () => {
  assert.throws(() => ml5.setWasmPaths(42), /URL prefix string or an object/);
  await assert.rejects(ml5.loadBackend({ variant: 'wasm-gpu' }), /unknown variant 'wasm-gpu'/);
});
