// The malformed-input corpus in every engine: every file served over HTTP, a missing URL, and bad
// inputs that only a page has (a 0x0 canvas, an unloaded <img>) reject through the promise and
// the callback with a named Error; the same page then still loads and runs good models.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { forEachEngine, openPage } from './engines.mjs';

const cases = JSON.parse(readFileSync(new URL('../data/malformed/cases.json', import.meta.url), 'utf8'));

// Runs in the page: [name, 'promise' | 'callback', error class, message] per failure.
async function rejectEverything(cases) {
  const outcomes = [];
  const load = (c, callback) => {
    if (c.load === 'pix2pix') return callback ? ml5.pix2pix(c.url, callback) : ml5.pix2pix(c.url);
    return callback ? ml5.CVAE(c.url, callback) : ml5.CVAE(c.url).ready;
  };
  const both = async (name, call) => {
    try {
      await call();
      outcomes.push([name, 'promise', 'resolved', '']);
    } catch (error) {
      outcomes.push([name, 'promise', error?.constructor?.name, String(error?.message)]);
    }
    const error = await new Promise((resolve) => call((e) => resolve(e)));
    outcomes.push([name, 'callback', error?.constructor?.name, String(error?.message)]);
  };
  for (const c of cases) await both(c.name, (callback) => load(c, callback));
  await both('missing-url', (callback) => load({ load: 'pix2pix', url: '/tests/data/malformed/no-such-model.pict' }, callback));
  const p2p = await ml5.pix2pix();
  const emptyCanvas = Object.assign(document.createElement('canvas'), { width: 0, height: 0 });
  const brokenImg = new Image();
  brokenImg.src = '/tests/data/malformed/no-such-image.png';
  for (const [name, input] of [['0x0-canvas', emptyCanvas], ['broken-img', brokenImg], ['a-string', 'not an image'], ['a-div', document.createElement('div')]]) {
    await both(name, (callback) => p2p.transfer(input, callback));
  }
  const canvas = Object.assign(document.createElement('canvas'), { width: 256, height: 256 });
  canvas.getContext('2d').fillRect(64, 64, 128, 128);
  const works = (await p2p.transfer(canvas)).raw.width === 256 &&
    (await (await ml5.CVAE()).generate('bag')).raws.length === 28 * 28 * 4;
  return { outcomes, works };
}

forEachEngine('malformed input', (context) => {
  test('malformed files and bad inputs reject with named errors, and the page keeps working', { timeout: 180000 }, async () => {
    const page = await openPage(context.browser, `${context.servers.isolated.url}tests/browser/page.html`);
    const served = cases.map((c) => ({ ...c, url: `/tests/data/malformed/${c.model}` }));
    const { outcomes, works } = await page.evaluate(rejectEverything, served);
    const expect = Object.fromEntries(cases.map((c) => [c.name, c.expect]));
    Object.assign(expect, {
      'missing-url': 'HTTP 404', '0x0-canvas': 'empty', 'broken-img': 'could not load the image',
      'a-string': 'transfer() takes', 'a-div': 'transfer() takes',
    });
    assert.equal(outcomes.length, 2 * Object.keys(expect).length);
    for (const [name, how, kind, message] of outcomes) {
      assert.ok(['Error', 'TypeError', 'RangeError'].includes(kind), `${name} (${how}): ${kind} ${message}`);
      assert.ok(!/abort|unreachable|is not a function|Cannot read/.test(message), `${name} (${how}): ${message}`);
      assert.ok(message.includes(expect[name]), `${name} (${how}): '${message}' does not name '${expect[name]}'`);
    }
    assert.equal(works, true, 'the page could not load and run good models afterwards');
    assert.deepEqual(page.errors, []);
    await page.close();
  });
});
