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

// tests/data/toy-net's two layers on one RGBA image (size x size), from its weights.bin bytes:
// conv 3x3 'same' + ReLU, then conv 1x1 + sigmoid. -> floats [size, size, 3].
export function toyNetReference(weightBytes, rgba, size = 16) {
  const w = new Float32Array(weightBytes.buffer.slice(weightBytes.byteOffset, weightBytes.byteOffset + weightBytes.byteLength));
  const rgb = Float64Array.from({ length: size * size * 3 }, (_, i) => rgba[Math.floor(i / 3) * 4 + (i % 3)] / 255);
  const hidden = conv2dReference({ input: rgb, inputShape: [1, size, size, 3], kernel: w.subarray(0, 108),
    kernelSize: [3, 3], bias: w.subarray(108, 112), outChannels: 4 }).data.map((v) => Math.max(v, 0));
  return conv2dReference({ input: hidden, inputShape: [1, size, size, 4], kernel: w.subarray(112, 124),
    kernelSize: [1, 1], bias: w.subarray(124, 127), outChannels: 3 }).data.map((v) => 1 / (1 + Math.exp(-v)));
}

// A size x size RGBA test picture: gradients and a square, alpha 255.
export function testPicture(size = 16) {
  const data = new Uint8ClampedArray(size * size * 4);
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
    const i = (y * size + x) * 4, inside = x > 3 && x < 11 && y > 5 && y < 13;
    data.set([x * 255 / (size - 1), y * 255 / (size - 1), inside ? 255 : 40, 255], i);
  }
  return { data, width: size, height: size };
}
