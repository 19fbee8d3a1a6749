// CPU profile of loading a corpus in the page (engine only, EngineLoader), by function.
import { chromium } from '@playwright/test';
const [,, corpus, js, wasm] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-quic','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run'] });
const page = await browser.newPage();
page.on('pageerror', e => console.log('pageerror', String(e).slice(0, 300)));
page.on('console', m => console.log('console', m.text().slice(0, 300)));
await page.goto('http://127.0.0.1:4173/bench/page.html?noop=1');
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await page.evaluate(async ({ js, wasm }) => {
  await new Promise((res, rej) => { const s = document.createElement('script'); s.src = js; s.onload = res; s.onerror = rej; document.head.append(s); });
  await wasm_bindgen({ module_or_path: wasm });
}, { js, wasm });
const bytes = await page.evaluate(async (c) => { window.__bytes = new Uint8Array(await (await fetch(c)).arrayBuffer()); return window.__bytes.length; }, corpus);
await cdp.send('Profiler.start');
const ms = await page.evaluate(() => { const t = performance.now(); const l = new wasm_bindgen.EngineLoader(); const a = window.__bytes; for (let i = 0; i < a.length; i += 1 << 18) l.feed(a.subarray(i, i + (1 << 18))); const e = l.finish(); window.__e = e; return performance.now() - t; });
const { profile } = await cdp.send('Profiler.stop');
console.log('bytes', bytes, 'load ms', Math.round(ms), 'MB/s', Math.round(bytes / 1e3 / ms));
const self = new Map(); const total = profile.samples.length;
const byId = new Map(profile.nodes.map(n => [n.id, n]));
const counts = new Map(); for (const s of profile.samples) counts.set(s, (counts.get(s) || 0) + 1);
for (const [id, c] of counts) { const n = byId.get(id); const name = n.callFrame.functionName || '(anon)'; self.set(name, (self.get(name) || 0) + c); }
const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 35);
for (const [name, c] of top) console.log((100 * c / total).toFixed(1).padStart(5) + '%', name.slice(0, 120));
await browser.close();
