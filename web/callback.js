// ml5's callCallback (docs/formats.md 1.1): no callback -> the promise itself; with one,
// callback(undefined, result) or callback(error), and a promise that settles the same way.
export function callCallback(promise, callback) {
  if (!callback) return promise;
  const settled = new Promise((resolve, reject) => {
    promise
      .then((result) => {
        callback(undefined, result);
        resolve(result);
      })
      .catch((error) => {
        callback(error);
        reject(error);
      });
  });
  // The callback has seen the error; do not also report it as an unhandled rejection.
  settled.catch(() => {});
  return settled;
}

// (label, callback) or (label, options, callback) -> [options, callback]
export function optionsAndCallback(options, callback) {
  if (typeof options === 'function') return [{}, options];
  return [options ?? {}, callback];
}
