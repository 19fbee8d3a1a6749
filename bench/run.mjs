// The benchmark runner: `cargo xtask bench` builds dist/ and the corpora, then runs this.
// It loads bench/page.html in a fresh headless Chromium per engine and corpus, collects
// the numbers, and writes BENCHMARKS.md (and target/bench/results.json).
import { chromium } from '@playwright/test';
import { spawn, execSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync, statSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = 4190;
const base = `http://127.0.0.1:${port}`;

const html = readFileSync(join(root, 'dist/index.html'), 'utf8');
const jsImport = html.match(/from '\.\/(chronicle-app[^']*\.js)'/);
if (!jsImport) throw new Error("dist/index.html does not import the app's JavaScript: run cargo xtask build");
const js = jsImport[1];
const wasmFile = readdirSync(join(root, 'dist')).find((f) => f.endsWith('_bg.wasm'));
const wasmBytes = readFileSync(join(root, 'dist', wasmFile));
const wasmGzip = gzipSync(wasmBytes, { level: 9 }).length;

const corpora = [
  { key: 'demo', name: 'Demo corpus: 233 State of the Union addresses + the seed', url: '/corpus.json', file: 'public/corpus.json' },
  { key: '10k', name: 'Generated, 10,000 documents', url: '/corpora/sotu-10k.json', file: 'target/corpora/sotu-10k.json' },
  { key: '50k', name: 'Generated, 50,000 documents', url: '/corpora/sotu-50k.json', file: 'target/corpora/sotu-50k.json' },
];

const args = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
  '--js-flags=--expose-gc', '--enable-precise-memory-info',
];

async function runOne(engine, corpus, only, warm = true) {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args });
  try {
    const page = await browser.newPage();
    const url = `${base}/bench/page.html?engine=${engine}&corpus=${encodeURIComponent(corpus.url)}` +
      `&js=${encodeURIComponent('/' + js)}&wasm=${encodeURIComponent('/' + wasmFile)}` +
      (only ? `&only=${only}` : '') + (warm ? '&warm=1' : '');
    await page.goto(url);
    await page.waitForFunction(() => window.benchResult, null, { timeout: 20 * 60_000, polling: 500 });
    const result = await page.evaluate(() => window.benchResult);
    if (result.error) throw new Error(`${engine} on ${corpus.key}: ${result.error}`);
    return result;
  } finally {
    await browser.close();
  }
}

const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)) + ' ms';
const mb = (x) => (x / 1e6).toFixed(1) + ' MB';
const ratio = (a, b) => (b > 0 ? (a / b).toFixed(2) + '×' : 'n/a');

const server = spawn(process.execPath, [join(root, 'tests/e2e/server.mjs'), String(port)], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 600));
const results = {};
try {
  for (const corpus of corpora) {
    results[corpus.key] = { corpus, bytes: statSync(join(root, corpus.file)).size };
    for (const engine of ['chronicle', 'minisearch']) {
      process.stderr.write(`    ${corpus.key}: ${engine}… `);
      // Time to ready: the median of three loads, each in a fresh browser, as the app
      // loads (the engine warmed up during the download), and three cold; then a run
      // for the queries and memory.
      const readies = [];
      const colds = [];
      for (let i = 0; i < 3; i++) {
        readies.push((await runOne(engine, corpus, 'ready', true)).readyMs);
        colds.push((await runOne(engine, corpus, 'ready', false)).readyMs);
      }
      readies.sort((a, b) => a - b);
      colds.sort((a, b) => a - b);
      const r = await runOne(engine, corpus);
      r.readyRuns = [...readies, r.readyMs];
      r.readyMs = readies[1];
      r.coldRuns = colds;
      r.coldReadyMs = colds[1];
      results[corpus.key][engine] = r;
      process.stderr.write(`ready ${ms(r.readyMs)} (${r.readyRuns.map((x) => x.toFixed(0)).join(', ')}), median ${ms(r.queryMedianMs)}, p95 ${ms(r.queryP95Ms)}${r.facets ? `, facets ${ms(r.facets.all.median)}` : ''}\n`);
    }
  }
} finally {
  server.kill();
}

// Sanity: the engines should broadly agree on what matches (not exactly: different
// tokenizers, and MiniSearch has no phrases).
for (const key of Object.keys(results)) {
  const c = results[key].chronicle.perQuery;
  const m = results[key].minisearch.perQuery;
  results[key].bothFound = c.filter((x, i) => x.matches > 0 && m[i].matches > 0).length;
}

const chromiumVersion = (() => {
  try {
    return execSync(`${process.env.CHROMIUM || '/usr/bin/chromium'} --version`).toString().trim();
  } catch {
    return 'Chromium';
  }
})();
const when = new Date().toISOString().slice(0, 10);
const memChronicle = (r) => r.wasmMemoryBytes + r.jsHeapBytes;

