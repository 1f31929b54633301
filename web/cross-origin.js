// Files served from another origin than the page's (a CDN, as sketches load the library):
// starting workers from them, and saying why one did not load.
//
// Browsers start a Worker only from a script of the page's own origin. A worker whose script is
// elsewhere starts from a same-origin blob: URL that imports the script by its absolute URL
// (importScripts may load from any origin; under COEP the file also needs CORP).

const wrappers = new Map();  // script URL -> blob: URL that imports it
const violations = [];  // recent securitypolicyviolation events: CSP explains a blocked worker

// The URL to start a classic worker from that runs the script at `url` (absolute).
export function workerUrl(url, scope = globalThis) {
  if (sameOrigin(url, scope)) return url;
  let wrapper = wrappers.get(url);
  if (!wrapper) {
    watchCsp(scope);
    // The worker's location is the blob: URL; ml5WasmScriptUrl tells paths.js where it came from.
    const source = url.startsWith('data:') ? dataUrlText(url)
      : `self.ml5WasmScriptUrl = ${JSON.stringify(url)};\nimportScripts(self.ml5WasmScriptUrl);\n`;
    wrapper = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    wrappers.set(url, wrapper);
  }
  return wrapper;
}

function sameOrigin(url, scope) {
  try {
    return new URL(url).origin === scope.location?.origin;
  } catch {
    return true;  // a relative URL resolves against the page
  }
}

// A data: URL's text (bundlers inline small files as data: URLs, which a worker may not start from).
function dataUrlText(url) {
  const comma = url.indexOf(',');
  const payload = url.slice(comma + 1);
  if (!url.slice(0, comma).endsWith(';base64')) return decodeURIComponent(payload);
  return new TextDecoder().decode(Uint8Array.from(atob(payload), (c) => c.charCodeAt(0)));
}

const watched = new WeakSet();
function watchCsp(scope) {
  if (watched.has(scope) || typeof scope.addEventListener !== 'function') return;
  watched.add(scope);
  scope.addEventListener('securitypolicyviolation', (event) => {
    violations.push(event);
    if (violations.length > 20) violations.shift();
  });
}

// Why the file at `url` could not be loaded here, as words that end an error message, or null if
// nothing found explains it. startedFrom: the URL a worker was started from (a blob: wrapper),
// which the page's Content-Security-Policy may have blocked; cors: whether the failed load was a
// CORS request (fetch) rather than a script's (<script>, importScripts). Fetching the file again
// tells a CSP, a missing file, a server that does not answer, one without
// Access-Control-Allow-Origin, and under COEP one without Cross-Origin-Resource-Policy.
export async function whyNotLoaded(url, { startedFrom = url, cors = false, scope = globalThis } = {}) {
  let absolute;
  try {
    absolute = new URL(url);
  } catch {
    return `"${url}" is not a full URL`;
  }
  const probe = (mode) => fetch(absolute.href, { mode, credentials: 'omit', cache: 'no-store' })
    .then((response) => (response.body?.cancel().catch(() => {}), response), () => null);
  const crossOrigin = absolute.origin !== scope.location?.origin;
  const http = /^https?:$/.test(absolute.protocol);
  const seen = http ? await probe(crossOrigin ? 'cors' : 'same-origin') : null;
  // After the probe, so that the violation's event has arrived.
  const csp = cspCause(startedFrom) ?? cspCause(url);
  if (csp || !http) return csp;
  if (seen && !seen.ok) return `its server answered HTTP ${seen.status}`;
  if (!crossOrigin) return seen ? null : 'its server could not be reached';
  if (!seen && cors) {
    return 'its server could not be reached, or did not send the header "Access-Control-Allow-Origin: *" ' +
      'that a file from another origin needs';
  }
  if (await probe('no-cors')) return null;
  if (!scope.crossOriginIsolated) return 'its server could not be reached';
  return 'this page is cross-origin isolated (Cross-Origin-Embedder-Policy: require-corp), so a file ' +
    'from another origin needs the header "Cross-Origin-Resource-Policy: cross-origin", which ' +
    `its server did not send${seen ? '' : ' (or the server could not be reached)'}`;
}

// The CSP violation that blocked `url`, in words, or null. Events carry only "blob" for blob: URLs.
function cspCause(url) {
  const scheme = url.slice(0, url.indexOf(':'));
  const event = violations.find((e) => e.blockedURI === url || e.blockedURI === scheme);
  if (!event) return null;
  return `the page's Content-Security-Policy blocks it (${event.effectiveDirective || event.violatedDirective}` +
    `${scheme === 'blob' ? ': allow blob: there, or serve the library from the page\'s own origin' : ''})`;
}
