// How many lanes (the model plus workers) a transferStream() runs on pages without threads
// (web/lane-scaler.js): a lane is added only while frames are dropped, and kept only if the
// stream gets faster by the set gain; never more than the cores reported. On a clock that each
// delivered frame moves on by the time the lanes take per frame (real timings on a shared 2-core
// machine would make this flaky).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

// web/ holds ES modules that the bundler builds (the package itself is CommonJS to Node): this
// one imports nothing, so it loads as it is.
const source = readFileSync(new URL('../../web/lane-scaler.js', import.meta.url), 'utf8');
const { GAIN, LaneScaler } = await import(`data:text/javascript,${encodeURIComponent(source)}`);

// frameMs(lanes): ms between delivered frames with that many lanes; dropping(lanes): whether
// the video drops frames then. Runs `frames` deliveries; returns the scaler and what happened.
async function simulate({ max = 2, frameMs, dropping = () => true, frames = 200, starts = true }) {
  let clock = 0, dropped = 0;
  const events = [];
  const scaler = new LaneScaler({
    max,
    now: () => clock,
    addLane: async () => { events.push('add'); return starts; },
    removeLane: () => events.push('remove'),
  });
  for (let i = 0; i < frames; i++) {
    clock += frameMs(scaler.lanes);
    if (dropping(scaler.lanes)) dropped += 2;
    scaler.delivered(dropped);
    await Promise.resolve();  // addLane's promise settles between frames
  }
  return { scaler, events };
}

test('a second lane that nearly doubles the rate is kept; a third is not tried past the reported cores', async () => {
  const { scaler, events } = await simulate({ max: 2, frameMs: (lanes) => 80 / lanes });
  assert.equal(scaler.lanes, 2);
  assert.deepEqual(events, ['add']);
  assert.equal(scaler.state, 'settled');
  assert.match(scaler.reason, /2 lanes, as many as the cores reported/);
  scaler.settle('stopped');  // the stream's stop() keeps the reason
  assert.match(scaler.reason, /2 lanes, as many as the cores reported/);
  assert.deepEqual(scaler.decisions.map((d) => d.lanes), [1, 2]);
  assert.ok(Math.abs(scaler.decisions[1].fps / scaler.decisions[0].fps - 2) < 0.01);
});

test('a lane that does not pay (busy or over-reported cores) is removed, and none is tried again', async () => {
  const { scaler, events } = await simulate({ max: 4, frameMs: (lanes) => (lanes === 1 ? 80 : 80 / (GAIN - 0.05)) });
  assert.deepEqual(events, ['add', 'remove']);
  assert.equal(scaler.lanes, 1);
  assert.match(scaler.reason, /2 lanes were not 1.15x faster than 1/);
});

test('no lane is added while the stream keeps up with the video', async () => {
  const { scaler, events } = await simulate({ max: 4, frameMs: () => 33, dropping: () => false });
  assert.deepEqual(events, []);
  assert.equal(scaler.lanes, 1);
  assert.match(scaler.reason, /1 lane kept up with the video/);
});

test('lanes are added one at a time up to the reported cores while each pays and frames still drop', async () => {
  const { scaler, events } = await simulate({ max: 4, frameMs: (lanes) => 120 / lanes, dropping: (lanes) => lanes < 3 });
  assert.deepEqual(events, ['add', 'add']);
  assert.equal(scaler.lanes, 3);
  assert.match(scaler.reason, /3 lanes kept up/);
});

test('a worker that cannot start settles the stream on the lanes it has', async () => {
  const { scaler, events } = await simulate({ max: 4, frameMs: () => 80, starts: false });
  assert.deepEqual(events, ['add']);
  assert.equal(scaler.lanes, 1);
  assert.match(scaler.reason, /a worker could not start/);
});