const r10 = results['10k'];
const r50 = results['50k'];
const goalsNote = `Time to ready is compared as the app loads (warmed up during the download); cold, the ratio is ${(r10.chronicle.coldReadyMs / r10.minisearch.coldReadyMs).toFixed(2)}×.`;
const goals = [
  ['10k: median query ≤ 0.5× MiniSearch', r10.chronicle.queryMedianMs / r10.minisearch.queryMedianMs, 0.5,
    `${ms(r10.chronicle.queryMedianMs)} vs ${ms(r10.minisearch.queryMedianMs)}`],
  ['10k: p95 query ≤ 10 ms', r10.chronicle.queryP95Ms, 10, ms(r10.chronicle.queryP95Ms)],
  ['10k: time to ready ≤ 0.25× MiniSearch', r10.chronicle.readyMs / r10.minisearch.readyMs, 0.25,
    `${ms(r10.chronicle.readyMs)} vs ${ms(r10.minisearch.readyMs)}`],
  ['10k: memory ≤ 0.5× MiniSearch', memChronicle(r10.chronicle) / r10.minisearch.jsHeapBytes, 0.5,
    `${mb(memChronicle(r10.chronicle))} vs ${mb(r10.minisearch.jsHeapBytes)}`],
  ['50k: p95 query ≤ 50 ms', r50.chronicle.queryP95Ms, 50, ms(r50.chronicle.queryP95Ms)],
  ['50k: facet counts and timeline after a change, median ≤ 10 ms', r50.chronicle.facets.all.median, 10,
    ms(r50.chronicle.facets.all.median)],
  ['wasm ≤ 400 KB gzip', wasmGzip / 1000, 400, `${(wasmGzip / 1000).toFixed(0)} KB`],
];

let md = `# Benchmarks

Chronicle's engine (Rust compiled to WebAssembly) and [MiniSearch](https://github.com/lucaong/minisearch)
7.2 (JavaScript), side by side in the same headless Chromium, on the same corpora, with the
same ${results.demo.chronicle.queries} queries.

Reproduce with:

\`\`\`sh
cargo xtask bench
\`\`\`

It builds the release app, generates the corpora (seeded; \`xtask/src/generate.rs\`), runs
\`bench/run.mjs\`, and rewrites this file. Measured on ${when}: ${chromiumVersion}, ${cpus().length} × ${cpus()[0].model.trim()}.

## Goals

| goal | measured | met |
|---|---|---|
${goals.map(([g, v, limit, shown]) => `| ${g} | ${shown}${g.includes('×') ? ` (**${v.toFixed(2)}×**)` : ''} | ${v <= limit ? 'yes' : `**no**: ${(v / limit).toFixed(2)} times the limit`} |`).join('\n')}

${goalsNote}

## Results

`;
for (const key of Object.keys(results)) {
  const { corpus, bytes, chronicle: c, minisearch: m, bothFound } = results[key];
  md += `### ${corpus.name}

${c.documents.toLocaleString('en')} documents, ${mb(bytes)} of JSON; Chronicle indexed ${c.terms.toLocaleString('en')} distinct terms.

| | Chronicle | MiniSearch | Chronicle / MiniSearch |
|---|---|---|---|
| time to ready (bytes → searchable), median of 3 | ${ms(c.readyMs)} | ${ms(m.readyMs)} | ${ratio(c.readyMs, m.readyMs)} |
| … cold (no warm-up during the download) | ${ms(c.coldReadyMs)} | ${ms(m.coldReadyMs)} | ${ratio(c.coldReadyMs, m.coldReadyMs)} |
| query latency, median | ${ms(c.queryMedianMs)} | ${ms(m.queryMedianMs)} | ${ratio(c.queryMedianMs, m.queryMedianMs)} |
| query latency, p95 | ${ms(c.queryP95Ms)} | ${ms(m.queryP95Ms)} | ${ratio(c.queryP95Ms, m.queryP95Ms)} |
| query latency, slowest | ${ms(c.queryMaxMs)} | ${ms(m.queryMaxMs)} | ${ratio(c.queryMaxMs, m.queryMaxMs)} |
| memory after load | ${mb(memChronicle(c))} (wasm ${mb(c.wasmMemoryBytes)} + JS ${mb(c.jsHeapBytes)}) | ${mb(m.jsHeapBytes)} (JS heap) | ${ratio(memChronicle(c), m.jsHeapBytes)} |

Facets and timeline after a change (Chronicle; all facet counts and the histogram,
median / p95): after a query ${ms(c.facets.query.median)} / ${ms(c.facets.query.p95)}, after choosing a
source ${ms(c.facets.facet.median)} / ${ms(c.facets.facet.p95)}, after choosing a range
${ms(c.facets.range.median)} / ${ms(c.facets.range.p95)}.

Slowest Chronicle queries: ${[...c.perQuery].sort((a, b) => b.ms - a.ms).slice(0, 5).map((x) => `\`${x.q}\` ${ms(x.ms)} (${x.matches.toLocaleString('en')} matches)`).join(', ')}.
Both engines found something for ${bothFound} of ${c.queries} queries.

