// Operator GFLOP/s natively and in Node (the SIMD128 variants and the relaxed-SIMD threaded one),
// in one run on one machine: a pix2pix-sized conv (4x4/2, 64 channels in at 128x128) and deconv
// (4x4/2, 256 in at 64x64), 1 and 2 threads, medians; and the relaxed build's one-thread fused
// multiply-add peak, to set its rates against.
// Writes bench/results/ops-latest.json and prints a markdown table.  npm run bench:ops
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';

const runs = Number(process.argv[2] ?? 21);
const envs = [
  { env: 'native', command: 'build/native/bench/ml5_op_bench', args: [] },
  { env: 'node wasm-simd', command: 'node', args: ['build/wasm-simd/bench/ml5_op_bench.js'] },
  { env: 'node wasm-simd-threads', command: 'node', args: ['build/wasm-simd-threads/bench/ml5_op_bench.js'] },
  { env: 'node wasm-relaxed-simd-threads', command: 'node',
    args: ['--experimental-wasm-relaxed-simd', 'build/wasm-relaxed-simd-threads/bench/ml5_op_bench.js'] },
];

const results = [];
for (const { env, command, args } of envs) {
  const output = execFileSync(command, [...args, String(runs)], { encoding: 'utf8' });
  for (const line of output.trim().split('\n')) results.push({ env, ...JSON.parse(line) });
}

const machine = `${os.cpus()[0].model}, ${os.cpus().length} cores, Node ${process.version}`;
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/ops-latest.json',
  JSON.stringify({ date: new Date().toISOString(), machine, runs, results }, null, 2) + '\n');

console.log(`${machine}; median of ${runs} runs after 2 warm-ups\n`);
console.log('| op | env | threads | median ms | GFLOP/s |');
console.log('|---|---|---|---|---|');
for (const r of results) {
  console.log(`| ${r.op}${r.input ? ` ${r.input}->${r.output}` : ''} | ${r.env} | ${r.threads} | ${r.median_ms.toFixed(2)} | ${r.gflops.toFixed(1)} |`);
}
