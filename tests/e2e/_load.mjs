import { chromium } from '@playwright/test';
const url = process.argv[2];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-quic','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
const page = await browser.newPage();
page.on('console', m => { if (m.type() !== 'log') console.log('console.' + m.type(), m.text().slice(0, 300)); });
page.on('pageerror', e => console.log('pageerror', String(e).slice(0, 300)));
await page.addInitScript(() => {
  window.__long = [];
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: 'longtask', buffered: true });
  window.__marks = {};
  const mo = new MutationObserver(() => {
    const c = document.querySelector('[data-testid=result-count]');
    if (c && !window.__marks.first) window.__marks.first = performance.now();
    const p = document.querySelector('[data-testid=load-progress]');
    if (window.__marks.first && !p && !window.__marks.done) window.__marks.done = performance.now();
  });
  document.addEventListener('DOMContentLoaded', () => mo.observe(document.body, { childList: true, subtree: true, characterData: true }));
});
const t0 = Date.now();
await page.goto(url);
await page.waitForFunction(() => window.__marks.done, null, { timeout: 120000, polling: 50 });
const r = await page.evaluate(() => ({ marks: window.__marks, long: window.__long }));
console.log('first result', Math.round(r.marks.first), 'ms; all loaded', Math.round(r.marks.done), 'ms');
console.log('long tasks', r.long.length, 'longest', Math.max(0, ...r.long.map(x => x[1])), JSON.stringify(r.long.slice(0, 20)));
console.log('count', await page.locator('[data-testid=result-count]').innerText());
await browser.close();
