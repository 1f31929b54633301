// ToyNet: a test-only third model kind, added as docs/adding-a-model.md describes, from outside
// the package: this wrapper, a tfjs Layers model (model.json + weights.bin: a 3x3 convolution
// with ReLU, then a 1x1 one with a sigmoid; 16x16 RGB in, RGB out) and one registry row, which
// the tests add with ml5.registerModel(toyNetRow(ml5)).
//   const net = ml5.ToyNet('tests/data/toy-net/model.json');
//   const result = await net.process(image);  // raws, raw, blob, src, image, p5Image, tensor
export function toyNetRow(ml5) {
  const { callCallback, check, imageResult, loadBackend, loadLayersModel, readPixels, toUrl } = ml5.modelKit;

  class ToyNet {
    constructor(model, callback) {
      this.model = null;
      this.ready = callCallback(this.load(model), callback);
      if (!callback) this.ready.catch(() => {});
    }

    async load(location) {
      if (location === undefined) throw new TypeError('ml5-wasm: ToyNet needs the URL of its model.json');
      this.backend = await loadBackend();
      this.model = await loadLayersModel(this.backend.module, await toUrl(location));
      [this.height, this.width] = this.model.inputDims(0);
      return this;
    }

    // process(image, [callback]) -> Promise<result>; the image must be the model's size.
    process(image, callback) {
      return callCallback(this.run(image), callback);
    }

    async run(image) {
      await this.ready;
      if (!this.model) throw new Error('ml5-wasm: this ToyNet was disposed');
      const m = this.backend.module;
      const { data, width, height } = await readPixels(image, m);
      if (width !== this.width || height !== this.height) {
        throw new RangeError(`ml5-wasm: ToyNet takes ${this.width}x${this.height} images, got ${width}x${height}`);
      }
      const rgb = new Float32Array(width * height * 3);
      for (let i = 0; i < width * height; i++) {
        for (let c = 0; c < 3; c++) rgb[i * 3 + c] = data[i * 4 + c] / 255;
      }
      const out = check(this.model.run([rgb], 1));
      return imageResult(m, { rgba: out.rgba, output: out.output, width, height, channels: 3 });
    }

    workerInfo() {
      return { width: this.width, height: this.height };
    }

    dispose() {
      this.model?.delete();
      this.model = null;
    }
  }

  return { name: 'ToyNet', factory: (model, callback) => new ToyNet(model, callback), instance: ToyNet };
}
