// The docs stay true: measured figures match what bench/results makes of them, the README's
// sketches are the example files the browser tests run, every relative link and #anchor
// resolves, and the README stays short.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { docFiles, expectedDocs } from '../../scripts/doc-numbers.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file) => readFileSync(join(ROOT, file), 'utf8');
const DOCS = [...docFiles(), 'web/examples/README.md', 'models/README.md'];

test('every generated block and the chart match what scripts/doc-numbers.mjs makes of bench/results', () => {
  for (const { file, text } of expectedDocs()) {
    assert.ok(existsSync(join(ROOT, file)), `${file} is missing: run node scripts/doc-numbers.mjs`);
    assert.equal(read(file), text, `${file}: stale figures; run node scripts/doc-numbers.mjs`);
  }
  const readme = read('README.md');
  assert.match(readme, /<!-- generated: readme-performance -->\n!\[/, 'the README has its generated performance block');
});

test('the README quotes its examples exactly, and the examples exist', () => {
  const readme = read('README.md');
  const quoted = [...readme.matchAll(/<!-- example: (\S+) -->\n```\w*\n([\s\S]*?)```/g)];
  assert.ok(quoted.length >= 3, `only ${quoted.length} quoted examples`);
  for (const [, file, code] of quoted) {
    assert.ok(existsSync(join(ROOT, file)), `${file} is missing`);
    assert.equal(code, read(file), `README.md's copy of ${file} differs from the file`);
  }
  for (const [, file] of quoted.filter(([, f]) => f.includes('/p5/'))) {
    const lines = read(file).split('\n').filter((line) => line.trim() && !line.trim().startsWith('//')).length;
    assert.ok(lines < 15, `${file}: ${lines} lines of code; the README promises under 15`);
  }
});

test('the README is short: at most 250 lines', () => {
  const lines = read('README.md').split('\n').length;
  assert.ok(lines <= 250, `README.md has ${lines} lines`);
});

// GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens.
function slug(heading) {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
}
function anchors(text) {
  const seen = new Map();
  const out = new Set();
  for (const [, heading] of text.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6} (.*)$/gm)) {
    const base = slug(heading);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n ? `${base}-${n}` : base);
  }
  return out;
}

test('every relative link and #anchor in the docs resolves', () => {
  const broken = [];
  for (const file of DOCS) {
    const text = read(file).replace(/```[\s\S]*?```/g, '');
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target)) continue;  // https:, mailto:
      const [path, anchor] = target.split('#');
      const linked = path ? join(dirname(join(ROOT, file)), path) : join(ROOT, file);
      if (!existsSync(linked)) { broken.push(`${file}: ${target} (no such file)`); continue; }
      if (anchor && linked.endsWith('.md') && !anchors(readFileSync(linked, 'utf8')).has(anchor)) {
        broken.push(`${file}: ${target} (no such heading)`);
      }
    }
  }
  assert.deepEqual(broken, []);
});

test('every doc under docs/ opens by saying who it is for', () => {
  for (const file of docFiles().filter((f) => f.startsWith('docs/'))) {
    const opening = read(file).split('\n').find((line, i) => i > 0 && line.trim());
    assert.match(opening, /^For /, `${file} does not open with who it is for`);
  }
});

test('the README\'s Node example runs and writes a PNG', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ml5-readme-'));
  try {
    const out = execFileSync(process.execPath, [join(ROOT, 'web/examples/node/cvae-to-png.mjs')], { cwd: dir, encoding: 'utf8' });
    assert.match(out, /^bag\.png: 28x28$/m);
    const png = readFileSync(join(dir, 'bag.png'));
    assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
