// Reads RGBA pixels from whatever ml5's pix2pix accepted, and more: ImageData, {data, width,
// height}, canvases (2D or WebGL, OffscreenCanvas), <img>, <video>, ImageBitmap, p5.Image,
// p5.Graphics, p5.Element; in Node also PNG/JPEG bytes or a file path (decoded with stb_image).
import { withHeapBytes } from './heap.js';
import { check } from './loader.js';
import { isNode } from './env.js';
import { checkImageSize, getLimits } from './limits.js';

const has = (name) => typeof globalThis[name] === 'function';

export async function readPixels(input, module) {
  if (input == null) throw new TypeError('ml5-wasm: transfer() needs an image, got ' + input);
  // p5 wrappers: p5.Element has .elt, p5.Image and p5.Graphics a .canvas.
  if (typeof window === 'object' && typeof window.p5 === 'function') {
    if (input instanceof window.p5.Image || (window.p5.Graphics && input instanceof window.p5.Graphics)) {
      return readPixels(input.canvas ?? input.elt, module);
    }
    if (window.p5.Element && input instanceof window.p5.Element) return readPixels(input.elt, module);
  }
  if (isNode && (typeof input === 'string' || input instanceof Uint8Array || input instanceof ArrayBuffer)) {
    let bytes = input;
    if (typeof input === 'string') {
      const { readFile } = await import('node:fs/promises');
      bytes = await readFile(input).catch((error) => {
        throw new Error(`ml5-wasm: could not read ${input}: ${error.code ?? error.message}`);
      });
    }
    const image = check(withHeapBytes(module, bytes, (heap) => module.decodeImage(heap, getLimits().maxImagePixels)));
    return { data: image.data, width: image.width, height: image.height };
  }
  if (input.data && Number.isInteger(input.width) && Number.isInteger(input.height)) {
    const { data, width, height } = input;
    checkImageSize(width, height);
    if (data.length !== width * height * 4) {
      throw new RangeError(`ml5-wasm: image data has ${data.length} bytes, ${width}x${height} RGBA needs ${width * height * 4}`);
    }
    return { data, width, height };
  }
  if (has('HTMLImageElement') && input instanceof HTMLImageElement) {
    if (!input.complete || !input.naturalWidth) {
      await input.decode().catch((error) => {
        throw new Error(`ml5-wasm: could not load the image ${input.src}: ${error.message}`);
      });
    }
    return draw(input, input.naturalWidth, input.naturalHeight);
  }
  if (has('HTMLVideoElement') && input instanceof HTMLVideoElement) {
    if (input.readyState < 2) throw new Error('ml5-wasm: the video has no frame yet (readyState < 2)');
    return draw(input, input.videoWidth, input.videoHeight);
  }
  if ((has('HTMLCanvasElement') && input instanceof HTMLCanvasElement) ||
      (has('OffscreenCanvas') && input instanceof OffscreenCanvas)) {
    checkImageSize(input.width, input.height);
    // A canvas made for reading is read directly. Others (WebGL: no 2D context; 2D ones on the
    // GPU) are drawn into ours: reading them over and over makes Chromium warn and is slower.
    const context = input.getContext('2d');
    if (context?.getContextAttributes?.().willReadFrequently) {
      return context.getImageData(0, 0, input.width, input.height);
    }
    return draw(input, input.width, input.height);
  }
  if (has('ImageBitmap') && input instanceof ImageBitmap) return draw(input, input.width, input.height);
  throw new TypeError('ml5-wasm: transfer() takes a canvas, image, video, ImageData, ' +
    '{data, width, height}, p5.Image, p5.Graphics or p5.Element' +
    (isNode ? ', or PNG/JPEG bytes or a file path' : '') + `; got ${Object.prototype.toString.call(input)}`);
}

// One canvas of ours, kept for the next call (video frames come one after another).
let scratch = null;

function draw(source, width, height) {
  checkImageSize(width, height);
  if (!scratch) {
    const canvas = has('OffscreenCanvas') ? new OffscreenCanvas(width, height)
      : Object.assign(document.createElement('canvas'), { width, height });
    scratch = canvas.getContext('2d', { willReadFrequently: true });
  }
  const { canvas } = scratch;
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;  // resizing clears it
    canvas.height = height;
  } else {
    scratch.clearRect(0, 0, width, height);
  }
  scratch.drawImage(source, 0, 0, width, height);
  return scratch.getImageData(0, 0, width, height);
}
