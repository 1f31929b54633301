// Records a long fuzz run (scripts/fuzz.sh, every target for >= 1800 s, no finding) in
// bench/results/fuzz-latest.json, for the generated block in docs/development.md:
//   node scripts/fuzz-record.mjs RUN.tsv JOBS COMMIT
// COMMIT: the commit the targets were built from.
// RUN.tsv: target, seconds, executions, coverage (edges), features; one line per target.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

const [tsv, jobs, commit] = process.argv.slice(2);
const root = new URL('../', import.meta.url).pathname;
// The merged corpus (build/fuzz/committed/<target>/) and its committed archive.
const corpus = (target) => {
  const dir = join(root, 'build/fuzz/committed', target);
  const files = readdirSync(dir);
  return {
    files: files.length,
    bytes: files.reduce((sum, f) => sum + statSync(join(dir, f)).size, 0),
    packed: statSync(join(root, 'tests/fuzz/corpus', `${target}.tar.xz`)).size,
  };
};
const targets = readFileSync(tsv, 'utf8').trim().split('\n').map((line) => {
  const [target, seconds, executions, coverage, features] = line.split('\t');
  return { target, seconds: Number(seconds), executions: Number(executions), coverage: Number(coverage), features: Number(features), corpus: corpus(target) };
});
const report = {
  date: new Date().toISOString(),
  machine: `${cpus()[0]?.model}, ${cpus().length} cores`,
  commit, jobs: Number(jobs), sanitizers: 'ASan + UBSan', findings: 0, targets,
};
writeFileSync(join(root, 'bench/results/fuzz-latest.json'), JSON.stringify(report, null, 2) + '\n');
console.log('[ fuzz ] recorded in bench/results/fuzz-latest.json (run `npm run docs` to update docs/development.md)');
