// ml5 0.x's p5 preload wrapper (through p5.prototype.registerPreloadMethod, as ml5 0.x did):
// when p5 is on the page before this script, calls to the factories inside preload() hold p5's
// setup() until the model is loaded. As in ml5, the user's callback is then called with no
// arguments, and its exceptions are logged.
// Outside preload() the factories behave as they do without p5 (error-first callbacks, and
// ml5.pix2pix(url) returns a Promise), so ml5's Pix2Pix_promise example runs; in ml5 0.x, whose
// wrapper was always active, it could not.
import { p5Utils } from './p5.js';

// The p5 sketch whose preload() is running, or null.
function preloadingSketch() {
  const candidates = [p5Utils.instance, typeof window === 'object' ? window : null];
  return candidates.find((s) => s && s._preloadDone === false && typeof s._decrementPreload === 'function') ?? null;
}

// Wraps ml5[name] (a factory of the model registry) so that preload() waits for it.
export function registerP5Preload(ml5, name) {
  const P5 = typeof window === 'object' ? window.p5 : undefined;
  if (!P5 || !P5.prototype || typeof P5.prototype.registerPreloadMethod !== 'function') return false;
  const factory = ml5[name];
  ml5[name] = function preloads(...args) {
    const sketch = preloadingSketch();
    if (!sketch) return factory.apply(ml5, args);
    // The sketch's callback, wherever it is (options and callback come in either order).
    const at = args.findIndex((arg) => typeof arg === 'function');
    const callback = at >= 0 ? args.splice(at, 1)[0] : null;
    return factory.call(ml5, ...args, function doingPreloads() {
      try {
        if (callback) callback();
      } catch (error) {
        console.error(error);
      }
      return sketch._decrementPreload();
    });
  };
  P5.prototype.registerPreloadMethod(name, ml5);
  return true;
}
