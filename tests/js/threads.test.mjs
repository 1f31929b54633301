// The thread policy in Node: when nobody chose a count, the threaded variant times 1, 2, 4, ...
// threads up to its pool at load and runs on the fewest within 10% of the fastest; a count given
// by ml5.setThreads() or {threads} wins. Each case runs in a fresh process: loads are per process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

function inFreshProcess(script, env = {}) {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', `
    import * as ml5 from 'ml5-wasm';
    ${script}`], { encoding: 'utf8', env: { ...process.env, ...env } });
  return JSON.parse(out);
}

test('at load, the threaded variant times each count up to its pool and keeps the fastest', () => {
  const { variant, poolSize, threads, calibration, info } = inFreshProcess(`
    const backend = await ml5.loadBackend();
    const info = await ml5.backendInfo();
    console.log(JSON.stringify({ variant: backend.variant, poolSize: backend.poolSize,
      threads: backend.threads, calibration: backend.calibration, info }));`);
  assert.equal(variant, 'wasm-simd-threads');
  const counts = [1, 2, 4, 8].filter((c) => c < poolSize).concat(poolSize);
  assert.deepEqual(calibration.timings.map((t) => t.threads), [...new Set(counts)]);
  for (const t of calibration.timings) assert.ok(t.ms > 0 && t.ms < 1000, `${t.threads} threads: ${t.ms} ms`);
  const fastest = Math.min(...calibration.timings.map((t) => t.ms));
  const fewest = Math.min(...calibration.timings.filter((t) => t.ms <= fastest * 1.1).map((t) => t.threads));
  assert.equal(calibration.threads, fewest);
  assert.equal(threads, fewest);
  assert.equal(info.threads, fewest);
  if (fewest < poolSize) assert.match(info.threadsNote, new RegExp(`^using ${fewest} of ${poolSize} threads: more ran slower`));
  else assert.equal(info.threadsNote, null);
});

test('ml5.setThreads() before the first load wins: no calibration', () => {
  const out = inFreshProcess(`
    await ml5.setThreads(2);
    const backend = await ml5.loadBackend();
    console.log(JSON.stringify({ threads: backend.threads, poolSize: backend.poolSize, calibrated: !!backend.calibration }));`);
  assert.deepEqual(out, { threads: 2, poolSize: 2, calibrated: false });
});

test('the variant without threads says why in backendInfo().threadsNote', () => {
  const out = inFreshProcess(`
    const info = await ml5.backendInfo();
    console.log(JSON.stringify({ variant: info.variant, threads: info.threads, note: info.threadsNote }));`,
  { ML5_WASM_VARIANT: 'wasm-simd' });
  assert.deepEqual(out, { variant: 'wasm-simd', threads: 1, note: 'ML5_WASM_VARIANT chose the variant without threads' });
});
