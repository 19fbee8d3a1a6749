// A site written by `chronicle build` (dist-site/: the demo corpus, prebuilt) opens its
// archive without the JSON, answers exactly as the JSON version does, and refuses a
// damaged or foreign archive with a clear message.
// See: #10
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, openArchive, search, resultCount, settled } from './helpers';

const archivePath = join(__dirname, '../../dist-site/corpus.chronicle');
// The same archive with its text inside (chronicle build --single-file).
const singlePath = join(__dirname, '../../dist-offline/single/corpus.chronicle');

/** What the reader sees for a query: the count, the first titles, the source facet. */
async function seen(page: import('@playwright/test').Page, q: string) {
  await search(page, q);
  return {
    count: await resultCount(page),
    titles: await page.getByTestId('result-title').evaluateAll((els) => els.slice(0, 8).map((e) => e.textContent)),
    facets: await page.getByTestId('facet-item').evaluateAll((els) => els.slice(0, 12).map((e) => e.textContent)),
    snippets: await page.locator('.result-card__snippet').evaluateAll((els) => els.slice(0, 8).map((e) => e.textContent)),
  };
}

test('the built site fetches the prebuilt archive, the index shards of the words searched and the text it shows, and answers as the JSON does', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await openArchive(page, './site/');
  expect(fetched).toContain('/site/corpus.chronicle');
  expect(fetched.filter((p) => p.endsWith('.json'))).toEqual([]);
  // The postings are in index shards beside it: listing the whole archive, with its
  // facets and timeline, needs none.
  const indexShards = readdirSync(join(__dirname, '../../dist-site/corpus.chronicle.index'));
  const isShard = (p: string) => /^\/site\/corpus\.chronicle\.index\/\d{5}\.bin$/.test(p);
  const indexFetched = () => [...new Set(fetched.filter(isShard))];
  expect(indexShards.length).toBeGreaterThan(20);
  expect(indexFetched()).toEqual([]);
  // The dictionary is beside it too (the words file): fetched once, after the archive,
  // for the first query.
  const wordsFile = '/site/corpus.chronicle.index/words.bin';
  expect(indexShards).toContain('words.bin');
  await expect.poll(() => fetched.filter((p) => p === wordsFile).length).toBe(1);
  expect(fetched.indexOf(wordsFile)).toBeGreaterThan(fetched.indexOf('/site/corpus.chronicle'));
  // The text is in shards beside the archive: the first page of results fetched a few.
  const shards = readdirSync(join(__dirname, '../../dist-site/corpus.chronicle.text'));
  const textFetched = () => new Set(fetched.filter((p) => p.startsWith('/site/corpus.chronicle.text/'))).size;
  expect(shards.length).toBeGreaterThan(20);
  expect(textFetched()).toBeGreaterThan(0);
  expect(textFetched()).toBeLessThan(shards.length / 2);
  // One document found (the whole query pasted at once): its text, and no more, is
  // fetched for its snippet.
  const before = textFetched();
  await page.getByTestId('search-input').fill('idlib');
  await expect(page.getByTestId('result-count')).toContainText('1 document');
  await settled(page);
  expect(textFetched() - before).toBeLessThanOrEqual(1);
  // The word's postings (its own, its forms', its completions' and its typo forms'):
  // a few shards, each a file of the index folder, fetched once.
  const forIdlib = indexFetched();
  expect(forIdlib.length).toBeGreaterThan(0);
  expect(forIdlib.length).toBeLessThanOrEqual(4);
  for (const p of forIdlib) expect(indexShards).toContain(p.split('/').pop());
  expect(fetched.filter(isShard).length).toBe(forIdlib.length);
  expect(fetched.filter((p) => p === wordsFile).length).toBe(1);
  // Searched again, nothing more is fetched: the shards stay for the visit.
  await page.getByTestId('search-input').fill('');
  await settled(page);
  await page.getByTestId('search-input').fill('idlib');
  await expect(page.getByTestId('result-count')).toContainText('1 document');
  expect(indexFetched()).toEqual(forIdlib);
  await openArchive(page, './site/');
  const built: unknown[] = [];
  for (const q of ['idlib', 'negotiaton', 'source:coalition', '"political process"']) built.push(await seen(page, q));

  await openArchive(page, './');
  const json: unknown[] = [];
  for (const q of ['idlib', 'negotiaton', 'source:coalition', '"political process"']) json.push(await seen(page, q));
  expect(built).toEqual(json);
  expect((built[0] as { count: number }).count).toBeGreaterThan(0);
});

