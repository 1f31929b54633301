// Debian's Chromium through playwright-core (CDP).
import { chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

// args: more command-line switches (a fake camera, say).
export async function launchChromium({ args = [] } = {}) {
  // Headless, with a fresh profile that Playwright creates; no network beyond localhost.
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', ...args],
  });
}

export async function chromiumBrowser(options) {
  const browser = await launchChromium(options);
  return {
    async newPage() {
      return new ChromiumPage(await browser.newPage());
    },
    close: () => browser.close(),
  };
}

class ChromiumPage {
  constructor(page) {
    this.page = page;
    this.errors = [];
    this.console = [];
    page.on('pageerror', (error) => this.errors.push(error.message));
    page.on('console', (message) => this.console.push(message.text()));
    this.mouse = page.mouse;
  }

  goto(url) {
    return this.page.goto(url);
  }

  evaluate(fn, arg) {
    return this.page.evaluate(fn, arg);
  }

  waitForFunction(fn, arg, { timeout = 30000 } = {}) {
    return this.page.waitForFunction(fn, arg, { timeout });
  }

  click(selector) {
    return this.page.click(selector);
  }

  selectOption(selector, value) {
    return this.page.selectOption(selector, value);
  }

  setInputFiles(selector, path) {
    return this.page.setInputFiles(selector, path);
  }

  boundingBox(selector) {
    return this.page.locator(selector).boundingBox();
  }

  close() {
    return this.page.close();
  }
}
