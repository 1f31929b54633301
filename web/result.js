// Builds ml5-style results from RGBA bytes and float outputs: raws, raw (ImageData), blob (PNG),
// src (object URL in browsers, data URL in Node), image (p5.Image or null) and tensor.
import { check } from './loader.js';
import { isNode } from './env.js';
import { toP5Image } from './p5.js';

// htmlImage: without p5, `image` is an <img> of `src` in browsers (pix2pix), not null (CVAE).
export function imageResult(module, { rgba, output, width, height, channels, htmlImage = false }) {
  const raws = new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.length);
  const png = check(module.encodePng(rgba, width, height));
  const blob = typeof Blob === 'function' ? new Blob([png], { type: 'image/png' }) : null;
  const src = isNode || typeof URL.createObjectURL !== 'function'
    ? `data:image/png;base64,${base64(png)}`
    : URL.createObjectURL(blob);
  let image = toP5Image(raws, width, height);
  if (!image && htmlImage && typeof Image === 'function') image = Object.assign(new Image(width, height), { src });
  return {
    raws,
    raw: typeof ImageData === 'function'
      ? new ImageData(raws, width, height)
      : { data: raws, width, height },
    blob,
    src,
    image,
    tensor: { data: output, shape: [height, width, channels] },
  };
}

function base64(bytes) {
  if (typeof Buffer === 'function') return Buffer.from(bytes).toString('base64');
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(text);
}
