// Takes the README screenshot from the real app: `cargo xtask screenshot`.
// Starts the test server, opens a search with a document, saves docs/screenshot.png.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const port = 4199;
const server = spawn(process.execPath, ['server.mjs', String(port)], { cwd: here, stdio: 'ignore' });
try {
  await new Promise((r) => setTimeout(r, 500));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const [w, h] = (process.env.SIZE || '1280x760').split('x').map(Number);
  const page = await browser.newPage({ viewport: { width: w, height: h }, deviceScaleFactor: 1 });
  const target = process.argv[2] || '#q=idlib+agreement&doc=press-release-2018-10-17';
  await page.goto(`http://127.0.0.1:${port}/${target}`);
  await page.getByTestId('result-count').waitFor();
  if (target.includes('doc=')) await page.getByTestId('document-view').waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: process.env.OUT || fileURLToPath(new URL('../../docs/screenshot.png', import.meta.url)) });
  await browser.close();
  console.log('wrote docs/screenshot.png');
} finally {
  server.kill();
}
