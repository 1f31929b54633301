// The per-call thread policy (web/thread-policy.js): each call shape is timed on threads and on
// the caller alone, runs the faster way, retries the other way less and less often while the
// choice holds, and follows a change of load. The rule runs on a clock that each call moves on
// by a set time (real timings on a shared 2-core machine would make the test flaky), with a
// stand-in for the wasm module that records which way each call ran; the last test runs the
// real models.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

// web/ holds ES modules that the bundler builds (the package itself is CommonJS to Node): this
// one imports nothing, so it loads as it is.
const source = readFileSync(new URL('../../web/thread-policy.js', import.meta.url), 'utf8');
const { ThreadPolicy } = await import(`data:text/javascript,${encodeURIComponent(source)}`);

// calibratedSingle: the load-time calibration found one thread fastest.
function standIn({ threads = 2, adaptive = true, calibratedSingle = false } = {}) {
  const module = { callerOnly: calibratedSingle, setCallerOnly(v) { this.callerOnly = v; } };
  return { module, poolThreads: threads, adaptive, calibratedSingle };
}

// A policy on a clock that calls move on.
function policyOn(backend) {
  const clock = { ms: 0 };
  const policy = new ThreadPolicy(backend, () => clock.ms);
  policy.clock.state = clock;
  return policy;
}

// Runs `calls` calls whose time depends on the way they run (one call in `slowEvery` is held up
// by 10 ms, as by a busy machine); returns the ways, in order.
function runCalls(policy, calls, { threadsMs, singleMs, slowEvery = 0 }) {
  const ways = [];
  for (let i = 0; i < calls; i++) {
    policy.run('shape', () => {
      const single = policy.backend.module.callerOnly;
      ways.push(single ? 'single' : 'threads');
      policy.clock.state.ms += (single ? singleMs : threadsMs) + (slowEvery && i % slowEvery === 0 ? 10 : 0);
    });
  }
  return ways;
}

test('threads faster: calls run on threads, one thread is retried ever less often', () => {
  const policy = policyOn(standIn());
  const ways = runCalls(policy, 200, { threadsMs: 1, singleMs: 3, slowEvery: 17 });
  assert.deepEqual(ways.slice(0, 3), ['threads', 'threads', 'single']);
  const retries = ways.slice(3).filter((w) => w === 'single').length;
  assert.ok(retries >= 3 && retries <= 6, `${retries} retries in 197 calls (every 8th, doubling to every 64th): ${ways.join(' ')}`);
  assert.deepEqual(policy.choices().map((c) => [c.shape, c.runsOn]), [['shape', 'threads']]);
  assert.equal(policy.backend.module.callerOnly, false, 'the pool is left usable');
});

test('one thread faster (busy cores): calls run on the caller alone', () => {
  const policy = policyOn(standIn());
  const ways = runCalls(policy, 60, { threadsMs: 4, singleMs: 1 });
  const afterStart = ways.slice(3);
  assert.ok(afterStart.filter((w) => w === 'single').length >= afterStart.length - 6, ways.join(' '));
  assert.equal(policy.choices()[0].runsOn, 'one thread');
});

test('threads slowed by a change of load: one thread within 2 calls', () => {
  const policy = policyOn(standIn());
  runCalls(policy, 150, { threadsMs: 1, singleMs: 3 });  // retries now every 64th call
  const ways = runCalls(policy, 140, { threadsMs: 5, singleMs: 1.5 });
  const switched = ways.findIndex((w, i) => ways.slice(i, i + 5).every((x) => x === 'single'));
  assert.ok(switched >= 0 && switched <= 2, `switched after ${switched} calls: ${ways.join(' ')}`);
  assert.equal(policy.choices()[0].runsOn, 'one thread');
});

test('cores free again: back on threads within two retries', () => {
  const policy = policyOn(standIn());
  runCalls(policy, 150, { threadsMs: 4, singleMs: 1 });  // on one thread, retries every 64th call
  const ways = runCalls(policy, 200, { threadsMs: 0.5, singleMs: 1 });
  const back = ways.findIndex((w, i) => ways.slice(i, i + 5).every((x) => x === 'threads'));
  assert.ok(back >= 0 && back <= 130, `back on threads after ${back} calls: ${ways.join(' ')}`);
  assert.equal(policy.choices()[0].runsOn, 'threads');
});

test('calibrated to one thread (cores busy at load): calls start alone, and move to threads once faster', () => {
  const policy = policyOn(standIn({ calibratedSingle: true }));
  const ways = runCalls(policy, 40, { threadsMs: 4, singleMs: 1 });
  assert.deepEqual(ways.slice(0, 3), ['single', 'single', 'threads']);
  assert.ok(ways.slice(3).filter((w) => w === 'threads').length <= 4, ways.join(' '));
  assert.equal(policy.backend.module.callerOnly, true, 'calls outside the policy stay on the caller');
  const freed = runCalls(policy, 200, { threadsMs: 0.5, singleMs: 1 });
  const back = freed.findIndex((w, i) => freed.slice(i, i + 5).every((x) => x === 'threads'));
  assert.ok(back >= 0 && back <= 130, `back on threads after ${back} calls: ${freed.join(' ')}`);
  assert.equal(policy.choices()[0].runsOn, 'threads');
});

