// Works anywhere: one file from disk, any sub-path, inside other sites, on a phone; the
// engine runs in a Web Worker in each of them. See: #5, #9
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { test, expect, openArchive, search, resultCount } from './helpers';

// The offline file holds a prebuilt archive; `chronicle bundle --json` holds the JSON.
for (const [kind, name] of [['prebuilt', 'chronicle.html'], ['JSON', 'chronicle-json.html']]) {
test(`the single file (${kind}) opens from file://, searches, opens a document, and asks the network for nothing`, async ({ page }) => {
  const offline = join(__dirname, '../../dist-offline', name);
  expect(existsSync(offline), `cargo xtask dist writes dist-offline/${name}`).toBe(true);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const started: string[] = [];
  page.on('worker', (w) => started.push(w.url()));
  const url = pathToFileURL(offline).href;
  await page.goto(url);
  await expect(page.getByTestId('result-count')).toContainText('234 documents', { timeout: 20_000 });
  await expect(page).toHaveTitle(/State of the Union/);
  // The engine runs in a worker (from a Blob URL: a file:// page may not start one from a
  // file).
  expect(page.workers().length).toBeGreaterThan(0);
  expect(page.workers().every((w) => w.url().startsWith('blob:'))).toBe(true);
  // A prebuilt archive is read, not indexed: the engine's worker alone. The JSON (11 MB)
  // is indexed with a helper worker per spare core.
  if (kind === 'prebuilt') expect(started).toHaveLength(1);
  else expect(started.length).toBeGreaterThan(1);
  await search(page, 'idlib');
  await expect(page.getByTestId('result-count')).toContainText('1 document');
  await page.getByTestId('result-title').first().click();
  await expect(page.getByTestId('document-view')).toContainText('Syrian Coalition');
  // Facets and the timeline work offline too.
  await expect(page.getByTestId('timeline')).toBeVisible();
  await expect(page.locator('[data-facet="source"] [data-testid="facet-item"]')).toHaveCount(1);
  // A deep link (the hash) restores the view from the file.
  await page.goto(`${url}#q=union&f.source=Abraham+Lincoln`);
  await page.reload();
  expect(await resultCount(page)).toBe(4);
  // Nothing but the file itself (and in-memory blob/data URLs) was requested.
  const network = requests.filter((u) => !u.startsWith('blob:') && !u.startsWith('data:') && u.split('#')[0] !== url);
  expect(network).toEqual([]);
  expect(statSync(offline).size).toBeLessThan(14_000_000);
});
}

