// Single-op helpers on the loaded core: used by the smoke tests and the start page, and an
// example of the embind API (create once, run, delete).
import { check } from './loader.js';

// 2-D convolution of one NHWC image. kernel: TensorFlow layout [kh, kw, in, out].
export function conv2d(backend, { input, inputShape, kernel, kernelSize, bias = null, strides = [1, 1],
  padding = 'same', outChannels, activation = 'linear' }) {
  const m = backend.module;
  const [n, h, w, inChannels] = inputShape;
  if (input.length !== n * h * w * inChannels) {
    throw new RangeError(`ml5-wasm: conv2d input has ${input.length} values, shape ${inputShape} needs ${n * h * w * inChannels}`);
  }
  const owned = [];
  try {
    const op = check(m.Conv2D.create({
      kernelH: kernelSize[0], kernelW: kernelSize[1], strideH: strides[0], strideW: strides[1],
      inChannels, outChannels,
      padding: enumValue(m.Padding, padding, 'padding'),
      activation: { kind: enumValue(m.ActivationKind, activation, 'activation'), negativeSlope: 0 },
      inputPixelStride: 0, outputPixelStride: 0,
    }, kernel, bias));
    owned.push(op);
    const x = check(m.Tensor.create(inputShape));
    owned.push(x);
    x.data().set(input);
    const shape = check(op.outputShape(inputShape));
    const y = check(m.Tensor.create(shape));
    owned.push(y);
    check(op.run(x, y));
    return { data: y.data().slice(), shape };  // copy out: heap views die when memory grows
  } finally {
    for (const object of owned) object.delete();
  }
}

function enumValue(enumType, name, what) {
  const value = enumType[name];
  if (value === undefined) {
    const names = Object.keys(enumType).filter((k) => k !== 'values');
    throw new RangeError(`ml5-wasm: unknown ${what} '${name}' (use ${names.join(', ')})`);
  }
  return value;
}
