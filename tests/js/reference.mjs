// Plain-loop helpers for the JS tests.

// Deterministic values in [-0.5, 0.5]: tests never depend on Math.random.
export const value = (i) => Math.sin(i * 12.9898) * 0.5;
export const floats = (count, offset = 0) => Float32Array.from({ length: count }, (_, i) => value(i + offset));

// tf.nn.conv2d on one NHWC image with TF 'same' or 'valid' padding, in double precision.
export function conv2dReference({ input, inputShape, kernel, kernelSize, bias, strides = [1, 1], padding = 'same', outChannels }) {
  const [, h, w, cin] = inputShape;
  const [kh, kw] = kernelSize;
  const [sh, sw] = strides;
  const axis = (size, k, s) => {
    if (padding === 'valid') return { out: Math.floor((size - k) / s) + 1, before: 0 };
    const out = Math.ceil(size / s);
    return { out, before: Math.floor(Math.max((out - 1) * s + k - size, 0) / 2) };
  };
  const ay = axis(h, kh, sh), ax = axis(w, kw, sw);
  const out = new Float64Array(ay.out * ax.out * outChannels);
  for (let y = 0; y < ay.out; y++) for (let x = 0; x < ax.out; x++) for (let o = 0; o < outChannels; o++) {
    let sum = bias ? bias[o] : 0;
    for (let ky = 0; ky < kh; ky++) for (let kx = 0; kx < kw; kx++) {
      const iy = y * sh + ky - ay.before, ix = x * sw + kx - ax.before;
      if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
      for (let c = 0; c < cin; c++) sum += input[(iy * w + ix) * cin + c] * kernel[((ky * kw + kx) * cin + c) * outChannels + o];
    }
    out[(y * ax.out + x) * outChannels + o] = sum;
  }
  return { data: out, shape: [1, ay.out, ax.out, outChannels] };
}

export function maxRelativeError(actual, expected) {
  let worst = 0, scale = 0;
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
    scale = Math.max(scale, Math.abs(expected[i]));
  }
  return worst / (scale || 1);
}
