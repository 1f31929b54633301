// ml5 0.x's CVAE generate() and pix2pix transfer() written on tfjs (docs/formats.md 2 and 3.4), for
// the benchmark's tfjs-* rows: the algorithm ml5 ran, on a chosen tfjs backend. One file for
// Node (require) and pages (a global), taking the tf object it should use.
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.tfjsMl5 = factory();
})(typeof self !== 'undefined' ? self : this, () => {
  // .pict (docs/formats.md 3.2): big-endian length-prefixed shape list, 256-float index, one code per weight.
  // -> [{name, shape, values: Float32Array}] in file order (also the ONNX export's source).
  function pictEntries(buffer) {
    const view = new DataView(buffer);
    let offset = 0;
    const part = () => {
      const length = view.getUint32(offset);
      const bytes = new Uint8Array(buffer, offset + 4, length);
      offset += 4 + length;
      return bytes;
    };
    const shapes = JSON.parse(new TextDecoder().decode(part()));
    const indexBytes = part();
    const index = new Float32Array(indexBytes.slice().buffer);
    const codes = part();
    let at = 0;
    return shapes.map(({ name, shape }) => {
      const size = shape.reduce((a, b) => a * b, 1);
      const values = new Float32Array(size);
      for (let i = 0; i < size; i++) values[i] = index[codes[at + i]];
      at += size;
      return { name, shape, values };
    });
  }

  function pictVariables(tf, buffer) {
    const variables = {};
    for (const { name, shape, values } of pictEntries(buffer)) variables[name] = tf.tensor(values, shape, 'float32');
    return variables;
  }

  // pix2pix's U-Net as ml5 computes it: no encoder bias, instance norm, [decoder, skip] concat.
  function pix2pixTransfer(tf, variables, { data, width, height }) {
    return tf.tidy(() => {
      const v = (scope, name) => variables[`generator/${scope}/${name}`];
      const norm = (x, scope) => {
        const { mean, variance } = tf.moments(x, [0, 1]);
        return tf.batchNorm(x, mean, variance, v(scope, 'batch_normalization/beta'), v(scope, 'batch_normalization/gamma'), 1e-5);
      };
      const rgb = tf.tensor3d(data, [height, width, 4], 'int32').slice([0, 0, 0], [height, width, 3]);
      const x = tf.sub(tf.mul(tf.div(rgb, 255), 2), 1);
      const encoders = [tf.conv2d(x, v('encoder_1', 'conv2d/kernel'), [2, 2], 'same')];
      for (let i = 2; i <= 8; i++) {
        const scope = `encoder_${i}`;
        const conv = tf.conv2d(tf.leakyRelu(encoders[i - 2], 0.2), v(scope, 'conv2d/kernel'), [2, 2], 'same');
        encoders.push(norm(conv, scope));
      }
      let d = encoders[7];
      for (let i = 8; i >= 1; i--) {
        const scope = `decoder_${i}`;
        const input = i === 8 ? d : tf.concat([d, encoders[i - 1]], 2);
        const kernel = v(scope, 'conv2d_transpose/kernel');
        const [h, w] = input.shape;
        const deconv = tf.add(tf.conv2dTranspose(tf.relu(input), kernel, [2 * h, 2 * w, kernel.shape[2]], [2, 2], 'same'), v(scope, 'conv2d_transpose/bias'));
        d = i === 1 ? tf.tanh(deconv) : norm(deconv, scope);
      }
      return tf.div(tf.add(d, 1), 2);
    });
  }

  // ml5's array3DToImage: floor(256 v), clamped, alpha 255.
  function pix2pixPixels(values) {
    const rgba = new Uint8ClampedArray((values.length / 3) * 4);
    for (let i = 0, j = 0; i < values.length; i += 3, j += 4) {
      rgba[j] = Math.floor(256 * values[i]);
      rgba[j + 1] = Math.floor(256 * values[i + 1]);
      rgba[j + 2] = Math.floor(256 * values[i + 2]);
      rgba[j + 3] = 255;
    }
    return rgba;
  }

  async function pix2pixLoad(tf, fetchBuffer, url) {
    return pictVariables(tf, await fetchBuffer(url));
  }

  // CVAE (docs/formats.md 2.3): the decoder on [latent, one-hot], the one-hot offset when the label input
  // is one wider than the labels (ml5's quick_draw).
  async function cvaeLoad(tf, manifestUrl, loadModel, fetchJson) {
    const manifest = await fetchJson(manifestUrl);
    const model = await loadModel(new URL(manifest.model, manifestUrl).href);
    const width = model.inputs[1].shape[1];
    return { model, labels: manifest.labels, offset: width - manifest.labels.length, width };
  }

  function cvaeGenerate(tf, cvae, label, latent) {
    return tf.tidy(() => {
      const oneHot = new Float32Array(cvae.width);
      oneHot[cvae.labels.indexOf(label) + cvae.offset] = 1;
      const out = cvae.model.predict([tf.tensor2d(latent, [1, latent.length]), tf.tensor2d(oneHot, [1, cvae.width])]);
      return out.reshape(out.shape.slice(1));
    });
  }

  // toPixels' formula for one channel: round(255 v), grey, alpha 255.
  function cvaePixels(values) {
    const rgba = new Uint8ClampedArray(values.length * 4);
    for (let i = 0; i < values.length; i++) {
      const g = Math.round(255 * values[i]);
      rgba[4 * i] = rgba[4 * i + 1] = rgba[4 * i + 2] = g;
      rgba[4 * i + 3] = 255;
    }
    return rgba;
  }

  return { pictEntries, pictVariables, pix2pixLoad, pix2pixTransfer, pix2pixPixels, cvaeLoad, cvaeGenerate, cvaePixels };
});
