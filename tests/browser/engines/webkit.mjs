// WebKitGTK (Safari's engine): Debian's WebKitWebDriver driving MiniBrowser under Xvfb, through
// selenium-webdriver (W3C WebDriver). The driver allows one session, so pages are its windows.
// WebKitWebDriver has no log API: pages carry page-capture.js and each command reads its log.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Builder, By, Origin } from 'selenium-webdriver';

export const WEBKIT_DRIVER = '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
export const XVFB = '/usr/bin/Xvfb';

// sharedArrayBuffer: JSC_useSharedArrayBuffer=1, which is what Safari does on isolated pages;
// Debian's WebKitGTK hides SharedArrayBuffer without it.
export async function webkitBrowser({ sharedArrayBuffer }) {
  const xvfb = await startXvfb();
  const env = { ...process.env, DISPLAY: xvfb.display };
  delete env.JSC_useSharedArrayBuffer;
  if (sharedArrayBuffer) env.JSC_useSharedArrayBuffer = '1';
  const port = await freePort();
  const driver = spawn(WEBKIT_DRIVER, [`--port=${port}`, '--host=127.0.0.1'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = new RecentOutput(driver);
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    driver.kill();
    xvfb.process.kill();
  };
  let windows;
  try {
    await waitForDriver(url, driver);
    const session = await new Builder().usingServer(url).withCapabilities({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] },
    }).build();
    await session.manage().setTimeouts({ script: 600000, pageLoad: 120000 });
    windows = new Windows(session, output);
  } catch (error) {
    stop();
    throw error;
  }
  return {
    newPage: async () => new WebKitPage(windows, await windows.open()),
    async close() {
      await windows.session.quit().catch(() => {});
      stop();
    },
  };
}

// The session's windows. WebDriver commands go to the current window, so each command switches
// to its page's window first, one command at a time.
class Windows {
  constructor(session, output) {
    this.session = session;
    this.output = output;
    this.queue = Promise.resolve();
    this.current = null;
    this.spare = null;  // the first window, or the last one closed: reused by the next page
  }

  run(handle, command) {
    const job = this.queue.then(async () => {
      if (this.current !== handle) {
        await this.session.switchTo().window(handle);
        this.current = handle;
      }
      return command(this.session);
    });
    this.queue = job.catch(() => {});
    return job;
  }

  open() {
    const job = this.queue.then(async () => {
      if (this.current === null) this.spare = this.current = await this.session.getWindowHandle();
      if (this.spare !== null) {
        const handle = this.spare;
        this.spare = null;
        return handle;
      }
      // A window, not a tab: WebKit hides background tabs and slows their timers to ~2 per second.
      await this.session.switchTo().newWindow('window');
      this.current = await this.session.getWindowHandle();
      return this.current;
    });
    this.queue = job.catch(() => {});
    return job;
  }

  // Closing the session's last window would end it: that one is blanked and kept. After a
  // close, commands go to a window that is still open.
  close(handle) {
    return this.run(handle, async (session) => {
      const handles = await session.getAllWindowHandles();
      if (handles.length > 1) {
        await session.close();
        this.current = handles.find((h) => h !== handle);
        await session.switchTo().window(this.current);
      } else {
        await session.get('about:blank');
        this.spare = handle;
      }
    });
  }
}

class WebKitPage {
  constructor(windows, handle) {
    this.windows = windows;
    this.handle = handle;
    this.errors = [];
    this.console = [];
    const act = (build) => this.command((s) => build(s.actions({ async: true })).perform());
    this.mouse = {
      move: (x, y) => act((a) => a.move({ x: Math.round(x), y: Math.round(y), origin: Origin.VIEWPORT })),
      down: () => act((a) => a.press()),
      up: () => act((a) => a.release()),
    };
  }

  // Runs a WebDriver command in this page's window, then moves what the page logged into
  // errors and console.
  async command(run) {
    try {
      return await this.windows.run(this.handle, run);
    } catch (error) {
      // A crashed web process leaves nothing in the page: what WebKit printed is all there is.
      if (/crash|session deleted|invalid session|Could not parse script result/i.test(error.message)) {
        error.message += `\nWebKit's last output (driver, MiniBrowser, web process):\n${this.windows.output.text() || '(none)'}`;
      }
      throw error;
    } finally {
      await this.drainLog();
    }
  }

