// Builds .pict files in the exporter's layout (docs/formats.md 3.2) for the tests: any U-Net ngf, or any
// list of entries, with seeded codes and an index that can be made to lie.

// Three big-endian length-prefixed parts.
export const part = (payload) => {
  const bytes = Buffer.from(payload);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
};

// A U-Net's entries, sorted by name as the exporters write them: `levels` levels, every bias, and
// the batch_normalization entries that norms(kind, level) names.
function unet(ngf, levels, norms) {
  const width = (i) => (i === 0 ? 3 : ngf * Math.min(2 ** (i - 1), 8));
  const entries = [];
  for (const kind of ['decoder', 'encoder']) {
    for (let i = 1; i <= levels; i++) {
      const scope = `generator/${kind}_${i}`;
      const e = width(i), below = width(i - 1);
      const outC = kind === 'encoder' ? e : below;
      for (const v of norms(kind, i)) entries.push({ name: `${scope}/batch_normalization/${v}`, shape: [outC] });
      const conv = kind === 'encoder' ? 'conv2d' : 'conv2d_transpose';
      entries.push({ name: `${scope}/${conv}/bias`, shape: [outC] });
      entries.push({ name: `${scope}/${conv}/kernel`, shape: kind === 'encoder' ? [4, 4, below, e] : [4, 4, below, i === levels ? e : 2 * e] });
    }
  }
  return entries;
}

// ml5's U-Net for an ngf: 8 levels, a batch norm with its moving statistics after every
// convolution but the outermost ones.
export const unetEntries = (ngf) => unet(ngf, 8, (kind, i) => (i > 1 ? ['beta', 'gamma', 'moving_mean', 'moving_variance'] : []));

// A PyTorch U-Net as `ml5-wasm convert` writes it (docs/formats.md 3.6): no norm after the
// innermost encoder either, gamma and beta only for batch norm, and the __metadata__ entry that
// names the network.
export function pytorchUnetEntries(ngf, levels = 8, norm = 'instance') {
  const normed = (kind, i) => (kind === 'encoder' ? i > 1 && i < levels : i > 1);
  return [{ name: '__metadata__', shape: [0], metadata: { network: 'pytorch-unet', levels: String(levels), norm } },
    ...unet(ngf, levels, (kind, i) => (norm === 'batch' && normed(kind, i) ? ['beta', 'gamma'] : []))];
}

export const weightCount = (entries) => entries.reduce((sum, e) => sum + e.shape.reduce((a, b) => a * b, 1), 0);

export function quantizationIndex(values = (i) => (i - 128) / 256) {
  const bytes = Buffer.alloc(1024);
  for (let i = 0; i < 256; i++) bytes.writeFloatLE(values(i), 4 * i);
  return bytes;
}

export function codes(n, seed = 11) {
  const bytes = Buffer.alloc(n);
  for (let i = 0; i < n; i++) bytes[i] = (i * 37 + seed * 101 + ((i * i) >>> 7)) & 0xff;
  return bytes;
}

export function pict(entries, { indexBytes = quantizationIndex(), codeBytes = codes(weightCount(entries)), seed } = {}) {
  if (seed !== undefined) codeBytes = codes(weightCount(entries), seed);
  return Buffer.concat([part(JSON.stringify(entries)), part(indexBytes), part(codeBytes)]);
}
