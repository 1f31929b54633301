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
    // Video frames are opaque: a transparent read is no frame at all (a video never played).
    return notBlank(draw(input, input.videoWidth, input.videoHeight), 'the video gave no picture: ' +
      'start it with video.play() (muted videos may play without a click) and wait for its "playing" event');
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
    // A WebGL canvas (no 2D context) is cleared once it is shown, unless made to keep its drawing.
    return context ? draw(input, input.width, input.height) : notBlank(draw(input, input.width, input.height),
      'the WebGL canvas read as empty: create its context with {preserveDrawingBuffer: true} ' +
      '(in p5: setAttributes(\'preserveDrawingBuffer\', true)), or call transfer() in the same frame as the drawing');
  }
  if (has('ImageBitmap') && input instanceof ImageBitmap) return draw(input, input.width, input.height);
  throw new TypeError('ml5-wasm: transfer() takes a canvas, image, video, ImageData, ' +
    '{data, width, height}, p5.Image, p5.Graphics or p5.Element' +
    (isNode ? ', or PNG/JPEG bytes or a file path' : '') + `; got ${Object.prototype.toString.call(input)}`);
}

// One canvas of ours, kept for the next call (video frames come one after another), and
// dropped after any failure: a canvas tainted by another origin's image stays tainted.
let scratch = null;

function draw(source, width, height) {
  checkImageSize(width, height);
  try {
    return drawOnScratch(source, width, height);
  } catch (error) {
    scratch = null;
    if (error?.name !== 'SecurityError') throw error;
    throw Object.assign(new Error('ml5-wasm: the image comes from another origin that does not allow reading it ' +
      '(a tainted canvas): its server must send Access-Control-Allow-Origin, and the <img> or <video> needs ' +
      `crossOrigin = 'anonymous' (${error.message})`), { name: 'SecurityError' });
  }
}

// `read` as it is, or an error with `why` when every pixel is fully transparent.
function notBlank(read, why) {
  const { data } = read;
  for (let i = 3; i < data.length; i += 4) {
    if (data[i] !== 0) return read;
  }
  throw new Error(`ml5-wasm: ${why}`);
}

function drawOnScratch(source, width, height) {
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
