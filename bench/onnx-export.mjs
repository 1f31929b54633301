// The benchmark's networks as ONNX models, written at bench time from the same weight files that
// ours loads, for the ONNX Runtime Web rows: pix2pix's U-Net exactly as ml5 computes it
// (docs/formats.md 3.4) and the CVAE decoder from its Keras model.json (2.3). NCHW inside, as ONNX
// Runtime's kernels want; the JS around a session (bench/ort-ml5.js) converts pixels.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const { onnx } = require('onnx-proto');
const { pictEntries } = require('./tfjs-ml5.js');

const OPSET = 17;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;

// values laid out row-major in `shape`, reordered so that axis i of the result is axis perm[i].
function permute(values, shape, perm) {
  const outShape = perm.map((axis) => shape[axis]);
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const out = new Float32Array(values.length);
  const index = new Array(shape.length).fill(0);
  for (let o = 0; o < out.length; o++) {
    let from = 0;
    for (let i = 0; i < perm.length; i++) from += index[i] * strides[perm[i]];
    out[o] = values[from];
    for (let i = perm.length - 1; i >= 0 && ++index[i] === outShape[i]; i--) index[i] = 0;
  }
  return out;
}

// TF kernels to ONNX weights: conv [kh,kw,cin,cout] -> [cout,cin,kh,kw]; transposed conv
// [kh,kw,cout,cin] -> [cin,cout,kh,kw]. Neither is flipped: the index maps agree.
const convWeight = (values, shape) => [permute(values, shape, [3, 2, 0, 1]), [shape[3], shape[2], shape[0], shape[1]]];
const convTransposeWeight = convWeight;

function attribute(name, value) {
  const A = onnx.AttributeProto.AttributeType;
  if (typeof value === 'string') return { name, type: A.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: A.INTS, ints: value };
  return Number.isInteger(value) ? { name, type: A.INT, i: value } : { name, type: A.FLOAT, f: value };
}

const valueInfo = (name, dims) => ({
  name, type: { tensorType: { elemType: FLOAT, shape: { dim: dims.map((dimValue) => ({ dimValue })) } } },
});

// Nodes and initializers; each node's output is a fresh name, returned for the next node.
class GraphBuilder {
  nodes = [];
  initializers = [];
  #count = 0;

  floats(name, dims, values) {
    const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    this.initializers.push({ name, dims, dataType: FLOAT, rawData: bytes });
    return name;
  }

  int64s(name, values) {
    this.initializers.push({ name, dims: [values.length], dataType: INT64, int64Data: values });
    return name;
  }

  node(opType, inputs, attributes = {}) {
    const output = `${opType.toLowerCase()}_${this.#count++}`;
    this.nodes.push({ opType, input: inputs, output: [output], name: output,
      attribute: Object.entries(attributes).map(([k, v]) => attribute(k, v)) });
    return output;
  }

  // Renames the node output `name` to the graph output `as`.
  output(name, as) {
    this.nodes.find((n) => n.output[0] === name).output = [as];
  }

  activation(name, x) {
    const ops = { relu: 'Relu', sigmoid: 'Sigmoid', tanh: 'Tanh' };
    if (name === 'linear' || name === undefined) return x;
    if (!ops[name]) throw new Error(`onnx-export: no ONNX op for activation '${name}'`);
    return this.node(ops[name], [x]);
  }

  encode(name, inputs, output) {
    const graph = { name, node: this.nodes, initializer: this.initializers,
      input: inputs.map(([n, dims]) => valueInfo(n, dims)), output: [valueInfo(...output)] };
    const model = { irVersion: 8, producerName: 'ml5-wasm bench', opsetImport: [{ domain: '', version: OPSET }], graph };
    const error = onnx.ModelProto.verify(model);
    if (error) throw new Error(`onnx-export: ${error}`);
    return onnx.ModelProto.encode(model).finish();
  }
}

