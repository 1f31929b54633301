// Worker mode ({worker: true} or ml5.setWorkerMode): the same API and the same pixels as the
// main thread (a model given as a File too), a page that stays responsive during a transfer, and
// recovery after the worker is terminated. With COOP/COEP (threads in the worker) and without,
// in every engine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachEngine, openPage } from './engines.mjs';

// Runs in the page.
async function compareModes() {
  const canvas = Object.assign(document.createElement('canvas'), { width: 300, height: 200 });
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, 300, 200);
  g.lineWidth = 6;
  g.strokeRect(60, 40, 180, 120);
  g.beginPath();
  g.arc(150, 100, 40, 0, 7);
  g.stroke();
  const raws = (r) => Array.from(r.raws);
  const out = {};

  const local = await ml5.pix2pix();
  const remote = await ml5.pix2pix(undefined, undefined, { worker: true });
  out.local = raws(await local.transfer(canvas));
  const viaWorker = await remote.transfer(canvas);
  out.remote = raws(viaWorker);
  const shown = new Image();
  shown.src = viaWorker.src;
  await shown.decode();
  out.shown = [shown.naturalWidth, shown.naturalHeight, viaWorker.blob.type, viaWorker.src.slice(0, 5)];
  out.callback = await new Promise((resolve) => remote.transfer(canvas, (error, r) => resolve(error ? error.message : raws(r))));
  // The same model as a File (as from <input type="file">), on the main thread and in the worker.
  const file = new File([await (await fetch('/models/pix2pix-default/model.compact.pict')).blob()], 'mine.pict');
  for (const [key, options] of [['fileLocal', {}], ['fileRemote', { worker: true }]]) {
    const fromFile = await ml5.pix2pix(file, undefined, options);
    out[key] = [fromFile.modelPath, raws(await fromFile.transfer(canvas))];
    fromFile.dispose();
  }

  // Responsiveness: the longest pause between main-thread ticks during a large transfer.
  const longestPause = async (model) => {
    let last = performance.now(), longest = 0, ticking = true;
    const tick = () => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      if (ticking) setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
    await model.transfer(canvas, { size: 1024 });
    ticking = false;
    return Math.max(longest, performance.now() - last);  // a pause still running counts
  };
  await remote.transfer(canvas, { size: 1024 });  // warm the worker's buffers
  await local.transfer(canvas, { size: 1024 });
  out.pauseLocal = await longestPause(local);
  // The median of three: one garbage collection or scheduler hiccup on a loaded machine once
  // paused the page for 52 ms during a worker transfer; a worker that blocked the page would
  // block it every time.
  out.pausesWorker = [];
  for (let i = 0; i < 3; i++) out.pausesWorker.push(await longestPause(remote));
  out.pauseWorker = [...out.pausesWorker].sort((a, b) => a - b)[1];
  out.visibility = document.visibilityState;  // hidden pages get throttled timers

  // Termination: the pending call fails clearly, the next one recovers with the same pixels.
  const pending = remote.transfer(canvas, { size: 1024 });
  while (remote.worker.pending.size === 0) await new Promise((resolve) => setTimeout(resolve, 1));
  remote.worker.terminate();
  out.terminated = await pending.then(() => 'resolved', (error) => error.message);
  out.recovered = raws(await remote.transfer(canvas));

  ml5.setWorkerMode(true);
  const cvaeRemote = await ml5.CVAE().ready;
  ml5.setWorkerMode(false);
  const cvaeLocal = await ml5.CVAE().ready;
  const a = await cvaeRemote.generate('bag', { seed: 5 }), b = await cvaeLocal.generate('bag', { seed: 5 });
  out.cvae = [raws(a), raws(b), a.latent, b.latent, cvaeRemote.labels, cvaeRemote.width];
  out.cvaeBatch = (await cvaeRemote.generateBatch('coat', 3, { seed: 2 })).map(raws);
  out.cvaeBatchLocal = (await cvaeLocal.generateBatch('coat', 3, { seed: 2 })).map(raws);
  out.badLabel = await cvaeRemote.generate('unicorn').then(() => 'resolved', (error) => error.message);
  remote.dispose();
  out.afterDispose = await remote.transfer(canvas).then(() => 'resolved', (error) => error.message);
  return out;
}

