// A site built by `chronicle build` beside Pagefind, on the same corpus, in the same
// headless Chromium (run by `cargo xtask bench --prebuilt`, or `node bench/prebuilt.mjs`
// once dist/, dist-offline/ and target/corpora/ exist):
//
// - index build time: `chronicle build` and `pagefind` (over one HTML page per document,
//   as a static site would give it), wall clock;
// - end to end, as bench/e2e.mjs measures the app: ready, keystroke → paint, long tasks,
//   for the site, the same archive as JSON (the app indexing in the browser), and a
//   Pagefind search page (bench/pagefind.html) showing the top 20 with excerpts;
// - bytes fetched until ready, in the background after it, and for the first query;
// - the offline file: open time with the prebuilt archive inside, and with the JSON.
//
// It prints the figures and writes them into BENCHMARKS.md (between the prebuilt markers)
// and target/bench/prebuilt.json. CORPUS=mail-6k picks another generated corpus.
import { chromium } from '@playwright/test';
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync, rmSync, existsSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { measurePage, launchArgs, waitReady } from './e2e.mjs';
import { ms, secs, mb, ratio, median } from './report.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const name = process.env.CORPUS || 'mail-50k';
const runs = Number(process.env.RUNS || 2);
const port = 4191;
const base = `http://127.0.0.1:${port}`;
const out = join(root, 'target', 'bench');
const corpusFile = join(root, 'target', 'corpora', `${name}.json`);
const site = join(out, `site-${name}`);
const pfSite = join(out, `pagefind-${name}`);
const cli = join(root, 'target', 'release', 'chronicle');
const log = (s) => process.stderr.write(s);
const queries = ['government', 'congress war', 'peace treaty', 'agriculture', 'revenue tariff'];

const escape = (s) => String(s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
function timed(cmd, args, env = {}) {
  const t = performance.now();
  execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...env } });
  return performance.now() - t;
}

// 1. Build both indexes (REUSE=1: keep the last ones, and their build times).
const parsed = JSON.parse(readFileSync(corpusFile, 'utf8'));
const docs = Array.isArray(parsed) ? parsed : parsed.documents;
const last = join(out, 'prebuilt.json');
const reuse = process.env.REUSE && existsSync(last) && existsSync(join(pfSite, 'pagefind')) ? JSON.parse(readFileSync(last, 'utf8')) : null;
let chronicleBuildMs;
let pagefindBuildMs;
if (reuse) {
  ({ chronicleBuildMs, pagefindBuildMs } = reuse);
} else {
  log(`chronicle build ${name}… `);
  chronicleBuildMs = timed(cli, ['build', corpusFile, '--app', 'dist', '-o', site, '--quiet']);
  log(`${secs(chronicleBuildMs)}\n`);
  log(`pagefind: writing one page per document… `);
  rmSync(pfSite, { recursive: true, force: true });
  mkdirSync(join(pfSite, 'd'), { recursive: true });
  writePages();
  log(`${docs.length} pages; indexing… `);
  pagefindBuildMs = timed(join(root, 'node_modules', '.bin', 'pagefind'), ['--site', pfSite, '--quiet']);
  log(`${secs(pagefindBuildMs)}\n`);
}

function writePages() {
docs.forEach((d, i) => {
  writeFileSync(
    join(pfSite, 'd', `${i}.html`),
    `<!DOCTYPE html><html lang="${escape(d.language || 'en')}"><head><meta charset="utf-8"><title>${escape(d.title)}</title></head>` +
      `<body><main data-pagefind-body><h1 data-pagefind-meta="title">${escape(d.title)}</h1>` +
      `<p><span data-pagefind-meta="date">${escape(d.date)}</span> · <span data-pagefind-meta="source">${escape(d.source)}</span></p>` +
      `<div>${escape(d.body).replace(/\n\n/g, '</p><p>')}</div></main></body></html>`,
  );
});
}

// 2. Serve and measure.
const server = spawn('node', ['tests/e2e/server.mjs', String(port)], { cwd: root, stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 800));
const pages = {
  site: `${base}/target-bench/site-${name}/`,
  json: `${base}/fixtures/${name}/`,
  pagefind: `${base}/bench/pagefind.html?bundle=/target-bench/pagefind-${name}/pagefind`,
};

/** Pastes the first query and waits for its answer, snippets and all. */
async function pasteAndWait(page) {
  await page.locator('[data-testid=search-input]').fill('government');
  await page.waitForFunction(() => {
    const r = document.querySelector('[data-testid=results]');
    return r && r.getAttribute('aria-busy') === 'false' && !r.hasAttribute('data-text-pending') && /government/i.test(r.textContent || '');
  }, null, { timeout: 60_000, polling: 10 });
}

/** Bytes fetched until ready, then in the background until the network is quiet (a built
 * site's words file), and for the first query (pasted then), counted by the server
 * (workers fetch too); and the time from navigation to a query pasted as soon as the page
 * is ready, answered. */
async function firstQuery(browser, url) {
  const served = async (reset) => (await (await fetch(`${base}/__served${reset ? '?reset' : ''}`)).json()).bytes;
  const context = await browser.newContext();
  let page = await context.newPage();
  await served(true);
  await page.goto(url);
  await waitReady(page, 300_000);
  const ready = await served(true);
  // Quiet: nothing more served for half a second.
  let background = 0;
  for (let quiet = 0; quiet < 5; ) {
    await page.waitForTimeout(100);
    const more = await served(true);
    background += more;
    quiet = more === 0 ? quiet + 1 : 0;
  }
  await pasteAndWait(page);
  await page.waitForTimeout(300);
  const query = await served(true);
  await context.close();
  // Again, in a fresh context (nothing cached), the query pasted as soon as the page is ready.
  const again = await browser.newContext();
  page = await again.newPage();
  await page.goto(url);
  await waitReady(page, 300_000);
  await pasteAndWait(page);
  const answeredMs = await page.evaluate(() => performance.now());
  await again.close();
  return { ready, background, firstQuery: query, firstAnswerMs: answeredMs };
}

