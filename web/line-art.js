// The line-art pass of live video (src/image/line_art.cc): black edges on white, the input that
// sketch-trained pix2pix models expect. transfer(input, {lineArt: true}) runs it before the model.
import { check } from './loader.js';

// options.lineArt: true, or {threshold (0..1), radius (-1 automatic, 0..64)} -> the core's
// options (absent ones take the core's defaults: src/image/line_art.h), or null when off.
// Checked here too, so that a stream or a worker-mode call fails before any frame is sent.
export function lineArtOptions(value) {
  if (value === undefined || value === null || value === false) return null;
  if (typeof value !== 'object' && value !== true) {
    throw new TypeError(`ml5-wasm: options.lineArt is true or {threshold, radius}, got ${value}`);
  }
  const { threshold, radius } = value === true ? {} : value;
  if (threshold !== undefined && (typeof threshold !== 'number' || !(threshold >= 0 && threshold <= 1))) {
    throw new RangeError(`ml5-wasm: lineArt.threshold must be between 0 and 1, got ${threshold}`);
  }
  if (radius !== undefined && (!Number.isInteger(radius) || radius < -1 || radius > 64)) {
    throw new RangeError(`ml5-wasm: lineArt.radius must be an integer from -1 (automatic) to 64, got ${radius}`);
  }
  return { threshold, radius };
}

// Replaces the RGBA bytes in `heap` (a HeapBytes of width x height) with their line drawing.
export function drawLineArt(module, heap, width, height, options) {
  check(module.lineArt(heap, width, height, options));
}