`;
}
md += `### Download size

The release wasm is ${(wasmBytes.length / 1000).toFixed(0)} KB raw, **${(wasmGzip / 1000).toFixed(0)} KB gzip** (level 9).

## How it is measured

- Both engines start from the same \`ArrayBuffer\` of fetched corpus bytes. *Time to ready*
  for Chronicle is feeding the bytes to wasm in 256 KB chunks (as the app feeds a
  download), parsing and validating every document, compressing the text and building
  the index; for MiniSearch it is decoding, \`JSON.parse\` and \`addAll\`. Each engine is
  loaded in a fresh browser three times, and the median is shown: this machine's
  timings vary by ±20% from run to run.
- Browsers compile WebAssembly lazily and optimize it only once it has run a while, so a
  cold load of a large archive spends its first part in slow code. The app therefore
  loads a small made-up archive while a large one downloads
  (\`crates/core/src/warmup.rs\`, about 0.1 s). The main row is measured that way, with
  MiniSearch warmed up on the same made-up archive during its download; the *cold* row has
  no warm-up for either engine.
- *Query latency* is the work to show the first page: the number of matches and the top
  20 in rank order. Each query is repeated until 5 ms pass (at most 50 times) and
  averaged, three times; its time is the median of the three. Median and p95 are over
  the ${results.demo.chronicle.queries} queries in \`bench/queries.txt\` (common and rare words,
  prefixes, two and three words, phrases, typos), after a warm-up pass.
- MiniSearch runs with the same semantics where it has them: all words required, the last
  one as a prefix, one typo from 5 letters and two from 9, title words weighted 3. It has
  no phrase search, so for the quoted queries it only requires the words.
- *Memory* is measured after a forced garbage collection: for Chronicle the size of the
  wasm linear memory (which holds the documents and the index, and never shrinks, so it
  includes the peak of loading) plus the JS heap it added; for MiniSearch the JS heap it
  added, which holds the parsed documents (both engines keep them, to show results) and
  its index.
`;
mkdirSync(join(root, 'target/bench'), { recursive: true });
writeFileSync(join(root, 'target/bench/results.json'), JSON.stringify(results, null, 2));
writeFileSync(join(root, 'BENCHMARKS.md'), md);

// The README carries a short summary between markers.
const summary = [
  '<!-- benchmark-summary:start -->',
  '| | demo (234 docs) | 10,000 docs | 50,000 docs |',
  '|---|---|---|---|',
  `| time to ready, Chronicle / MiniSearch | ${['demo', '10k', '50k'].map((k) => `${ms(results[k].chronicle.readyMs)} / ${ms(results[k].minisearch.readyMs)}`).join(' | ')} |`,
  `| median query | ${['demo', '10k', '50k'].map((k) => `${ms(results[k].chronicle.queryMedianMs)} / ${ms(results[k].minisearch.queryMedianMs)}`).join(' | ')} |`,
  `| p95 query | ${['demo', '10k', '50k'].map((k) => `${ms(results[k].chronicle.queryP95Ms)} / ${ms(results[k].minisearch.queryP95Ms)}`).join(' | ')} |`,
  `| memory after load | ${['demo', '10k', '50k'].map((k) => `${mb(memChronicle(results[k].chronicle))} / ${mb(results[k].minisearch.jsHeapBytes)}`).join(' | ')} |`,
  `| facets + timeline after a change (Chronicle only), median | ${['demo', '10k', '50k'].map((k) => ms(results[k].chronicle.facets.all.median)).join(' | ')} |`,
  '',
  `Release wasm: ${(wasmBytes.length / 1000).toFixed(0)} KB, ${(wasmGzip / 1000).toFixed(0)} KB gzip. Measured ${when}.`,
  '<!-- benchmark-summary:end -->',
].join('\n');
const readmePath = join(root, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const marked = /<!-- benchmark-summary:start -->[\s\S]*<!-- benchmark-summary:end -->|BENCHMARK_SUMMARY/;
if (marked.test(readme)) writeFileSync(readmePath, readme.replace(marked, summary));
console.log(md.split('## Results')[0]);
