// The smoke convolution: XNNPACK through the whole stack (loader, embind, core) against a plain
// loop. Used by the start page and the Chromium tests, which read window.smokeResult.
/* global ml5 */
(async () => {
  const [n, h, w, cin, cout, k] = [1, 9, 7, 3, 4, 3];
  const value = (i) => Math.sin(i * 12.9898) * 0.5;  // deterministic, no Math.random
  const input = Float32Array.from({ length: n * h * w * cin }, (_, i) => value(i));
  const kernel = Float32Array.from({ length: k * k * cin * cout }, (_, i) => value(i + 1000));
  const bias = Float32Array.from({ length: cout }, (_, i) => value(i + 5000));

  // TensorFlow 'same' padding, stride 1: one zero row/column on each side for a 3x3 kernel.
  const expected = new Float32Array(h * w * cout);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let o = 0; o < cout; o++) {
    let sum = bias[o];
    for (let ky = 0; ky < k; ky++) for (let kx = 0; kx < k; kx++) {
      const iy = y + ky - 1, ix = x + kx - 1;
      if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
      for (let c = 0; c < cin; c++) sum += input[(iy * w + ix) * cin + c] * kernel[((ky * k + kx) * cin + c) * cout + o];
    }
    expected[(y * w + x) * cout + o] = sum;
  }

  const status = document.getElementById('status');
  try {
    const started = performance.now();
    const backend = await ml5.loadBackend();
    const loadMs = performance.now() - started;
    const result = ml5.conv2d(backend, { input, inputShape: [n, h, w, cin], kernel, kernelSize: [k, k], bias, outChannels: cout });
    let maxError = 0;
    for (let i = 0; i < expected.length; i++) maxError = Math.max(maxError, Math.abs(result.data[i] - expected[i]));
    window.smokeResult = {
      variant: backend.variant, threads: backend.threads, crossOriginIsolated: self.crossOriginIsolated === true,
      shape: result.shape, maxError, loadMs, ok: maxError <= 1e-5,
    };
    status.textContent = window.smokeResult.ok ? `OK: ${backend.variant} on ${backend.threads} thread(s)` : 'Wrong numbers';
    status.className = window.smokeResult.ok ? 'ok' : 'fail';
  } catch (error) {
    window.smokeResult = { error: String(error && error.message || error) };
    status.textContent = `Failed: ${window.smokeResult.error}`;
    status.className = 'fail';
  }
  document.getElementById('details').textContent = JSON.stringify(window.smokeResult, null, 2);
})();