// pix2pix from a .pict at size x size: input `x` [1,3,size,size] already scaled to [-1,1], output
// `o` [1,3,size,size] in (0,1). No encoder bias, instance norm, [decoder, skip] concat (ml5's math).
export function pix2pixOnnx(pictFile, size = 256) {
  const bytes = readFileSync(pictFile);
  const entries = pictEntries(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  const weights = Object.fromEntries(entries.map((e) => [e.name, e]));
  const g = new GraphBuilder();
  const v = (scope, name) => {
    const entry = weights[`generator/${scope}/${name}`];
    if (!entry) throw new Error(`onnx-export: ${pictFile} has no generator/${scope}/${name}`);
    return entry;
  };
  const kernel4 = { kernel_shape: [4, 4], strides: [2, 2], pads: [1, 1, 1, 1] };
  const epsilon = g.floats('epsilon', [], new Float32Array([1e-5]));
  // Instance norm written out (two-pass mean and variance): ONNX Runtime's InstanceNormalization
  // kernel was 1.1e-4 from the tfjs reference on the default model (this form: 2.7e-5; ours:
  // 2.6e-6), beyond the check's 1e-4; both forms took the same time on ngf=32.
  const norm = (x, scope) => {
    const gamma = v(scope, 'batch_normalization/gamma'), beta = v(scope, 'batch_normalization/beta');
    const perChannel = [1, gamma.shape[0], 1, 1];
    const mean = g.node('ReduceMean', [x], { axes: [2, 3], keepdims: 1 });
    const centered = g.node('Sub', [x, mean]);
    const variance = g.node('ReduceMean', [g.node('Mul', [centered, centered])], { axes: [2, 3], keepdims: 1 });
    const std = g.node('Sqrt', [g.node('Add', [variance, epsilon])]);
    const scaled = g.node('Mul', [g.node('Div', [centered, std]), g.floats(`${scope}/gamma`, perChannel, gamma.values)]);
    return g.node('Add', [scaled, g.floats(`${scope}/beta`, perChannel, beta.values)]);
  };
  const conv = (x, scope) => {
    const { values, shape } = v(scope, 'conv2d/kernel');
    const [w, dims] = convWeight(values, shape);
    return g.node('Conv', [x, g.floats(`${scope}/kernel`, dims, w)], kernel4);
  };
  const encoders = [conv('x', 'encoder_1')];
  for (let i = 2; i <= 8; i++) {
    const scope = `encoder_${i}`;
    encoders.push(norm(conv(g.node('LeakyRelu', [encoders[i - 2]], { alpha: 0.2 }), scope), scope));
  }
  let d = encoders[7];
  for (let i = 8; i >= 1; i--) {
    const scope = `decoder_${i}`;
    const input = i === 8 ? d : g.node('Concat', [d, encoders[i - 1]], { axis: 1 });
    const { values, shape } = v(scope, 'conv2d_transpose/kernel');
    const [w, dims] = convTransposeWeight(values, shape);
    const bias = v(scope, 'conv2d_transpose/bias');
    const deconv = g.node('ConvTranspose', [g.node('Relu', [input]), g.floats(`${scope}/kernel`, dims, w),
      g.floats(`${scope}/bias`, bias.shape, bias.values)], kernel4);
    d = i === 1 ? g.node('Tanh', [deconv]) : norm(deconv, scope);
  }
  const one = g.floats('one', [], new Float32Array([1])), half = g.floats('half', [], new Float32Array([0.5]));
  g.output(g.node('Mul', [g.node('Add', [d, one]), half]), 'o');  // deprocess: (t + 1) / 2
  return g.encode('pix2pix', [['x', [1, 3, size, size]]], ['o', [1, 3, size, size]]);
}

// The CVAE decoder from model.json: its Keras layers, in order, as ONNX nodes. Inputs `latent`
// [1,zSize] and `label` [1,labelWidth]; output `image` [1,h,w,c] (NHWC, as ours).
// IEEE 754 binary16 to a number (tfjs's float16 weights, as models/float16_model.mjs writes them).
function halfToFloat(half) {
  const sign = half & 0x8000 ? -1 : 1, exponent = (half >> 10) & 0x1f, fraction = half & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

export function cvaeOnnx(manifestFile) {
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const modelFile = join(dirname(manifestFile), manifest.model);
  const json = JSON.parse(readFileSync(modelFile, 'utf8'));
  const weights = {};
  for (const group of json.weightsManifest) {
    const data = Buffer.concat(group.paths.map((p) => readFileSync(join(dirname(modelFile), p))));
    let at = 0;
    for (const { name, shape, quantization } of group.weights) {
      const size = shape.reduce((a, b) => a * b, 1);
      if (quantization && quantization.dtype !== 'float16') {
        throw new Error(`${name}: ${quantization.dtype} quantization is not supported here (float32 or float16)`);
      }
      const bytes = quantization ? 2 : 4;
      const raw = data.buffer.slice(data.byteOffset + at, data.byteOffset + at + bytes * size);
      weights[name] = { shape, values: quantization ? Float32Array.from(new Uint16Array(raw), halfToFloat) : new Float32Array(raw) };
      at += bytes * size;
    }
  }
  const topology = json.modelTopology.model_config ?? json.modelTopology;
  const g = new GraphBuilder();
  const inputs = [];
  const tensors = {};  // layer name -> {name, dims, nchw}
  for (const { class_name: kind, name, config, inbound_nodes: inbound = [] } of topology.config.layers) {
    const from = (inbound[0] ?? []).map(([layer]) => tensors[layer]);
    const w = (suffix) => weights[`${name}/${suffix}`];
    let out;
    if (kind === 'InputLayer') {
      const dims = [1, ...config.batch_input_shape.slice(1)];
      inputs.push([name, dims]);
      out = { name, dims };
    } else if (kind === 'Concatenate') {
      const dims = [1, from.reduce((sum, t) => sum + t.dims[1], 0)];
      out = { name: g.node('Concat', from.map((t) => t.name), { axis: 1 }), dims };
    } else if (kind === 'Dense') {
      const k = w('kernel'), b = w('bias');
      const y = g.node('Gemm', [from[0].name, g.floats(`${name}/kernel`, k.shape, k.values), g.floats(`${name}/bias`, b.shape, b.values)]);
      out = { name: g.activation(config.activation, y), dims: [1, k.shape[1]] };
    } else if (kind === 'Reshape') {
      const [h, wd, c] = config.target_shape;
      const nhwc = g.node('Reshape', [from[0].name, g.int64s(`${name}/shape`, [1, h, wd, c])]);
      out = { name: g.node('Transpose', [nhwc], { perm: [0, 3, 1, 2] }), dims: [1, c, h, wd], nchw: true };
    } else if (kind === 'Conv2DTranspose') {
      const [kh, kw] = config.kernel_size;
      if (config.padding !== 'same' || config.strides.some((s) => s !== 1) || kh % 2 === 0 || kw % 2 === 0) {
        throw new Error(`onnx-export: ${name}: only stride-1 'same' transposed convolutions with odd kernels`);
      }
      const k = w('kernel'), b = w('bias');
      const [wt, dims] = convTransposeWeight(k.values, k.shape);
      const y = g.node('ConvTranspose', [from[0].name, g.floats(`${name}/kernel`, dims, wt), g.floats(`${name}/bias`, b.shape, b.values)],
        { kernel_shape: [kh, kw], pads: [kh >> 1, kw >> 1, kh >> 1, kw >> 1] });
      out = { name: g.activation(config.activation, y), dims: [1, config.filters, from[0].dims[2], from[0].dims[3]], nchw: true };
    } else if (kind === 'UpSampling2D') {
      const [sh, sw] = config.size;
      const y = g.node('Resize', [from[0].name, '', g.floats(`${name}/scales`, [4], new Float32Array([1, 1, sh, sw]))],
        { mode: 'nearest', coordinate_transformation_mode: 'asymmetric', nearest_mode: 'floor' });
      out = { name: y, dims: [1, from[0].dims[1], sh * from[0].dims[2], sw * from[0].dims[3]], nchw: true };
    } else {
      throw new Error(`onnx-export: no ONNX translation for Keras layer ${kind} (${name})`);
    }
    tensors[name] = out;
  }
  const last = tensors[topology.config.layers.at(-1).name];
  const [, c, h, wd] = last.dims;
  g.output(g.node('Transpose', [last.name], { perm: [0, 2, 3, 1] }), 'image');
  return g.encode('cvae_decoder', inputs, ['image', [1, h, wd, c]]);
}