test('a word typed before the words file has come waits for it, then is answered', async ({ page }) => {
  // The words file comes late (a slow host): the documents are listed before it.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/site/corpus.chronicle.index/words.bin', async (route) => {
    await held;
    await route.continue();
  });
  await openArchive(page, './site/');
  const all = await resultCount(page);
  expect(all).toBeGreaterThan(200);
  await page.getByTestId('search-input').fill('idlib');
  // Waiting, not answered with nothing.
  await page.waitForTimeout(500);
  await expect(page.getByTestId('results')).toHaveAttribute('aria-busy', 'true');
  // (The count shown is still the whole archive's: no empty answer was given.)
  const shown = await page.getByTestId('result-count').innerText();
  expect(Number(shown.match(/[\d,]+/)?.[0].replace(/,/g, ''))).toBe(all);
  release();
  await expect(page.getByTestId('result-count')).toContainText('1 document');
  await expect(page.getByTestId('results')).toHaveAttribute('aria-busy', 'false');
});

test('a prebuilt archive opens a document and keeps its title', async ({ page }) => {
  await openArchive(page, './site/');
  await expect(page.getByTestId('archive-title')).toHaveText(/State of the Union/);
  await search(page, 'idlib');
  await page.getByTestId('result-title').first().click();
  await expect(page.getByTestId('document-view')).toContainText('Idlib');
});

test('a .chronicle file picked by the reader opens like a corpus, text and all', async ({ page }) => {
  await openArchive(page);
  const before = await resultCount(page);
  await page.getByTestId('open-archive').setInputFiles({
    name: 'archive.chronicle',
    mimeType: 'application/octet-stream',
    buffer: readFileSync(singlePath),
  });
  await expect(page.getByTestId('archive-title')).toHaveText(/State of the Union/);
  await expect(page.getByTestId('load-progress')).toHaveCount(0);
  expect(await resultCount(page)).toBe(before);
  await search(page, 'idlib');
  expect(await resultCount(page)).toBe(1);
  await expect(page.locator('.result-card__snippet').first()).toContainText('Idlib');
  await page.getByTestId('result-title').first().click();
  await expect(page.getByTestId('document-view')).toContainText('Syrian Coalition');
});

test('a site archive picked as a file, without its text and index folders, says what is missing', async ({ page }) => {
  await openArchive(page);
  const all = await resultCount(page);
  await page.getByTestId('open-archive').setInputFiles({
    name: 'corpus.chronicle',
    mimeType: 'application/octet-stream',
    buffer: readFileSync(archivePath),
  });
  await expect(page.getByTestId('archive-title')).toHaveText(/State of the Union/);
  const problems = page.locator('.problems__list');
  await expect(problems).toContainText('keeps the text of its documents in a folder beside it');
  await expect(problems).toContainText('keeps its search index in a folder beside it');
  // Every document is listed, with facets; a search finds nothing, as said.
  expect(await resultCount(page)).toBe(all);
  await search(page, 'idlib');
  expect(await resultCount(page)).toBe(0);
});

test('a script-tag embed and an iframe can point at a prebuilt archive', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto('./static/fixtures/hosts/prebuilt-embed.html');
  const embed = page.locator('#embed');
  await expect(embed.getByTestId('result-count')).toContainText('1 document');
  const frame = page.frameLocator('#frame');
  await expect(frame.getByTestId('result-count')).toContainText('1 document');
  await embed.getByTestId('result-title').first().click();
  await expect(embed.getByTestId('document-view')).toContainText('Syrian Coalition');
  expect(fetched.filter((p) => p.endsWith('corpus.chronicle')).length).toBe(2);
  expect(fetched.filter((p) => p.endsWith('.json'))).toEqual([]);
});

