// A reader searches for "Idlib" and finds the seed press release. See: #2
import { test, expect, openArchive, search, resultCount } from './helpers';

test('search for "Idlib" finds the seed article, with the word marked', async ({ page }) => {
  await openArchive(page);
  await search(page, 'Idlib');
  await expect(page.getByTestId('result-count')).toContainText('1 document');
  const items = page.getByTestId('result-item');
  await expect(items).toHaveCount(1);
  await expect(items.first().getByTestId('result-title')).toContainText(
    'The Coalition with the presence of the National Council’s representative',
  );
  await expect(items.first()).toContainText('17 Oct 2018');
  await expect(items.first()).toContainText('Syrian Coalition');
  await expect(items.first().locator('mark').first()).toHaveText(/idlib/i);
});

test('search is case-insensitive and needs every word', async ({ page }) => {
  await openArchive(page);
  await search(page, 'IDLIB agreement');
  expect(await resultCount(page)).toBe(1);
  await search(page, 'idlib slavery');
  expect(await resultCount(page)).toBe(0);
  await expect(page.getByText('Nothing matches')).toBeVisible();
});

test('results update while typing, the last word as a prefix', async ({ page }) => {
  await openArchive(page);
  const input = page.getByTestId('search-input');
  await input.click();
  // "idl" is a prefix of idle, idleness… in 38 documents; "idli" only of Idlib.
  await input.pressSequentially('idl');
  await expect(page.getByTestId('result-count')).toContainText('38 documents');
  await input.pressSequentially('i');
  await expect(page.getByTestId('result-count')).toContainText('1 document');
  await input.press('Backspace');
  await input.press('Backspace');
  await expect.poll(() => resultCount(page)).toBeGreaterThan(38);
});
