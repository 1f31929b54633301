// ml5's callCallback (docs/formats.md 1.1), made strict: a callback is called exactly once, and a
// callback that throws never changes the promise.

// No callback -> the promise itself. With one: callback(undefined, result) or callback(error),
// once, and the same promise, whose rejection the callback has handled (no unhandled rejection).
export function callCallback(promise, callback) {
  if (!callback) return promise;
  promise.then((result) => callOnce(callback, undefined, result), (error) => callOnce(callback, error));
  return promise;
}

function callOnce(callback, error, result) {
  try {
    if (error) callback(error);
    else callback(undefined, result);
  } catch (thrown) {
    // The sketch's own bug: shown as an uncaught error (the page's console and error event), it
    // neither calls the callback again nor changes what the call returned.
    if (typeof globalThis.reportError === 'function') globalThis.reportError(thrown);
    else console.error(`ml5-wasm: your callback threw (after the call ${error ? 'failed' : 'succeeded'}):`, thrown);
  }
}