test.describe('when the archive is damaged', () => {
  test.use({ allowConsoleErrors: true });

  test('a cut-short archive says so', async ({ page }) => {
    const bytes = readFileSync(archivePath);
    await page.route('**/site/corpus.chronicle', (route) =>
      route.fulfill({ body: bytes.subarray(0, Math.floor(bytes.length / 2)), contentType: 'application/octet-stream' }),
    );
    await page.goto('./site/');
    await expect(page.getByTestId('corpus-error')).toContainText('the archive is cut short');
  });

  test('an index shard that cannot be fetched leaves its words out, and the page answers', async ({ page }) => {
    const failed: string[] = [];
    page.on('console', (m) => m.type() === 'error' && failed.push(m.text()));
    await page.route(/\/site\/corpus\.chronicle\.index\/\d{5}\.bin$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
    await openArchive(page, './site/');
    const all = await resultCount(page);
    await search(page, 'idlib');
    // Answered (not left waiting), with no documents for the word whose postings are
    // missing, and the console says which shard and why.
    expect(await resultCount(page)).toBe(0);
    expect(failed.join('\n')).toMatch(/could not load the index in .*corpus\.chronicle\.index\/\d{5}\.bin: the server answered 404/);
    await search(page, '');
    expect(await resultCount(page)).toBe(all);
  });

  test('a words file that cannot be fetched is said, and the documents stay browsable', async ({ page }) => {
    const failed: string[] = [];
    page.on('console', (m) => m.type() === 'error' && failed.push(m.text()));
    await page.route('**/site/corpus.chronicle.index/words.bin', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await openArchive(page, './site/');
    const all = await resultCount(page);
    expect(all).toBeGreaterThan(200);
    // The reader is told that a search finds nothing, and why.
    const problems = page.locator('.problems__list');
    await expect(problems).toContainText('the search index could not be loaded, so a search finds nothing');
    await expect(problems).toContainText('words.bin: the server answered 404');
    await search(page, 'idlib');
    expect(await resultCount(page)).toBe(0);
    expect(failed.join('\n')).toMatch(/could not load the search index in .*words\.bin: the server answered 404/);
    // Facets and the timeline still narrow the whole archive.
    await search(page, '');
    expect(await resultCount(page)).toBe(all);
    await page.getByTestId('facet-item').first().click();
    await settled(page);
    expect(await resultCount(page)).toBeLessThan(all);
  });

  test('a damaged words file is said, never a hang', async ({ page }) => {
    const words = Buffer.from(readFileSync(join(__dirname, '../../dist-site/corpus.chronicle.index/words.bin')));
    await page.route('**/site/corpus.chronicle.index/words.bin', (route) =>
      route.fulfill({ body: words.subarray(0, words.length - 100), contentType: 'application/octet-stream' }),
    );
    await openArchive(page, './site/');
    await search(page, 'idlib');
    expect(await resultCount(page)).toBe(0);
    await expect(page.locator('.problems__list')).toContainText('dictionary shard words.bin cannot be read');
  });

  test('an archive of another format version is refused by name', async ({ page }) => {
    const bytes = Buffer.from(readFileSync(archivePath));
    bytes.writeUInt32LE(99, 8);
    await page.route('**/site/corpus.chronicle', (route) =>
      route.fulfill({ body: bytes, contentType: 'application/octet-stream' }),
    );
    await page.goto('./site/');
    await expect(page.getByTestId('corpus-error')).toContainText('format version 99');
  });
});

test('the engine worker starts with the page, before the page has started its own code, and is the only worker a built site runs', async ({ page }) => {
  const started: string[] = [];
  page.on('worker', (w) => started.push(new URL(w.url()).pathname));
  // When the first worker is made, and when the app mounts (its root element appears:
  // the page's own code has started).
  await page.addInitScript(() => {
    const w = window as unknown as { Worker: typeof Worker; workerAt?: number };
    const Original = w.Worker;
    const Counted = function (this: unknown, ...args: ConstructorParameters<typeof Worker>) {
      w.workerAt ??= performance.now();
      return new Original(...args);
    } as unknown as typeof Worker;
    Counted.prototype = Original.prototype;
    w.Worker = Counted;
    new MutationObserver((_, observer) => {
      if (document.querySelector('.chronicle')) {
        (window as unknown as { mountedAt: number }).mountedAt = performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await openArchive(page, './site/');
  await search(page, 'idlib');
  expect(await resultCount(page)).toBe(1);
  // One worker: the one the start-up script started (taken by the app, not a second).
  expect(started).toEqual(['/site/chronicle-worker.js']);
  expect(await page.evaluate(() => (window as unknown as { chronicleRuntime: { spareWorker?: unknown } }).chronicleRuntime.spareWorker)).toBeUndefined();
  // It was made before the app mounted.
  const { workerAt, mountedAt } = await page.evaluate(() => {
    const w = window as unknown as { workerAt: number; mountedAt: number };
    return { workerAt: w.workerAt, mountedAt: w.mountedAt };
  });
  expect(workerAt).toBeGreaterThan(0);
  expect(mountedAt).toBeGreaterThan(0);
  expect(workerAt).toBeLessThan(mountedAt);
});

test('the words file is fetched once the page has painted the archive, even when that paint is slow', async ({ page }) => {
  // A slow machine: the first paint of the archive holds the page for 800 ms.
  await page.addInitScript(() => {
    const w = window as unknown as { shownAt?: number; busyUntil?: number };
    new MutationObserver((_, observer) => {
      const count = document.querySelector('[data-testid=result-count]');
      if (count && /\d/.test(count.textContent || '') && !document.querySelector('[data-testid=load-progress]')) {
        observer.disconnect();
        w.shownAt = Date.now();
        while (Date.now() - w.shownAt < 800) {}
        w.busyUntil = Date.now();
      }
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  let wordsAt = 0;
  page.on('request', (r) => {
    if (r.url().endsWith('/corpus.chronicle.index/words.bin')) wordsAt ||= Date.now();
  });
  await openArchive(page, './site/');
  await expect.poll(() => wordsAt).toBeGreaterThan(0);
  const busyUntil = await page.evaluate(() => (window as unknown as { busyUntil: number }).busyUntil);
  expect(busyUntil).toBeGreaterThan(0);
  expect(wordsAt).toBeGreaterThanOrEqual(busyUntil);
  // And a search works as ever.
  await search(page, 'idlib');
  expect(await resultCount(page)).toBe(1);
});