forEachEngine('worker mode', (context) => {
  for (const kind of ['isolated', 'plain']) {
    test(`worker mode gives main-thread results and survives termination (${kind})`, { timeout: 180000 }, async () => {
      const page = await openPage(context.browser, `${context.servers[kind].url}tests/browser/page.html`);
      const out = await page.evaluate(compareModes);
      assert.deepEqual(page.errors, []);
      assert.equal(out.local.length, 300 * 200 * 4);
      assert.deepEqual(out.remote, out.local, 'worker and main thread differ');
      assert.deepEqual(out.callback, out.local);
      assert.deepEqual(out.fileLocal, ['mine.pict', out.local], 'a File model differs on the main thread');
      assert.deepEqual(out.fileRemote, ['mine.pict', out.local], 'a File model differs in the worker');
      assert.deepEqual(out.shown, [300, 200, 'image/png', 'blob:']);
      assert.match(out.terminated, /the worker was terminated; the next call starts a new worker and reloads the model/);
      assert.deepEqual(out.recovered, out.local);
      assert.deepEqual(out.cvae[0], out.cvae[1]);
      assert.deepEqual(out.cvae[2], out.cvae[3]);
      assert.equal(out.cvae[4].length, 10);
      assert.equal(out.cvae[5], 28);
      assert.deepEqual(out.cvaeBatch, out.cvaeBatchLocal);
      assert.match(out.badLabel, /no label 'unicorn'/);
      assert.match(out.afterDispose, /disposed/);
      console.log(`[ worker ] ${context.engine} ${kind}: longest main-thread pause during a 1024x1024 transfer: ` +
        `${out.pauseLocal.toFixed(0)} ms on the main thread, ${out.pausesWorker.map((ms) => ms.toFixed(0)).join(', ')} ms in worker mode`);
      assert.equal(out.visibility, 'visible', 'the page must be visible for its timers to measure pauses');
      assert.ok(out.pauseWorker < out.pauseLocal / 2, `worker median ${out.pauseWorker} ms (${out.pausesWorker}) vs main ${out.pauseLocal} ms`);
      await page.close();
    });
  }

  // A model loaded on the page while the worker keeps the cores busy: the load may block (it
  // calibrates the threads), nothing after it may. A second calibration 3 s after the load once
  // held WebKit's main thread for 200-350 ms at a moment the page did not choose.
  test('after a load the page is not held up while the worker computes (isolated)', { timeout: 120000 }, async () => {
    const page = await openPage(context.browser, `${context.servers.isolated.url}tests/browser/page.html`);
    const out = await page.evaluate(async () => {
      const canvas = Object.assign(document.createElement('canvas'), { width: 300, height: 200 });
      const remote = await ml5.pix2pix(undefined, undefined, { worker: true });
      await remote.transfer(canvas, { size: 1024 });
      const start = performance.now();
      const local = await ml5.pix2pix();
      const loaded = performance.now();
      let last = loaded, longest = 0, ticking = true;
      const tick = () => {
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
        if (ticking) setTimeout(tick, 0);
      };
      setTimeout(tick, 0);
      let transfers = 0;
      while (performance.now() - loaded < 5000) {
        await remote.transfer(canvas, { size: 1024 });
        transfers++;
      }
      ticking = false;
      local.dispose();
      return { loadMs: loaded - start, longest: Math.max(longest, performance.now() - last), transfers };
    });
    assert.deepEqual(page.errors, []);
    console.log(`[ worker ] ${context.engine}: load on the page ${out.loadMs.toFixed(0)} ms, then the longest ` +
      `main-thread pause in 5 s of worker transfers (${out.transfers}): ${out.longest.toFixed(0)} ms`);
    assert.ok(out.transfers >= 2, `${out.transfers} transfers`);
    assert.ok(out.longest < 100, `the page was held up for ${out.longest.toFixed(0)} ms after the load`);
    await page.close();
  });

  // Firefox's nested workers sometimes never start, which once left worker-mode loads pending
  // forever. Many fresh workers in a row must each settle, threaded or after the fallback.
  test('repeated worker starts all settle (isolated)', { timeout: 300000 }, async () => {
    const page = await openPage(context.browser, `${context.servers.isolated.url}tests/browser/page.html`);
    const outcomes = await page.evaluate(async () => {
      const outcomes = [];
      for (let i = 0; i < 20; i++) {
        const started = performance.now();
        const timedOut = new Promise((resolve) => setTimeout(resolve, 40000, 'pending after 40 s'));
        const model = ml5.CVAE(undefined, undefined, { worker: true });
        const outcome = await Promise.race([model.ready.then(() => 'ready', (error) => error.message), timedOut]);
        outcomes.push([outcome, Math.round(performance.now() - started)]);
        model.worker.terminate();
      }
      return outcomes;
    });
    assert.deepEqual(page.errors, []);
    const slowest = Math.max(...outcomes.map(([, ms]) => ms));
    console.log(`[ worker ] ${context.engine}: 20 fresh workers, slowest start ${slowest} ms; ` +
      `fallbacks: ${page.console.filter((text) => text.includes('did not start within')).length}`);
    assert.deepEqual(outcomes.map(([outcome]) => outcome), Array(20).fill('ready'));
    await page.close();
  });

  test('a threaded start past its deadline goes on without threads, with the same pixels', { timeout: 120000 }, async () => {
    const page = await openPage(context.browser, `${context.servers.isolated.url}tests/browser/page.html`);
    const out = await page.evaluate(async () => {
      const local = await ml5.CVAE().ready;
      ml5.setWorkerMode(true, { startTimeout: 1 });  // no threaded module starts within 1 ms
      const remote = await ml5.CVAE().ready;
      ml5.setWorkerMode(false, { startTimeout: 15000 });
      const a = await remote.generate('bag', { seed: 3 }), b = await local.generate('bag', { seed: 3 });
      const badTimeout = (() => { try { ml5.setWorkerMode(true, { startTimeout: 0 }); return 'accepted'; } catch (error) { return error.message; } })();
      return { same: Array.from(a.raws).join() === Array.from(b.raws).join(), badTimeout };
    });
    assert.deepEqual(page.errors, []);
    assert.equal(out.same, true);
    assert.match(out.badTimeout, /startTimeout must be a positive number of ms, got 0/);
    const warnings = page.console.filter((text) => text.includes('did not start within'));
    if (context.engine === 'webkit') {
      assert.deepEqual(warnings, []);  // no SharedArrayBuffer: no threaded start, no deadline
    } else {
      assert.equal(warnings.length, 1, page.console.join('\n'));
      assert.match(warnings[0], /the worker's wasm threads did not start within 1 ms .* worker mode goes on without threads/);
    }
    await page.close();
  });
});
