// Screenshots of the demo in headless Chromium for the README: docs/demo.png (the whole page
// after drawing on the example) and docs/demo-pix2pix.png (the drawing panel).
//   node scripts/demo-screenshots.mjs
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';

const server = await startServer({ isolated: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 960, height: 900 } });
  await page.goto(server.url);
  await page.waitForFunction(() => /ready in/.test(document.querySelector('#p2p-status').textContent) &&
    document.querySelectorAll('#cvae-walk img').length === 8, undefined, { timeout: 60000 });
  // A hat on the smiley, drawn with the mouse.
  const box = await page.locator('#p2p-input').boundingBox();
  const stroke = async (points) => {
    await page.mouse.move(box.x + points[0][0], box.y + points[0][1]);
    await page.mouse.down();
    for (const [x, y] of points.slice(1)) await page.mouse.move(box.x + x, box.y + y, { steps: 4 });
    await page.mouse.up();
  };
  await stroke([[70, 62], [186, 62]]);
  await stroke([[92, 62], [100, 18], [156, 18], [164, 62]]);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: 'docs/demo.png', fullPage: true });
  await page.locator('.row').first().screenshot({ path: 'docs/demo-pix2pix.png' });
  console.log('wrote docs/demo.png and docs/demo-pix2pix.png');
} finally {
  await browser.close();
  await server.close();
}
