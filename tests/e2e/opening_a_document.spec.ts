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
