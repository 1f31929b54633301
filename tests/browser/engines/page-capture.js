// Served inside every test page (scripts/serve.mjs `inject`), before the page's own scripts: it
// keeps page errors, unhandled rejections and console lines where a driver without a log API
// (WebKitWebDriver) can read them. Other drivers read the same events natively.
(() => {
  if (window.__ml5TestLog) return;
  const log = (window.__ml5TestLog = []);
  const text = (value) => (value instanceof Error ? `${value.name}: ${value.message}` : String(value));
  addEventListener('error', (event) => log.push({ kind: 'error', text: text(event.error ?? event.message) }));
  addEventListener('unhandledrejection', (event) => log.push({ kind: 'error', text: text(event.reason) }));
  for (const type of ['log', 'info', 'warn', 'error', 'debug']) {
    const original = console[type];
    console[type] = function (...args) {
      log.push({ kind: 'console', type, text: args.map(text).join(' ') });
      return original.apply(this, args);
    };
  }
})();
