// The TypeScript declarations: a strict compile of tests/types/usage.ts, which uses the whole
// API as ml5 sketches do, must pass, and its @ts-expect-error lines must still be errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

test('the declarations type-check ml5-style usage under tsc --strict', () => {
  const tsc = spawnSync(process.execPath, [
    `${root}node_modules/typescript/bin/tsc`, '--noEmit', '--strict', '--target', 'es2022',
    '--lib', 'es2022,dom', '--module', 'esnext', '--moduleResolution', 'bundler',
    `${root}tests/types/usage.ts`,
  ], { cwd: root, encoding: 'utf8' });
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
});
