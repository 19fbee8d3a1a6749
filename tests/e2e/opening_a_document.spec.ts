// Opening a result shows the full document with its metadata and marked matches. See: #2
import { test, expect, openArchive, search } from './helpers';

test('opening the seed shows "Syrian Coalition", its metadata and every match', async ({ page }) => {
  await openArchive(page);
  await search(page, 'idlib');
  await page.getByTestId('result-title').first().click();
  const view = page.getByTestId('document-view');
  await expect(view).toBeVisible();
  await expect(page.getByTestId('document-title')).toContainText('Reinvigorate UN-led Political Process');
  await expect(view).toContainText('Syrian Coalition');
  await expect(view).toContainText('ARK News');
  await expect(view).toContainText('17 Oct 2018');
  const body = page.getByTestId('document-body');
  await expect(body.locator('p')).toHaveCount(14);
  // "Idlib" occurs four times in the body; each is marked.
  await expect(body.locator('mark')).toHaveCount(4);
  await expect(body.locator('mark').nth(3)).toHaveText('Idlib');
  await expect(page).toHaveURL(/#q=idlib&doc=press-release-2018-10-17$/);
});

test('Escape closes the document; / focuses the search; j and k step through results', async ({ page }) => {
  await openArchive(page);
  await page.keyboard.press('/');
  await expect(page.getByTestId('search-input')).toBeFocused();
  await page.keyboard.type('union');
  await page.getByTestId('result-count').click(); // leave the field
  await page.keyboard.press('j');
  const title = page.getByTestId('document-title');
  const first = await page.getByTestId('result-title').nth(0).innerText();
  const second = await page.getByTestId('result-title').nth(1).innerText();
  await expect(title).toHaveText(first);
  await page.keyboard.press('j');
  await expect(title).toHaveText(second);
  await page.keyboard.press('k');
  await expect(title).toHaveText(first);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('document-view')).toHaveCount(0);
});

test('an open document lists related documents; clicking one opens it, and Back returns', async ({ page }) => {
  await openArchive(page);
  await search(page, 'pearl harbor ');
  await page.getByTestId('result-title').filter({ hasText: '1942' }).click();
  await expect(page.getByTestId('document-title')).toHaveText('State of the Union Address, 1942 (Franklin D Roosevelt)');
  const related = page.getByTestId('related-item');
  await expect(related).toHaveCount(5);
  // Roosevelt's other wartime addresses come first, never the document itself.
  await expect(related.first()).toContainText('Franklin D Roosevelt');
  await expect(related.filter({ hasText: '1942' })).toHaveCount(0);
  const title = (await related.first().textContent())!.trim();
  await related.first().click();
  await expect(page.getByTestId('document-title')).toHaveText(title);
  await expect(page).toHaveURL(/doc=sotu-194[345]-franklin-d-roosevelt/);
  await page.goBack();
  await expect(page.getByTestId('document-title')).toHaveText('State of the Union Address, 1942 (Franklin D Roosevelt)');
  await expect(page).toHaveURL(/doc=sotu-1942-franklin-d-roosevelt/);
});

test('a document can be cited: the reference and BibTeX are copied, and print with it at the foot', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openArchive(page);
  await search(page, 'idlib');
  await page.getByTestId('result-title').first().click();
  await expect(page.getByTestId('document-title')).toContainText('Reinvigorate UN-led Political Process');
  await expect(page.getByTestId('citation-panel')).toHaveCount(0);
  await page.getByTestId('cite-button').click();
  await expect(page.getByTestId('cite-button')).toHaveAttribute('aria-expanded', 'true');
  const citation = page.getByTestId('citation');
  // Source and agency, title, date, the archive's title, and this view's permalink.
  await expect(citation).toContainText('Syrian Coalition (ARK News). “The Coalition with the presence');
  await expect(citation).toContainText('17 October 2018.');
  const archive = (await page.getByTestId('archive-title').textContent())!.trim();
  await expect(citation).toContainText(`In ${archive}.`);
  await expect(citation).toContainText('#q=idlib&doc=press-release-2018-10-17');
  await page.getByTestId('copy-citation').click();
  await expect(page.getByTestId('copy-status')).toHaveText('Citation copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe((await citation.textContent())!.trim());
  // The permalink reopens this view.
  const link = copied.match(/(http\S+#\S+?)(?: \(accessed|\.$)/)![1];
  await page.getByTestId('copy-bibtex').click();
  await expect(page.getByTestId('copy-status')).toHaveText('BibTeX copied');
  const bibtex = await page.evaluate(() => navigator.clipboard.readText());
  expect(bibtex).toMatch(/^@misc\{syrian2018coalition,\n  title = \{The Coalition with the presence/);
  expect(bibtex).toContain('  author = {{Syrian Coalition (ARK News)}},\n  year = {2018},\n  month = oct,\n');
  // On paper: the document alone, its reference at the foot.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('search-input')).toBeHidden();
  await expect(page.getByTestId('results')).toBeHidden();
  await expect(page.getByTestId('print-citation')).toBeVisible();
  await expect(page.getByTestId('print-citation')).toHaveText((await citation.textContent())!.trim());
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByTestId('print-citation')).toBeHidden();
  const other = await page.context().newPage();
  await other.goto(link);
  await expect(other.getByTestId('document-title')).toContainText('Reinvigorate UN-led Political Process');
});
