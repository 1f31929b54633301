// Per call shape, whether a model call runs on the pool's threads or on the caller alone,
// from timings of both: the load-time calibration cannot see the load that comes later (other
// tabs, other processes), and a call on threads that wait for busy cores can be slower than on
// one thread. Each shape's calls are timed both ways (the first call, which sets up buffers, is
// not counted), and run the faster way by the median of each way's last 3 timings (one call
// that a busy machine held up does not flip the choice); now and then the other way is timed
// again, less often while the choice holds (every 8th call, doubling to every 64th). The first
// calls run the way the calibration found faster, then the other way twice, so that the first
// choice does not rest on one timing either (in a page where other libraries' threads spin after
// their calls, one held-up call on threads kept a model on one thread for its next 8 calls).
const SAMPLES = 3;
const START_SAMPLES = 2;
const FIRST_RETRY = 8;
const LAST_RETRY = 64;

export class ThreadPolicy {
  // clock: ms now (tests give their own, to run the rule without real timings).
  constructor(backend, clock = () => performance.now()) {
    this.backend = backend;
    this.clock = clock;
    this.shapes = new Map();
  }

  // Runs call() (a synchronous wasm call) for the shape named `key`, and times it.
  run(key, call) {
    const { backend } = this;
    if (!backend.adaptive || backend.poolThreads < 2) return call();
    let shape = this.shapes.get(key);
    if (!shape) {
      shape = { calls: 0, threadsCalls: 0, threads: [], single: [], retry: FIRST_RETRY, sinceRetry: 0 };
      this.shapes.set(key, shape);
    }
    const single = chooseSingle(shape, backend.calibratedSingle);
    backend.module.setCallerOnly(single);
    const start = this.clock();
    try {
      return call();
    } finally {
      const ms = this.clock() - start;
      backend.module.setCallerOnly(backend.calibratedSingle);  // other calls: the calibration's way
      record(shape, single, ms);
    }
  }

  // [{shape, threadsMs, singleMs, runsOn: 'threads' | 'one thread', calls, threadsCalls}] for
  // tests and benchmarks (threadsCalls: how many of the calls ran on the pool's threads).
  choices() {
    return [...this.shapes].filter(([, s]) => s.threads.length && s.single.length).map(([key, s]) => ({
      shape: key, threadsMs: median(s.threads), singleMs: median(s.single), runsOn: singleFaster(s) ? 'one thread' : 'threads',
      calls: s.calls, threadsCalls: s.threadsCalls,
    }));
  }
}

// The first two calls run the calibration's way (the first only warms up), the next two the other
// way; then the faster way, and the other way every `retry` calls.
function chooseSingle(shape, singleFirst) {
  const [first, second] = singleFirst ? [shape.single, shape.threads] : [shape.threads, shape.single];
  if (!first.length) return singleFirst;
  if (second.length < START_SAMPLES) return !singleFirst;
  const faster = singleFaster(shape);
  return shape.sinceRetry + 1 >= shape.retry ? !faster : faster;
}

// Of two timings, the lower: the other was more likely held up.
const median = (values) => [...values].sort((a, b) => a - b)[(values.length - 1) >> 1];
const singleFaster = (shape) => median(shape.single) < median(shape.threads);

function record(shape, single, ms) {
  shape.calls++;
  if (!single) shape.threadsCalls++;
  if (shape.calls === 1) return;  // buffers and operators were set up: not a fair time
  const starting = !shape.single.length || !shape.threads.length || shape.single.length + shape.threads.length < 1 + START_SAMPLES;
  const before = starting ? null : singleFaster(shape);
  const samples = single ? shape.single : shape.threads;
  samples.push(ms);
  if (samples.length > SAMPLES) samples.shift();
  if (before === null) return;
  const now = singleFaster(shape);
  if (single !== before) {
    // This was the retry of the slower way: retry less often while the choice holds.
    shape.sinceRetry = 0;
    shape.retry = now === before ? Math.min(shape.retry * 2, LAST_RETRY) : FIRST_RETRY;
  } else {
    shape.sinceRetry++;
  }
}
