// ml5 0.x's p5 preload wrapper (spec §1.2): when p5 is on the page before this script, calls to
// the factories inside preload() hold p5's setup() until the model is loaded. As in ml5, the
// user's callback is then called with no arguments, and its exceptions are logged.
export function registerP5Preload(ml5, names) {
  const P5 = typeof window === 'object' ? window.p5 : undefined;
  if (!P5 || !P5.prototype || typeof P5.prototype.registerPreloadMethod !== 'function') return false;
  for (const name of names) {
    const factory = ml5[name];
    ml5[name] = function preloads(...args) {
      let callback = null;
      if (typeof args[args.length - 1] === 'function') callback = args.pop();
      return factory.call(ml5, ...args, function doingPreloads() {
        try {
          if (callback) callback();
        } catch (error) {
          console.error(error);
        }
        if (window._decrementPreload) return window._decrementPreload();
        return null;
      });
    };
    P5.prototype.registerPreloadMethod(name, ml5);
  }
  return true;
}
