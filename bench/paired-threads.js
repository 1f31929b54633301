// Threads against one thread, paired: one page or process loads its threaded variant and the
// same build without threads, makes the same model on each, and alternates their calls (ABBA
// order, a short pause before each call), so that both ways see the same machine at the same
// moments. Rows from separate processes could not tell a 10% cost from the drift between them
// (sub-ms CVAE calls moved by 2x between rounds). One file for Node (require) and
// pages (a global); the caller passes the ml5 object it should use.
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.pairedThreads = factory();
})(typeof self !== 'undefined' ? self : this, () => {
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  // A threaded call leaves its workers spinning for a moment before they sleep; the pause keeps
  // that from landing on the next call, whichever way it runs (a sketch calls once a frame).
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  // kind: 'pix2pix' | 'cvae'; model: what ml5.pix2pix() / ml5.CVAE() take; input: what
  // transfer() takes; images: CVAE images per call (generateBatch) or 1 (generate); batch: calls
  // per timed sample (for clocks that tick in whole ms).
  async function run(ml5, { kind, model, input, runs, images = 1, batch = 1, warmups = Math.min(10, runs), pauseMs = 4 }) {
    const make = async () => (kind === 'pix2pix' ? ml5.pix2pix(model) : ml5.CVAE(model).ready);
    // What the library picks for this model here (CVAE: the build without threads), and the
    // page's threaded variant with the same build without threads, each pinned.
    ml5.setWasmVariant(null);
    const picked = await make();
    const libraryVariant = picked.backend.variant;
    picked.dispose();
    const pageInfo = await ml5.backendInfo();
    if (!/-threads$/.test(pageInfo.variant)) {
      throw new Error(`no threaded variant here (${pageInfo.variant}: ${pageInfo.threadsNote})`);
    }
    const oneVariant = pageInfo.variant.replace(/-threads$/, '');
    let threaded, single;
    try {
      ml5.setWasmVariant(pageInfo.variant);
      threaded = await make();
      ml5.setWasmVariant(oneVariant);
      single = await make();
    } finally {
      ml5.setWasmVariant(null);
    }
    const call = async (instance) => {
      const label = kind === 'cvae' ? instance.labels[0] : null;
      for (let i = 0; i < batch; i++) {
        if (kind === 'pix2pix') await instance.transfer(input);
        else if (images > 1) void (await instance.generateBatch(label, images, { seed: 1 })).map((r) => r.blob);
        else void (await instance.generate(label, { seed: 1 })).blob;
      }
    };
    const timed = async (instance) => {
      await pause(pauseMs);
      const start = performance.now();
      await call(instance);
      return (performance.now() - start) / batch;
    };
    for (let i = 0; i < warmups; i++) {
      await call(threaded);
      await call(single);
    }
    const threadsMs = [], oneMs = [], ratios = [];
    for (let i = 0; i < runs; i++) {
      let t, o;
      if (i % 2) {
        t = await timed(threaded);
        o = await timed(single);
      } else {
        o = await timed(single);
        t = await timed(threaded);
      }
      threadsMs.push(t);
      oneMs.push(o);
      ratios.push(t / o);
    }
    const choices = threaded.threadPolicy?.choices() ?? [];
    threaded.dispose();
    single.dispose();
    return {
      threads_ms: median(threadsMs), one_thread_ms: median(oneMs), pair_ratio: median(ratios),
      threaded_variant: pageInfo.variant, one_thread_variant: oneVariant, library_variant: libraryVariant,
      pool_threads: threaded.backend.threads, runs_on: choices.map((c) => c.runsOn).join(', ') || 'policy off',
      calls_on_threads: choices.map((c) => `${c.threadsCalls} of ${c.calls}`).join(', '),
      threads_calls_ms: threadsMs.map((ms) => +ms.toFixed(3)), one_thread_calls_ms: oneMs.map((ms) => +ms.toFixed(3)),
    };
  }

  return { run };
});
