// p5.js detection and images (docs/formats.md 1.3). Instance mode: ml5.p5Utils.setP5Instance(p).
let instance = null;

function scope() {
  return instance ?? (typeof window === 'object' ? window : null);
}

export const p5Utils = {
  setP5Instance(p) {
    instance = p;
  },
  get instance() {
    return instance;
  },
  checkP5() {
    const s = scope();
    if (!s) return false;
    if (typeof s.loadImage === 'function') return true;
    return typeof window === 'object' && typeof window.p5 === 'function' &&
      typeof window.p5.Image === 'function';
  },
};

// A p5.Image holding `rgba` (width * height * 4 bytes), or null without p5.
export function toP5Image(rgba, width, height) {
  if (!p5Utils.checkP5()) return null;
  const s = scope();
  const image = typeof s.createImage === 'function'
    ? s.createImage(width, height)
    : new window.p5.Image(width, height);
  image.loadPixels();
  image.pixels.set(rgba);
  image.updatePixels();
  return image;
}
