// Debian's firefox-esr through puppeteer-core over WebDriver BiDi.
import puppeteer from 'puppeteer-core';

export const FIREFOX = '/usr/bin/firefox-esr';

// prefs: more preferences (a fake camera, say).
export async function firefoxBrowser({ prefs = {} } = {}) {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX,
    headless: true,
    timeout: 60000,  // puppeteer's 30 s default is tight on a busy 2-core machine
    // No network beyond localhost: no update, telemetry or remote-settings traffic.
    extraPrefsFirefox: {
      'app.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'network.captive-portal-service.enabled': false,
      'services.settings.server': 'http://127.0.0.1:9/',
      ...prefs,
    },
  });
  return {
    async newPage() {
      return new FirefoxPage(await browser.newPage());
    },
    // A Firefox that does not quit within 20 s is killed, so that no suite hangs in its after().
    async close() {
      const kill = setTimeout(() => browser.process()?.kill('SIGKILL'), 20000);
      try {
        await browser.close();
      } finally {
        clearTimeout(kill);
      }
    },
  };
}

class FirefoxPage {
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
    return this.page.waitForFunction(fn, { timeout, polling: 50 }, arg);
  }

  click(selector) {
    return this.page.click(selector);
  }

  selectOption(selector, value) {
    return this.page.select(selector, value);
  }

  async setInputFiles(selector, path) {
    await (await this.page.$(selector)).uploadFile(path);
  }

  async boundingBox(selector) {
    return (await this.page.$(selector)).boundingBox();
  }

  close() {
    return this.page.close();
  }
}