test('one held-up call on threads at the start does not decide: the other way is timed twice first', () => {
  const policy = policyOn(standIn({ calibratedSingle: true }));
  const ways = [];
  for (let i = 0; i < 11; i++) {  // the 12th would be the first retry of one thread
    policy.run('shape', () => {
      const single = policy.backend.module.callerOnly;
      ways.push(single ? 'single' : 'threads');
      // The first call on threads waits for cores that another library's threads still spin on.
      const held = !single && ways.filter((w) => w === 'threads').length === 1;
      policy.clock.state.ms += single ? 3 : held ? 30 : 1;
    });
  }
  assert.deepEqual(ways.slice(0, 4), ['single', 'single', 'threads', 'threads'], ways.join(' '));
  assert.deepEqual(ways.slice(4), Array(7).fill('threads'), ways.join(' '));
  assert.equal(policy.choices()[0].runsOn, 'threads');
});

test('no policy on one thread, or once the caller chose a count; a failing call resets the pool', () => {
  for (const backend of [standIn({ threads: 1 }), standIn({ adaptive: false })]) {
    const policy = policyOn(backend);
    assert.deepEqual(runCalls(policy, 5, { threadsMs: 0, singleMs: 0 }), Array(5).fill('threads'));
    assert.deepEqual(policy.choices(), []);
  }
  const policy = policyOn(standIn());
  runCalls(policy, 2, { threadsMs: 0.2, singleMs: 0.2 });
  assert.throws(() => policy.run('shape', () => { throw new Error('bad input'); }), /bad input/);
  assert.equal(policy.backend.module.callerOnly, false);
});

test('pix2pix times both ways per shape; CVAE runs without threads until ml5.setThreads(); setThreads() turns the policy off', () => {
  const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', `
    import * as ml5 from 'ml5-wasm';
    const cvae = await ml5.CVAE().ready;
    for (let i = 0; i < 3; i++) await cvae.generateBatch('bag', 16, { seed: i });
    const p2p = await ml5.pix2pix();
    const input = { data: new Uint8ClampedArray(256 * 256 * 4).fill(200), width: 256, height: 256 };
    const first = await p2p.transfer(input);
    for (let i = 0; i < 4; i++) await p2p.transfer(input);
    const same = Array.from((await p2p.transfer(input)).raws).join() === Array.from(first.raws).join();
    const adaptive = p2p.backend.adaptive;
    await ml5.setThreads(2);
    const cvaeAfter = await ml5.CVAE().ready;
    console.log(JSON.stringify({ adaptive, after: p2p.backend.adaptive, threads: p2p.backend.poolSize,
      cvae: { variant: cvae.backend.variant, choices: cvae.threadPolicy.choices(), after: cvaeAfter.backend.variant },
      p2p: p2p.threadPolicy.choices(), same }));`], { encoding: 'utf8' }));
  assert.equal(out.same, true, 'threads and one thread give the same pixels');
  assert.deepEqual(out.cvae, { variant: 'wasm-simd', choices: [], after: 'wasm-simd-threads' });
  if (out.threads < 2) return;  // a one-core machine has nothing to choose
  assert.deepEqual([out.adaptive, out.after], [true, false]);
  assert.deepEqual(out.p2p.map((c) => c.shape), ['256x256 at 0x0']);
  for (const c of out.p2p) {
    assert.ok(c.threadsMs > 0 && c.singleMs > 0, JSON.stringify(c));
    assert.ok(c.threadsCalls > 0 && c.threadsCalls < c.calls, JSON.stringify(c));
  }
});

// The calibration's timings depend on the machine's load; here they are given, to reach the
// branch a busy load takes, on the real module.
test('a calibration that finds one thread fastest keeps the pool for the per-call policy and for loads', () => {
  const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', `
    import * as ml5 from 'ml5-wasm';
    const backend = await ml5.loadBackend({ threads: 2 });
    const { module } = backend;
    module.timeThreadCounts = () => ({ threads: 1, timings: [{ threads: 1, ms: 1 }, { threads: 2, ms: 3 }] });
    backend.adaptive = true;
    backend.calibrate();
    const out = { threads: backend.threads, pool: backend.poolThreads, note: (await ml5.backendInfo()).threadsNote };
    const setCallerOnly = module.setCallerOnly.bind(module);
    out.ways = [];
    module.setCallerOnly = (single) => { out.ways.push(single); setCallerOnly(single); };
    const p2p = await ml5.pix2pix();
    out.loadWays = out.ways.splice(0);
    const input = { data: new Uint8ClampedArray(64 * 64 * 4).fill(200), width: 64, height: 64 };
    for (let i = 0; i < 3; i++) await p2p.transfer(input);
    await ml5.setThreads(2);
    out.after = { threads: backend.threads, note: (await ml5.backendInfo()).threadsNote };
    console.log(JSON.stringify(out));`], { encoding: 'utf8' }));
  assert.equal(out.threads, 1);
  assert.equal(out.pool, 2);
  assert.match(out.note, /^using 1 of 2 threads: more ran slower .*; calls are timed on 2 threads now and then, and move to them when faster$/);
  // The load packs on the pool, then restores the calibration's way (one thread).
  assert.ok(out.loadWays.length >= 2, JSON.stringify(out.loadWays));
  assert.deepEqual(out.loadWays, out.loadWays.map((_, i) => i % 2 === 1));
  // Each call sets its way, then restores the calibration's (one thread) for calls outside it.
  assert.deepEqual(out.ways, [true, true, true, true, false, true, false]);
  assert.deepEqual(out.after, { threads: 2, note: null });
});
