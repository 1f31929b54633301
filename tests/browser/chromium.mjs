// Debian's Chromium through playwright-core, and the project's static server, for browser tests.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

const CHROMIUM = '/usr/bin/chromium';
const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));

export async function launchChromium() {
  assert.ok(existsSync(CHROMIUM), `Debian's chromium is missing at ${CHROMIUM} (npm test installs it)`);
  // Headless, with a fresh profile that Playwright creates; no network beyond localhost.
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// The repository root, plus ../shared under /shared/ (absent on users' machines).
export function startTestServer({ isolated }) {
  return startServer({ isolated, mounts: { '/shared/': SHARED } });
}

// Opens `path` and collects uncaught page errors.
export async function openPage(browser, url) {
  const page = await browser.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  await page.goto(url);
  return page;
}

// Registers before/after hooks for one Chromium and two servers, with COOP/COEP and without,
// for tests that run the same page both ways; fills and returns {browser, servers}.
export function useChromiumAndBothServers() {
  const context = { servers: {} };
  before(async () => {
    context.browser = await launchChromium();
    context.servers.isolated = await startTestServer({ isolated: true });
    context.servers.plain = await startTestServer({ isolated: false });
  });
  after(async () => {
    await context.browser?.close();
    await context.servers.isolated?.close();
    await context.servers.plain?.close();
  });
  return context;
}

// Registers before/after hooks for one Chromium and one server; fills and returns `context`.
export function useChromium({ isolated }) {
  const context = {};
  before(async () => {
    context.browser = await launchChromium();
    context.server = await startTestServer({ isolated });
  });
  after(async () => {
    await context.browser?.close();
    await context.server?.close();
  });
  return context;
}
