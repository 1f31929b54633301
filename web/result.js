// Builds ml5-style results from RGBA bytes and float outputs: raws, raw (ImageData), blob (PNG),
// src (object URL in browsers, data URL in Node), image (p5.Image, an <img>, or null), p5Image
// (the same p5.Image, or null) and tensor.
// The PNG is encoded on first use of blob, src or the <img>: most callers only draw raws/raw.
import { withHeapBytes } from './heap.js';
import { check } from './loader.js';
import { isNode } from './env.js';
import { toP5Image } from './p5.js';

// htmlImage: without p5, `image` is an <img> of `src` in browsers (pix2pix), not null (CVAE).
// png: a PNG Blob already made (worker mode), else one is encoded here on first use (by the
// wasm module, or by a canvas where there is none: worker-mode stream frames).
// lineArt: the line drawing that the model saw (transfer's lineArt option), as RGBA bytes.
export function imageResult(module, { rgba, output, width, height, channels, htmlImage = false, png: pngBlob, lineArt }) {
  const raws = new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.length);
  const p5Image = toP5Image(raws, width, height);
  const result = {
    raws,
    raw: toImageData(raws, width, height),
    tensor: { data: output, shape: [height, width, channels] },
    // ml5's code fills `image`; its CVAE reference page lists `p5Image`: one p5.Image serves both.
    image: p5Image,
    p5Image,
  };
  if (lineArt) result.lineArt = toImageData(new Uint8ClampedArray(lineArt.buffer, lineArt.byteOffset, lineArt.length), width, height);
  let png, blob, src;
  const encoded = () => (png ??= module
    ? check(withHeapBytes(module, rgba, (heap) => module.encodePng(heap, width, height)))
    : canvasPng(result.raw));
  lazy(result, 'blob', () => (blob ??= pngBlob ?? (typeof Blob === 'function' ? new Blob([encoded()], { type: 'image/png' }) : null)));
  lazy(result, 'src', () => (src ??= isNode || typeof URL.createObjectURL !== 'function'
    ? `data:image/png;base64,${base64(encoded())}`
    : URL.createObjectURL(result.blob)));
  if (!result.image && htmlImage && typeof Image === 'function') {
    lazy(result, 'image', () => Object.assign(new Image(width, height), { src: result.src }));
  }
  return result;
}

function toImageData(data, width, height) {
  return typeof ImageData === 'function' ? new ImageData(data, width, height) : { data, width, height };
}

// PNG bytes of an ImageData through a page canvas (synchronous, as result.blob is).
function canvasPng(imageData) {
  const canvas = Object.assign(document.createElement('canvas'), { width: imageData.width, height: imageData.height });
  canvas.getContext('2d').putImageData(imageData, 0, 0);
  const text = atob(canvas.toDataURL('image/png').split(',')[1]);
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

// An enumerable property computed on first read and then fixed, so that ml5 code that reads
// result.src works unchanged while code that never does pays nothing.
function lazy(object, key, compute) {
  Object.defineProperty(object, key, {
    configurable: true,
    enumerable: true,
    get() {
      const value = compute();
      Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
      return value;
    },
  });
}

function base64(bytes) {
  if (typeof Buffer === 'function') return Buffer.from(bytes).toString('base64');
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(text);
}
