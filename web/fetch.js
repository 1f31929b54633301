// Reads model files from URLs in the browser, and from paths, file: URLs or http(s) in Node.
import { isNode } from './env.js';

// A URL object for `location`, resolved against the page (browser) or the working directory.
export async function toUrl(location) {
  if (location instanceof URL) return location;
  if (isNode && !/^[a-z][a-z0-9+.-]*:/i.test(location)) {
    const { pathToFileURL } = await import('node:url');
    const { resolve } = await import('node:path');
    return pathToFileURL(resolve(location));
  }
  const base = typeof location === 'string' && typeof self === 'object' && self.location
    ? self.location.href : undefined;
  return new URL(location, base);
}

export async function loadBytes(url) {
  if (url.protocol === 'file:' && isNode) {
    const { readFile } = await import('node:fs/promises');
    const { fileURLToPath } = await import('node:url');
    try {
      return new Uint8Array(await readFile(fileURLToPath(url)));
    } catch (error) {
      throw new Error(`ml5-wasm: could not read ${fileURLToPath(url)}: ${error.code ?? error.message}`);
    }
  }
  let response;
  try {
    response = await fetch(url.href);
  } catch (error) {
    throw new Error(`ml5-wasm: could not fetch ${url.href}: ${error.message}`);
  }
  if (!response.ok) throw new Error(`ml5-wasm: could not fetch ${url.href}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

export async function loadText(url) {
  return new TextDecoder().decode(await loadBytes(url));
}

// The last path segment, for messages: ".../quick_draw/manifest.json" -> "manifest.json".
export function fileName(url) {
  return decodeURIComponent(url.pathname.split('/').filter(Boolean).pop() ?? url.href);
}
