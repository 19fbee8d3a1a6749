// End-to-end measurement of a search page in a real browser, as a reader meets it:
// navigation to ready, the main thread's long tasks while loading, and for every
// keystroke the time from the input event to the answer on the page (the first change
// of the results, or for Chronicle the drop of its busy flag) plus one animation frame
// (when that change is painted), and the long tasks while typing. The same measurement runs on Chronicle's app and on the peer pages
// (bench/peer.html: MiniSearch, FlexSearch), in the same browser.
//
//   import { measurePage } from './e2e.mjs';
//   const r = await measurePage(browser, url, { queries, readySelector, ... });

import { percentile } from './report.mjs';

/** Chromium's flags for running headless here (as root, with no network beyond this machine). */
export const launchArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Instruments a page before any of its scripts run (see measurePage). */
function instrument() {
  const w = window;
  w.__bench = { longTasks: [], keystrokes: [], pendingInput: null, readyAt: null };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  // Keystroke → first change of the results → next frame.
  document.addEventListener(
    'input',
    (e) => {
      w.__bench.pendingInput = { t0: e.timeStamp, value: e.target && e.target.value };
    },
    true,
  );
  const watch = () => {
    const roots = [...document.querySelectorAll('[data-testid=result-count], .results__list, [data-testid=results]')];
    if (!roots.length) return false;
    // A page that flags its results region busy while an answer is on its way (Chronicle
    // does, with aria-busy) has answered when the flag drops: that is when the answer is
    // on the page, whether or not it changed anything. Other pages answer in the input
    // handler: their first change of the results is the answer.
    const busyFlagged = () => document.querySelector('[data-testid=results][aria-busy]');
    const mo = new MutationObserver((records) => {
      const p = w.__bench.pendingInput;
      if (!p) return;
      const answered = busyFlagged()
        ? records.some((r) => r.type === 'attributes' && r.target.getAttribute('aria-busy') === 'false')
        : records.some((r) => r.type !== 'attributes');
      if (!answered) return;
      w.__bench.pendingInput = null;
      const changed = performance.now();
      requestAnimationFrame(() => {
        w.__bench.keystrokes.push({ value: p.value, toChange: changed - p.t0, toPaint: performance.now() - p.t0 });
      });
    });
    for (const r of roots) {
      mo.observe(r, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['aria-busy'] });
    }
    return true;
  };
  const poll = setInterval(() => {
    if (watch()) clearInterval(poll);
  }, 20);
}

/** Waits until the page is ready: its loading indicator is gone and results show. */
export async function waitReady(page, timeout) {
  await page.waitForFunction(
    () =>
      !document.querySelector('[data-testid=load-progress]') &&
      document.querySelector('[data-testid=result-count]') &&
      /\d/.test(document.querySelector('[data-testid=result-count]').textContent || ''),
    null,
    { timeout, polling: 20 },
  );
  return page.evaluate(() => performance.now());
}

/**
 * Measures one page: `queries` are typed key by key, `gapMs` apart (a fast typist).
 * `before(page)` runs once the page is ready, before typing; what it returns is `extra`.
 * Returns ready time, long tasks while loading and while typing, and keystroke times.
 */
export async function measurePage(browser, url, { queries, gapMs = 150, readyTimeout = 300_000, before } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(instrument);
  await page.goto(url);
  const readyMs = await waitReady(page, readyTimeout);
  // Let the first answer settle.
  await page.waitForTimeout(300);
  const loadLong = await page.evaluate(() => window.__bench.longTasks.splice(0));
  const extra = before ? await before(page) : undefined;
  await page.evaluate(() => {
    window.__bench.keystrokes = [];
    window.__bench.longTasks = [];
  });
  const input = page.locator('[data-testid=search-input]');
  for (const q of queries) {
    await input.click();
    await input.fill('');
    await page.waitForTimeout(gapMs * 2);
    await page.evaluate(() => {
      window.__bench.pendingInput = null;
    });
    for (const ch of q) {
      await page.keyboard.type(ch);
      await page.waitForTimeout(gapMs);
    }
    await page.waitForTimeout(gapMs * 2);
  }
  const typed = await page.evaluate(() => ({ keystrokes: window.__bench.keystrokes, longTasks: window.__bench.longTasks }));
  const paint = typed.keystrokes.map((k) => k.toPaint);
  await context.close();
  return {
    url,
    readyMs,
    loadLongTasks: loadLong.length,
    loadLongestTaskMs: Math.max(0, ...loadLong.map((t) => t.duration)),
    keystrokes: paint.length,
    keystrokeTimes: paint,
    keystrokeMedianMs: percentile(paint, 50),
    keystrokeP95Ms: percentile(paint, 95),
    keystrokeMaxMs: Math.max(0, ...paint),
    typingLongTasks: typed.longTasks.length,
    typingLongestTaskMs: Math.max(0, ...typed.longTasks.map((t) => t.duration)),
    errors,
    extra,
  };
}
