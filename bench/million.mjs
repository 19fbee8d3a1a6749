// A million generated documents as a built site (#10's last goals), run by
// `cargo xtask bench --million` (or `node bench/million.mjs` once dist/, the command line
// and target/corpora/sotu-1000k.json exist):
//
// - `chronicle build`: wall clock and the process's peak memory;
// - in headless Chromium, from a loopback server: navigation → ready (the whole archive
//   listed), a query typed whole → its answer, and the tab's memory (the resident size of
//   its renderer process, workers included, read from the process list).
//
// It prints the figures and writes them into BENCHMARKS.md (between the million markers).
import { chromium } from '@playwright/test';
import { spawn, spawnSync, execSync } from 'node:child_process';
import { readFileSync, writeFileSync, statSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { launchArgs, waitReady } from './e2e.mjs';
import { ms, secs, mb, median } from './report.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const name = 'sotu-1000k';
const port = 4192;
const runs = Number(process.env.RUNS || 2);
const corpus = join(root, 'target', 'corpora', `${name}.json`);
const site = join(root, 'target', 'bench', `site-${name}`);
const cli = join(root, 'target', 'release', 'chronicle');
const log = (s) => process.stderr.write(s);

// 1. The build, with its peak memory (GNU time when the machine has it).
log(`chronicle build ${name}… `);
const hasTime = existsSync('/usr/bin/time');
const t = performance.now();
const build = spawnSync(hasTime ? '/usr/bin/time' : cli, [
  ...(hasTime ? ['-f', 'peak-kb %M', cli] : []),
  'build', corpus, '--app', 'dist', '-o', site, '--quiet',
], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
const buildMs = performance.now() - t;
if (build.status !== 0) throw new Error(`chronicle build failed: ${build.stderr}`);
// GNU time writes the peak to stderr.
const peak = /peak-kb (\d+)/.exec(String(build.stderr));
const buildPeakMb = peak ? Number(peak[1]) / 1024 : null;
log(`${secs(buildMs)}\n`);
const archiveBytes = statSync(join(site, 'corpus.chronicle')).size;
const corpusBytes = statSync(corpus).size;

// 2. The site in the browser.
const server = spawn('node', ['tests/e2e/server.mjs', String(port)], { cwd: root, stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));
const results = [];
for (let i = 0; i < runs; i++) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: launchArgs });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`http://127.0.0.1:${port}/target-bench/site-${name}/`);
  const readyMs = await waitReady(page, 600_000);
  await page.waitForTimeout(300);
  // A query typed whole, from typing to its answer.
  const answered = async (q) => {
    const t = performance.now();
    await page.getByTestId('search-input').fill(q);
    await page.waitForFunction(
      () => document.querySelector('[data-testid=results]')?.getAttribute('aria-busy') === 'false',
      null,
      { timeout: 120_000, polling: 5 },
    );
    return performance.now() - t;
  };
  const queryMs = await answered('peace treaty ');
  // Another, new words, once the words file is in.
  const laterMs = await answered('congress tariff ');
  const rss = execSync("ps -eo rss,args | grep -- '--type=renderer' | grep -v grep | awk '{print $1}'")
    .toString()
    .trim()
    .split('\n')
    .map(Number);
  const tabMb = Math.max(...rss) / 1024;
  results.push({ readyMs, queryMs, laterMs, tabMb });
  log(`run ${i + 1}: ready ${ms(readyMs)}, query ${ms(queryMs)} then ${ms(laterMs)}, tab ${tabMb.toFixed(0)} MB\n`);
  await browser.close();
}
server.kill();

const readyMs = median(results.map((r) => r.readyMs));
const queryMs = median(results.map((r) => r.queryMs));
const laterMs = median(results.map((r) => r.laterMs));
const wordsBytes = statSync(join(site, 'corpus.chronicle.index', 'words.bin')).size;
const tabMb = median(results.map((r) => r.tabMb));
const yes = (ok) => (ok ? 'yes' : '**no**');
const section = [
  '<!-- million:start -->',
  `### A million documents (#10): \`${name}\`, ${mb(corpusBytes)} of JSON`,
  '',
  `Measured by \`bench/million.mjs\` (\`cargo xtask bench --million\`) on ${new Date().toISOString().slice(0, 10)}, median of ${runs} runs, headless Chromium, loopback server. The generated speeches (seeded, \`xtask/src/generate.rs\`) built as a site: the archive file ${mb(archiveBytes)} (the document table, fetched before the archive shows), the words file ${mb(wordsBytes)} (the dictionary with each word's document count, fetched once the archive shows), the postings in index shards and the text in text shards beside it, fetched by query.`,
  '',
  '| goal | measured | met |',
  '|---|---|---|',
  `| built in ≤ 60 s | ${secs(buildMs)} (2 cores${buildPeakMb ? `, peak ${(buildPeakMb / 1024).toFixed(1)} GB of memory` : ''}) | ${yes(buildMs <= 60_000)} |`,
  `| ready in ≤ 1 s | ${secs(readyMs)} | ${yes(readyMs <= 1000)} |`,
  `| the first query answered in ≤ 300 ms | ${ms(queryMs)} typed 0.3 s after ready (\`peace treaty\`, waiting for the words file); the next, new words (\`congress tariff\`), ${ms(laterMs)} | ${queryMs <= 300 ? 'yes' : '**no**'} |`,
  `| the tab under 300 MB | ${tabMb.toFixed(0)} MB (its renderer process) | ${yes(tabMb < 300)} |`,
  '',
  "Ready is now the document table fetched and read whole (ids, titles, dates, metadata and where each text is, for a million documents), and memory that table with the dictionary. Meeting the goals needs those split too (a manifest, the facets' columns up front, titles fetched for the rows shown, the dictionary by prefix), which is not built.",
  '<!-- million:end -->',
].join('\n');
console.log(section);
const path = join(root, 'BENCHMARKS.md');
const doc = readFileSync(path, 'utf8');
const re = /<!-- million:start -->[\s\S]*<!-- million:end -->/;
writeFileSync(path, re.test(doc) ? doc.replace(re, section) : doc.replace('<!-- prebuilt:end -->', `<!-- prebuilt:end -->\n\n${section}`));
