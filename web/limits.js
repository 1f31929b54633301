// Limits on what a model file or an input may make the library allocate: header values never
// drive unbounded allocation. ml5.setLimits() changes them for the whole page or process.
const limits = {
  maxModelWeights: 2 ** 27,  // floats in one model (512 MB); pix2pix ngf=64 has 54 M
  maxImagePixels: 2 ** 26,   // pixels in one transfer() input or decoded image (8192 x 8192)
  downloadStallMs: 30000,    // a model download with no data for this long fails
};

export function getLimits() {
  return { ...limits };
}

// setLimits({maxModelWeights?, maxImagePixels?, downloadStallMs?}) -> the limits now in force.
export function setLimits(changes = {}) {
  for (const [key, value] of Object.entries(changes)) {
    if (!(key in limits)) {
      throw new RangeError(`ml5-wasm: setLimits() knows ${Object.keys(limits).join(', ')}, not '${key}'`);
    }
    if (!Number.isSafeInteger(value) || value < 1 || value > 2 ** 32 - 1) {
      throw new RangeError(`ml5-wasm: ${key} must be an integer from 1 to 2^32 - 1, got ${value}`);
    }
  }
  Object.assign(limits, changes);
  return getLimits();
}

// Throws before any copy when an input exceeds maxImagePixels.
export function checkImageSize(width, height) {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`ml5-wasm: the image is empty or has no valid size (${width}x${height})`);
  }
  if (width * height > limits.maxImagePixels) {
    throw new RangeError(`ml5-wasm: the image is ${width}x${height} = ${width * height} pixels, ` +
      `more than the limit of ${limits.maxImagePixels} (raise it with ml5.setLimits({maxImagePixels}))`);
  }
}
