// The results of a view (its query, facets and range) export as CSV, as JSON that opens
// again in Chronicle, and as BibTeX and RIS reference lists; a large export shows its
// progress while the page goes on answering. See: #12
import { readFileSync } from 'node:fs';
import { test, expect, openArchive, search, resultCount, settled } from './helpers';
import type { Page } from '@playwright/test';

/** Exports the current view in `format`; returns the downloaded file's name, text and
 * where it was saved (under its own name, as the browser would save it). */
async function exportAs(page: Page, format: string): Promise<{ name: string; text: string; path: string }> {
  await page.getByTestId('export-button').click();
  const downloading = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByTestId(`export-${format}`).click();
  const download = await downloading;
  const name = download.suggestedFilename();
  const path = test.info().outputPath(name);
  await download.saveAs(path);
  return { name, text: readFileSync(path, 'utf8'), path };
}

test('the results of a search export as CSV, BibTeX and RIS, one entry per result', async ({ page }) => {
  await openArchive(page);
  await search(page, 'coalition ');
  const n = await resultCount(page);
  expect(n).toBeGreaterThan(10);

  const csv = await exportAs(page, 'csv');
  expect(csv.name).toBe('chronicle-results.csv');
  const header = csv.text.replace(/^\uFEFF/, '').split('\r\n')[0];
  expect(header).toBe('id,title,date,source,agency,tags,people,places,organizations,language,url,meta,body');
  // One row per result (bodies may hold line breaks inside quotes: count the ids).
  const rows = csv.text.split('\r\n').filter((l) => /^(press-release|sotu)-/.test(l));
  expect(rows.length).toBe(n);
  expect(csv.text).toContain('press-release-2018-10-17,');
  expect(csv.text).toContain(',Syrian Coalition,ARK News,');

  const bib = await exportAs(page, 'bibtex');
  expect(bib.name).toBe('chronicle-results.bib');
  expect(bib.text.match(/^@misc\{/gm)?.length).toBe(n);
  expect(bib.text).toContain('  author = {{Syrian Coalition (ARK News)}},');

  const ris = await exportAs(page, 'ris');
  expect(ris.name).toBe('chronicle-results.ris');
  expect(ris.text.match(/^TY  - GEN\r$/gm)?.length).toBe(n);
  expect(ris.text.match(/^ER  - \r$/gm)?.length).toBe(n);
  expect(ris.text).toContain('UR  - http://127.0.0.1');
  expect(ris.text).toContain('#doc=press-release-2018-10-17\r\n');
});

test('the JSON export is a corpus: it opens again in Chronicle with the same documents', async ({ page }) => {
  // A search narrowed by a facet: the export holds exactly what the view shows.
  await openArchive(page, './#q=war&f.source=Abraham+Lincoln');
  await settled(page);
  const n = await resultCount(page);
  expect(n).toBe(4);
  const json = await exportAs(page, 'json');
  expect(json.name).toBe('chronicle-results.json');
  const corpus = JSON.parse(json.text);
  expect(corpus.format).toBe('chronicle-corpus');
  expect(corpus.documents.map((d: any) => d.source)).toEqual(Array(4).fill('Abraham Lincoln'));
  // Opened as the reader's own file: the same four documents, searchable.
  await page.getByTestId('open-archive').setInputFiles(json.path);
  await expect(page.getByTestId('result-count')).toContainText('4 documents');
  await search(page, 'emancipation ');
  expect(await resultCount(page)).toBeGreaterThan(0);
});

test('exporting 10,000 documents shows its progress and the page keeps answering', async ({ page }) => {
  await openArchive(page, './fixtures/sotu-10k/');
  await settled(page);
  const total = await resultCount(page);
  expect(total).toBe(10000);
  // Every status the export shows, recorded as it changes (an export that runs fast is
  // over before a poll would see it).
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as any).__statuses = seen;
    new MutationObserver(() => {
      const status = document.querySelector('.export__status');
      if (status && status.textContent) seen.push(status.textContent);
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  await page.getByTestId('export-button').click();
  const downloading = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByTestId('export-json').click();
  const progress = page.getByTestId('export-progress');
  await expect(progress).toBeVisible();
  await expect
    .poll(() => page.evaluate(() => (window as any).__statuses as string[]))
    .toContainEqual(expect.stringMatching(/Exporting [\d,]+ of 10,000 documents/));
  // While it runs, a search is still answered.
  await search(page, 'congress ');
  expect(await resultCount(page)).toBeGreaterThan(0);
  const download = await downloading;
  const corpus = JSON.parse(readFileSync(await download.path(), 'utf8'));
  // The export holds the view it was asked for (all 10,000), not the search typed since.
  expect(corpus.documents.length).toBe(10000);
  await expect(progress).toHaveCount(0);
});

test('a built site exports the text it keeps in shards, fetched for the export', async ({ page }) => {
  await page.goto('./site/#q=idlib');
  await settled(page);
  const json = await exportAs(page, 'json');
  const corpus = JSON.parse(json.text);
  expect(corpus.documents.length).toBe(await resultCount(page));
  const seed = corpus.documents.find((d: any) => d.id === 'press-release-2018-10-17');
  // The body came from the text shards, whole.
  expect(seed.body).toContain('Idlib');
  expect(seed.body.length).toBeGreaterThan(2000);
});

test('the CSV export opens again with every list value in its place', async ({ page }) => {
  await openArchive(page, './fixtures/lists/');
  const csv = await exportAs(page, 'csv');
  expect(csv.text).toContain('Geneva; UN; Talks');
  await page.getByTestId('open-archive').setInputFiles(csv.path);
  await expect(page.getByTestId('result-count')).toContainText('3 documents');
  await settled(page);
  const tags = page.locator('[data-testid="facet-group"][data-facet="tag"]');
  const count = (v: string) => tags.locator(`[data-testid="facet-item"][data-value="${v}"]`);
  await expect(count('UN')).toHaveAttribute('data-count', '2');
  await expect(count('Talks')).toHaveAttribute('data-count', '2');
  await expect(count('Geneva')).toHaveAttribute('data-count', '1');
  await expect(tags.locator('[data-testid="facet-item"]')).toHaveCount(4);
  // A source is one value, semicolons and all.
  const sources = page.locator('[data-testid="facet-group"][data-facet="source"]');
  await expect(sources.locator('[data-testid="facet-item"][data-value="ARK News; Desk"]')).toHaveAttribute('data-count', '1');
});