  async drainLog() {
    const entries = await this.windows.run(this.handle, (s) =>
      s.executeScript('return window.__ml5TestLog ? window.__ml5TestLog.splice(0) : []')).catch(() => []);
    for (const { kind, text } of entries) (kind === 'error' ? this.errors : this.console).push(text);
  }

  // Waits (up to 10 s) for the window to be shown: a hidden page's timers are throttled, which
  // would distort any test that times the page.
  async goto(url) {
    await this.command((s) => s.get(url));
    const end = Date.now() + 10000;
    while (Date.now() < end && (await this.evaluate(() => document.visibilityState)) !== 'visible') {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  // As Playwright's: fn is a function (called with arg, awaited) or an expression string. The
  // page sends JSON text: WebKitWebDriver's own conversion of results sometimes fails.
  async evaluate(fn, arg) {
    const source = typeof fn === 'function' ? fn.toString() : `() => (${fn})`;
    const script = `const done = arguments[arguments.length - 1];
      Promise.resolve().then(() => (${source})(arguments[0])).then(
        (value) => done(JSON.stringify({ value })),
        (error) => done(JSON.stringify({ error: String(error && error.stack ? error.message + '\\n' + error.stack : error) })));`;
    const outcome = JSON.parse(await this.command((s) => s.executeAsyncScript(script, arg)));
    if (outcome.error !== undefined) throw new Error(`evaluate failed in WebKit: ${outcome.error}`);
    return outcome.value;
  }

  async waitForFunction(fn, arg, { timeout = 30000 } = {}) {
    const end = Date.now() + timeout;
    for (;;) {
      const value = await this.evaluate(fn, arg);
      if (value) return value;
      if (Date.now() > end) throw new Error(`waitForFunction timed out after ${timeout} ms: ${fn}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  click(selector) {
    return this.command(async (s) => (await s.findElement(By.css(selector))).click());
  }

  // Options made by script often have a value property but no value attribute.
  selectOption(selector, value) {
    return this.command(async (s) => {
      const option = await s.executeScript(
        'return [...document.querySelector(arguments[0]).options].find((o) => o.value === arguments[1])',
        selector, value);
      if (!option) throw new Error(`selectOption: ${selector} has no option '${value}'`);
      await option.click();
    });
  }

  setInputFiles(selector, path) {
    return this.command(async (s) => (await s.findElement(By.css(selector))).sendKeys(path));
  }

  // In viewport coordinates, as Playwright's and Puppeteer's (WebDriver's element rect is in
  // the document's, which differs once the page has scrolled).
  boundingBox(selector) {
    return this.evaluate((css) => {
      const { x, y, width, height } = document.querySelector(css).getBoundingClientRect();
      return { x, y, width, height };
    }, selector);
  }

  async close() {
    await this.drainLog();
    await this.windows.close(this.handle).catch(() => {});
  }
}

// An X display of its own: Xvfb picks a free number and writes it to fd 3.
function startXvfb() {
  return new Promise((resolve, reject) => {
    const child = spawn(XVFB, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'],
      { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
    let number = '';
    child.stdio[3].on('data', (chunk) => {
      number += chunk;
      if (number.includes('\n')) resolve({ display: `:${number.trim()}`, process: child });
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`Xvfb exited with code ${code} before giving a display`)));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForDriver(url, driver) {
  let exited = null;
  driver.once('exit', (code) => (exited = code));
  for (let waited = 0; waited < 10000; waited += 50) {
    if (exited !== null) throw new Error(`WebKitWebDriver exited with code ${exited}`);
    const ready = await fetch(`${url}/status`).then((r) => r.ok, () => false);
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('WebKitWebDriver did not answer within 10 s');
}

// The last lines that WebKitWebDriver and the browser processes it starts printed (they inherit
// its stdout and stderr), for the error of a command whose page crashed. ML5_WEBKIT_LOG=1 also
// passes them through as they come.
class RecentOutput {
  constructor(child, keep = 40) {
    this.lines = [];
    for (const stream of [child.stdout, child.stderr]) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        if (process.env.ML5_WEBKIT_LOG) process.stderr.write(chunk);
        this.lines.push(...chunk.split('\n').filter((line) => line.trim()));
        this.lines.splice(0, Math.max(0, this.lines.length - keep));
      });
    }
  }

  text() {
    return this.lines.join('\n');
  }
}
