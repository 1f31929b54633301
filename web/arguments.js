// ml5's argument order, made strict: options and a callback after the required arguments, in
// either order; anything else fails at once with a TypeError that names it, instead of a promise
// that never settles.
import { isModelBytes } from './fetch.js';

// What ml5's functions accept after their required arguments: options and a callback, in either
// order, each optional -> [options, callback]. Anything else throws a TypeError that names it.
// what: the call, for the message ("generate()").
export function optionsAndCallback(first, second, what = 'this call') {
  let options, callback;
  for (const arg of [first, second]) {
    if (arg === undefined || arg === null) continue;
    let got = null;
    if (typeof arg === 'function') {
      if (callback) got = 'a second callback';
      else callback = arg;
    } else if (isOptions(arg)) {
      if (options) got = 'a second options object';
      else options = arg;
    } else {
      got = describe(arg);
    }
    if (got) {
      throw new TypeError(`ml5-wasm: ${what} takes options (an object) and a callback (a function), in either order; got ${got}`);
    }
  }
  return [options ?? {}, callback];
}

// A plain object or class instance, not an array, a function, or a primitive.
const isOptions = (value) => typeof value === 'object' && !Array.isArray(value);

export function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string '${value.length > 40 ? value.slice(0, 40) + '…' : value}'`;
  if (typeof value === 'object') return Object.prototype.toString.call(value).slice(8, -1);
  return `${typeof value} ${String(value)}`;
}

// A factory's (model?, callback?, options?) -> [model, options, callback]. The model may be left
// out (the default one): ml5.CVAE(callback), ml5.pix2pix({worker: true}). bytes: whether the
// model may be given as bytes (ArrayBuffer, typed array, Blob, File).
export function modelArguments(what, [model, first, second], { bytes = false } = {}) {
  if (typeof model === 'function' || (isOptions(model) && !(model instanceof URL) && !isModelBytes(model))) {
    if (second !== undefined) {
      throw new TypeError(`ml5-wasm: ${what} takes (model, options, callback); with the model left out, got a third argument`);
    }
    return [undefined, ...optionsAndCallback(model, first, what)];
  }
  const accepted = typeof model === 'string' || model instanceof URL || model === undefined || model === null ||
    (bytes && isModelBytes(model));
  if (!accepted) {
    throw new TypeError(`ml5-wasm: ${what}'s model is a URL or path (a string)${bytes ? ', or its bytes (ArrayBuffer, typed array, Blob, File)' : ''}; got ${describe(model)}`);
  }
  return [model ?? undefined, ...optionsAndCallback(first, second, what)];
}
