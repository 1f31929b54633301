import { describe } from './arguments.js';

// A model's `ready`: its load, unless dispose() or the AbortSignal of options.signal came first.
// What such a load made is freed as soon as it ends, and `ready` rejects with the reason.
// instance: has dispose() and a `disposed` flag; startLoad() -> the load's Promise; name: the
// model's, for messages.
export function readyPromise(instance, startLoad, { signal, name }) {
  if (signal !== undefined && !(typeof signal?.aborted === 'boolean' && typeof signal.addEventListener === 'function')) {
    throw new TypeError(`ml5-wasm: options.signal must be an AbortSignal, got ${describe(signal)}`);
  }
  const loaded = startLoad().then(() => {
    if (!instance.disposed) return instance;
    instance.dispose();  // disposed while it loaded: free what the load made
    throw new Error(`ml5-wasm: this ${name} model was disposed before it was ready`);
  });
  if (!signal) return loaded;
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      instance.dispose();
      reject(Object.assign(new Error(`ml5-wasm: loading this ${name} model was aborted`), { name: 'AbortError', cause: signal.reason }));
    };
    // Once loaded (or failed), the signal has nothing left to stop.
    const settled = (settle) => (value) => {
      signal.removeEventListener('abort', onAbort);
      settle(value);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    loaded.then(settled(resolve), settled(reject));
  });
}
