// The view lives in the URL: deep links, reloads and Back/Forward restore it. See: #2
import { test, expect, openArchive, search } from './helpers';

test('a deep link opens the same query and document', async ({ page }) => {
  await page.goto('./#q=idlib&doc=press-release-2018-10-17');
  await expect(page.getByTestId('search-input')).toHaveValue('idlib');
  await expect(page.getByTestId('result-count')).toContainText('1 document');
  await expect(page.getByTestId('document-title')).toContainText('Reinvigorate UN-led');
  await expect(page.getByTestId('document-body').locator('mark').first()).toHaveText('Idlib');
  await page.reload();
  await expect(page.getByTestId('search-input')).toHaveValue('idlib');
  await expect(page.getByTestId('document-title')).toContainText('Reinvigorate UN-led');
});

test('Back and Forward walk through searches and opened documents', async ({ page }) => {
  await openArchive(page);
  await search(page, 'idlib');
  await page.getByTestId('result-title').first().click();
  await expect(page.getByTestId('document-view')).toBeVisible();

  await page.goBack();
  await expect(page.getByTestId('document-view')).toHaveCount(0);
  await expect(page.getByTestId('search-input')).toHaveValue('idlib');

  await page.goBack();
  await expect(page.getByTestId('search-input')).toHaveValue('');
  await expect(page.getByTestId('result-count')).toContainText('234');

  await page.goForward();
  await expect(page.getByTestId('search-input')).toHaveValue('idlib');
  await page.goForward();
  await expect(page.getByTestId('document-title')).toContainText('Reinvigorate UN-led');
});

test('a link to a document that does not exist says so', async ({ page }) => {
  await page.goto('./#doc=no-such-document');
  await expect(page.getByTestId('document-view')).toContainText('No document in this archive has the id');
  await expect(page.getByTestId('document-view')).toContainText('no-such-document');
});
