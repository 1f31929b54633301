// The last resort: where wasm SIMD is missing (Safari before 16.4, older iPads), the build
// without SIMD (XNNPACK's scalar wasm kernels) runs, with the reference numbers. The page makes
// WebAssembly.validate refuse every module, as such a browser refuses the SIMD probe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachEngine, openPage } from './engines.mjs';
import { sharedMissing } from '../js/shared.mjs';

forEachEngine('no SIMD', (context) => {
  test('a browser without wasm SIMD runs wasm-scalar with the reference pixels and says why', { skip: sharedMissing, timeout: 120000 }, async () => {
    const page = await openPage(context.browser, `${context.servers.isolated.url}tests/browser/page.html?nosimd`);
    const out = await page.evaluate(async () => {
      const expected = new Uint8Array(await (await fetch('/shared/reference/out/pix2pix/synthetic_ngf4__ml5example.output.rgba.u8')).arrayBuffer());
      const input = new Uint8ClampedArray(await (await fetch('/shared/reference/out/pix2pix/input_ml5example.rgba.u8')).arrayBuffer());
      const model = await ml5.pix2pix('/shared/ml5-models/pix2pix/synthetic_ngf4.pict');
      const result = await model.transfer(new ImageData(input, 256, 256));
      let off = 0, far = 0;
      for (let i = 0; i < expected.length; i++) {
        const d = Math.abs(result.raws[i] - expected[i]);
        off += d > 0;
        far += d > 1;
      }
      const cvae = await ml5.CVAE().ready;
      const garment = await cvae.generate('bag', { seed: 1 });
      const info = await ml5.backendInfo();
      return { off, far, length: expected.length, garment: garment.raws.length, info };
    });
    assert.deepEqual(page.errors, []);
    assert.equal(out.info.variant, 'wasm-scalar');
    assert.equal(out.info.simd, false);
    assert.equal(out.info.threads, 1);
    assert.match(out.info.threadsNote, /without SIMD, on 1 thread: this browser lacks WebAssembly SIMD/);
    assert.equal(out.far, 0, 'bytes off by more than 1');
    assert.ok(out.off <= out.length / 1000, `${out.off} bytes off by 1`);
    assert.equal(out.garment, 28 * 28 * 4);
    const notes = page.console.filter((text) => text.includes('without SIMD'));
    assert.equal(notes.length, 1, page.console.join('\n'));
    await page.close();
  });
});
