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

test('the URL follows the search box once typing pauses, and a search keeps its own entry', async ({ page }) => {
  await openArchive(page);
  const input = page.getByTestId('search-input');
  await input.click();
  // Typed key by key: the URL waits for a pause, then holds the whole query.
  await input.pressSequentially('union', { delay: 20 });
  await expect(page).toHaveURL(/#q=union$/);
  // A change right after typing (before the pause) still leaves the search its own
  // history entry: Back goes to the search, then to the start.
  await input.pressSequentially(' war', { delay: 20 });
  await page.getByTestId('sort-select').selectOption('newest');
  await expect(page).toHaveURL(/#q=union\+war&sort=newest$|#q=union%20war&sort=newest$/);
  await page.goBack();
  await expect(input).toHaveValue('union war');
  await expect(page.getByTestId('sort-select')).toHaveValue('relevance');
  await page.goBack();
  await expect(input).toHaveValue('');
});