const results = { corpus: name, documents: docs.length, corpusBytes: statSync(corpusFile).size, chronicleBuildMs, pagefindBuildMs, pages: {} };
try {
  for (const [key, url] of Object.entries(pages)) {
    const all = [];
    for (let i = 0; i < runs; i++) {
      const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: launchArgs });
      log(`${key} run ${i + 1}… `);
      const r = await measurePage(browser, url, { queries });
      log(`ready ${secs(r.readyMs)}, keystroke ${ms(r.keystrokeMedianMs)} / ${ms(r.keystrokeP95Ms)}\n`);
      all.push(r);
      await browser.close();
    }
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: launchArgs });
    const bytes = await firstQuery(browser, url);
    await browser.close();
    results.pages[key] = {
      readyMs: median(all.map((r) => r.readyMs)),
      keystrokeMedianMs: median(all.map((r) => r.keystrokeMedianMs)),
      keystrokeP95Ms: median(all.map((r) => r.keystrokeP95Ms)),
      loadLongTasks: Math.max(...all.map((r) => r.loadLongTasks)),
      typingLongTasks: Math.max(...all.map((r) => r.typingLongTasks)),
      ...bytes,
    };
  }
  // 3. The offline file, prebuilt and JSON, from file://.
  results.offline = {};
  for (const [key, file] of [['prebuilt', 'dist-offline/chronicle.html'], ['json', 'dist-offline/chronicle-json.html']]) {
    const times = [];
    for (let i = 0; i < 3; i++) {
      const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: launchArgs });
      times.push((await measurePage(browser, pathToFileURL(join(root, file)).href, { queries: [] })).readyMs);
      await browser.close();
    }
    results.offline[key] = { openMs: median(times), bytes: statSync(join(root, file)).size };
  }
} finally {
  server.kill();
}
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'prebuilt.json'), JSON.stringify(results, null, 2));

// 4. Report.
const p = results.pages;
const row = (label, f) => `| ${label} | ${f(p.site)} | ${f(p.json)} | ${f(p.pagefind)} |`;
const section = [
  `### A prebuilt archive beside Pagefind (${name}: ${docs.length.toLocaleString('en')} documents, ${mb(results.corpusBytes)} of JSON)`,
  '',
  `Measured by \`bench/prebuilt.mjs\` on ${new Date().toISOString().slice(0, 10)}, median of ${runs} runs, headless Chromium, loopback server.`,
  '',
  '| | Chronicle, built site | Chronicle, from JSON | Pagefind 1.6 |',
  '|---|---|---|---|',
  `| index build | ${secs(chronicleBuildMs)} (\`chronicle build\`, 2 cores) | none (the browser indexes) | ${secs(pagefindBuildMs)} |`,
  row('ready (navigation → the page answers)', (x) => secs(x.readyMs)),
  row('navigation → a pasted query answered, snippets shown', (x) => secs(x.firstAnswerMs)),
  row('keystroke → paint, median / p95', (x) => `${ms(x.keystrokeMedianMs)} / ${ms(x.keystrokeP95Ms)}`),
  row('long tasks while loading / typing', (x) => `${x.loadLongTasks} / ${x.typingLongTasks}`),
  row('bytes fetched until ready', (x) => mb(x.ready)),
  row('bytes fetched after ready, in the background', (x) => mb(x.background)),
  row('bytes fetched for the first query (once the background fetch is done)', (x) => mb(x.firstQuery)),
  '',
  `Against Pagefind: build ${ratio(chronicleBuildMs, pagefindBuildMs)} its time, ready ${ratio(p.site.readyMs, p.pagefind.readyMs)} (to a first query answered ${ratio(p.site.firstAnswerMs, p.pagefind.firstAnswerMs)}), keystroke median ${ratio(p.site.keystrokeMedianMs, p.pagefind.keystrokeMedianMs)} and p95 ${ratio(p.site.keystrokeP95Ms, p.pagefind.keystrokeP95Ms)}, bytes until ready ${ratio(p.site.ready, p.pagefind.ready)}. The built site's keystroke is to the first paint of the results; their snippets follow when the text shards they need have come.`,
  '',
  "Pagefind's page is ready once its script has initialised (it lists nothing until a query: it has no empty search), Chronicle's once the whole archive is listed with facets and timeline. Bytes are counted by the server, workers' fetches included. The built site fetches its dictionary (the words file) in the background once the archive is listed: a query typed before it has come waits for it (the row \"a pasted query answered\" pastes it as soon as the page is ready, and so includes that wait).",
  '',
  `The offline file (the demo archive, from \`file://\`): with the prebuilt archive inside it opens in ${secs(results.offline.prebuilt.openMs)} (${mb(results.offline.prebuilt.bytes)}); with the JSON inside (\`--json\`) in ${secs(results.offline.json.openMs)} (${mb(results.offline.json.bytes)}).`,
].join('\n');
console.log(section);
const bmPath = join(root, 'BENCHMARKS.md');
const bm = existsSync(bmPath) ? readFileSync(bmPath, 'utf8') : '# Benchmarks\n';
const start = '<!-- prebuilt:start -->';
const end = '<!-- prebuilt:end -->';
const block = `${start}\n${section}\n${end}`;
writeFileSync(bmPath, bm.includes(start) ? bm.replace(new RegExp(`${start}[\\s\\S]*?${end}`), block) : `${bm.trimEnd()}\n\n${block}\n`);
