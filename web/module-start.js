// Starts a variant's Emscripten module in a browser, so that it never hangs: the wasm download
// fails with the file and the cause, and a threaded module whose pthread workers do not start
// (a CSP, a file missing, a CDN without the headers COEP needs, a nested worker that stalls)
// fails within PTHREAD_START_MS with an error marked `threadsFailed`, after which the loader goes
// on without threads. Emscripten 3.1.6 itself would wait forever for such workers.
import { whyNotLoaded } from './cross-origin.js';
import { isThreadedVariant, resolveFile, variantFiles } from './paths.js';

// From the moment the wasm module is handed to the pool's workers. They need only import the
// glue (cached) and instantiate a compiled module: tens of ms when nothing is wrong.
export const PTHREAD_START_MS = 15000;

export function startModule(createModule, options, variant) {
  const names = variantFiles(variant);
  const [glue, wasm, pthreadWorker] = names.map(resolveFile);
  const threaded = isThreadedVariant(variant);
  return new Promise((resolve, reject) => {
    let settled = false;
    let timer;
    const settle = (finish, value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      finish(value);
    };
    const fail = (error) => {
      for (const worker of options.PThread?.unusedWorkers ?? []) worker.terminate();
      settle(reject, error);
    };
    const threadsFailed = async (what) => {
      if (settled) return;
      const cause = (await whyNotLoaded(pthreadWorker, { startedFrom: options.locateFile(names[2]) })) ??
        (await whyNotLoaded(glue)) ?? what;
      fail(Object.assign(new Error(`ml5-wasm: the threads of ${variant} did not start (their workers run ` +
        `${pthreadWorker}): ${cause}`), { threadsFailed: true }));
    };

    options.instantiateWasm = (imports, receiveInstance) => {
      instantiateFromUrl(wasm, imports).then(({ instance, module }) => {
        if (settled) return;
        receiveInstance(instance, module);  // hands the module to the pool's workers
        if (threaded) {
          timer = setTimeout(threadsFailed, PTHREAD_START_MS, `they did not start within ${PTHREAD_START_MS} ms`);
        }
      }).catch(fail);
      return {};
    };
    const printErr = options.printErr;
    options.printErr = (text) => {
      // Emscripten's report of a pool worker's error event, once the module was handed over.
      if (threaded && !settled && text.startsWith('worker sent an error!')) threadsFailed(text);
      else printErr(text);
    };

    let created;
    try {
      created = createModule(options);  // starts the pool's workers at once (PTHREAD_POOL_SIZE)
    } catch (error) {
      if (threaded) threadsFailed(error.message);  // e.g. a Worker that may not be constructed
      else fail(error);
      return;
    }
    for (const worker of options.PThread?.unusedWorkers ?? []) {
      // A worker whose script does not load fails before Emscripten listens to it.
      worker.addEventListener('error', (event) => {
        if (settled) return;  // after the start, errors go where Emscripten sends them
        // Reported once, as the fallback's warning: not to the page, nor to Emscripten's handler.
        event.preventDefault();
        event.stopImmediatePropagation();
        threadsFailed(event.message || 'a worker could not start');
      });
    }
    created.then((module) => settle(resolve, module), fail);
  });
}

// The wasm module from its URL, compiled while it downloads where the server says application/wasm.
async function instantiateFromUrl(url, imports) {
  let response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch (error) {
    throw new Error(`ml5-wasm: could not load ${url}: ${(await whyNotLoaded(url, { cors: true })) ?? error.message}`);
  }
  if (!response.ok) throw new Error(`ml5-wasm: could not load ${url}: its server answered HTTP ${response.status}`);
  if (typeof WebAssembly.instantiateStreaming === 'function' &&
      response.headers.get('Content-Type')?.startsWith('application/wasm')) {
    return WebAssembly.instantiateStreaming(response, imports);
  }
  return WebAssembly.instantiate(await response.arrayBuffer(), imports);
}