test('dist/ works under a sub-path', async ({ page }) => {
  await page.goto('./sub/path/#q=idlib');
  await expect(page.getByTestId('result-count')).toContainText('1 document');
  await page.getByTestId('result-title').first().click();
  await expect(page).toHaveURL(/\/sub\/path\/#q=idlib&doc=/);
  await expect(page.getByTestId('document-view')).toContainText('Syrian Coalition');
});

test('in an iframe with #embed=1: compact, and fully working', async ({ page }) => {
  await page.goto('./static/fixtures/hosts/iframe.html');
  const frame = page.frameLocator('#archive');
  await expect(frame.getByTestId('result-count')).toContainText('1 document');
  await expect(frame.locator('.masthead__description')).toBeHidden();
  await frame.getByTestId('result-title').first().click();
  await expect(frame.getByTestId('document-title')).toContainText('Reinvigorate UN-led');
  // The host page's own URL is untouched.
  expect(new URL(page.url()).hash).toBe('');
});

test('an iframe 320 px wide fits, and #theme=dark applies inside it', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('./static/fixtures/hosts/iframe.html');
  const frame = page.frame({ url: /q=union/ })!;
  const narrow = page.frameLocator('#narrow');
  await expect(narrow.getByTestId('result-count')).toContainText('documents');
  expect(await frame.evaluate(() => document.documentElement.clientWidth)).toBeLessThanOrEqual(320);
  // Nothing sticks out sideways.
  expect(await frame.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  expect(await frame.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(18, 20, 22)');
  await narrow.getByTestId('search-input').fill('idlib');
  await expect(narrow.getByTestId('result-count')).toContainText('1 document');
  await narrow.getByTestId('result-title').first().click();
  await expect(narrow.getByTestId('document-view')).toContainText('Syrian Coalition');
  const box = (await narrow.getByTestId('document-view').boundingBox())!;
  const frameBox = (await page.locator('#narrow').boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(frameBox.x);
  expect(box.x + box.width).toBeLessThanOrEqual(frameBox.x + frameBox.width);
  // The wide frame next to it is unaffected.
  await expect(page.frameLocator('#archive').getByTestId('result-count')).toContainText('1 document');
});

test('two script-tag embeds with different corpora work independently, styles sealed off', async ({ page }) => {
  await page.goto('./static/fixtures/hosts/two-embeds.html');
  const first = page.locator('#first');
  const second = page.locator('#second');
  await expect(first.getByTestId('result-count')).toContainText('1 document');
  await expect(second.getByTestId('result-count')).toContainText('5 documents');
  await second.getByTestId('search-input').fill('harbour');
  await expect(second.getByTestId('result-count')).toContainText('2 documents');
  await expect(first.getByTestId('result-count')).toContainText('1 document');
  await first.getByTestId('result-title').first().click();
  await expect(first.getByTestId('document-view')).toContainText('Syrian Coalition');
  await expect(second.getByTestId('document-view')).toHaveCount(0);
  // State is scoped: the host page's hash is left alone.
  expect(new URL(page.url()).hash).toBe('');
  // The host's styles do not get in…
  const title = first.getByTestId('result-title').first();
  await expect(title).toBeVisible();
  expect(await title.evaluate((el) => getComputedStyle(el).color)).not.toBe('rgb(255, 0, 0)');
  // …the accent colour can be set from outside…
  expect(await title.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(200, 0, 100)');
  // …a forced dark theme applies to its own instance only…
  const bg = (loc: typeof first) => loc.locator('.chronicle').evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(await bg(second)).not.toBe(await bg(first));
  // …and Chronicle's styles do not get out.
  expect(await page.locator('#host-mark').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(0, 0, 0)');
  expect(await page.locator('#host-heading').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(255, 0, 0)');
});

test('a script-tag embed on another site than its files: the worker comes from a Blob URL', async ({ page, baseURL }) => {
  // The page is on http://localhost:PORT, Chronicle's files and corpus on 127.0.0.1:PORT.
  const host = new URL('static/fixtures/hosts/cross-origin.html', baseURL!.replace('127.0.0.1', 'localhost'));
  await page.goto(host.href);
  const archive = page.locator('#archive');
  await expect(archive.getByTestId('result-count')).toContainText('1 document');
  expect(page.workers().length).toBeGreaterThan(0);
  expect(page.workers().every((w) => w.url().startsWith('blob:'))).toBe(true);
  await archive.getByTestId('search-input').fill('union');
  await expect(archive.getByTestId('result-count')).toContainText(/\d+ documents match/);
  await archive.getByTestId('result-title').first().click();
  await expect(archive.getByTestId('document-view')).toBeVisible();
});

test('a 320 px wide screen is usable', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await openArchive(page);
  // Nothing sticks out sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await search(page, 'idlib');
  await expect(page.getByTestId('result-count')).toContainText('1 document');
  // Facets open as a drawer.
  await page.getByRole('button', { name: /^Filters/ }).click();
  await expect(page.locator('[data-facet="source"]')).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByTestId('result-title').first().click();
  const view = page.getByTestId('document-view');
  await expect(view).toBeVisible();
  const box = (await view.boundingBox())!;
  expect(box.width).toBeLessThanOrEqual(320);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('result-item').first()).toBeVisible();
});
