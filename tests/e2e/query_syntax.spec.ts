// The query language: phrases, exclusions, OR, fields, dates, and parts not understood.
// See: #3
import { test, expect, openArchive, search, resultCount } from './helpers';

test('a quoted phrase needs the words in order', async ({ page }) => {
  await openArchive(page);
  await search(page, 'political process ');
  const words = await resultCount(page);
  await search(page, '"political process"');
  const phrase = await resultCount(page);
  expect(phrase).toBeGreaterThan(0);
  expect(phrase).toBeLessThan(words);
  await expect(page.getByTestId('result-title').filter({ hasText: 'Coalition' })).toHaveCount(1);
});

test('minus excludes and OR widens', async ({ page }) => {
  await openArchive(page);
  await search(page, 'idlib -coalition ');
  expect(await resultCount(page)).toBe(0);
  await search(page, 'syria ');
  const syria = await resultCount(page);
  await search(page, 'idlib ');
  const idlib = await resultCount(page);
  await search(page, 'syria OR idlib ');
  expect(await resultCount(page)).toBeGreaterThanOrEqual(Math.max(syria, idlib));
});

test('field and date filters', async ({ page }) => {
  await openArchive(page);
  await search(page, 'source:"Abraham Lincoln"');
  expect(await resultCount(page)).toBe(4);
  await expect(page.getByTestId('result-item').first()).toContainText('Abraham Lincoln');
  await search(page, 'date:1861..1865 ');
  expect(await resultCount(page)).toBe(5);
  await search(page, 'before:1800 ');
  expect(await resultCount(page)).toBe(10);
  await search(page, 'after:2018-10-16 agency:ark ');
  expect(await resultCount(page)).toBe(1);
  await search(page, 'title:coalition ');
  expect(await resultCount(page)).toBe(1);
});

test('what is not understood is shown, and the rest is still searched', async ({ page }) => {
  await openArchive(page);
  await search(page, 'idlib date:18xx');
  const ignored = page.getByTestId('query-ignored');
  await expect(ignored).toBeVisible();
  await expect(ignored.locator('del')).toHaveText('date:18xx');
  await expect(ignored).toContainText('is not a date');
  expect(await resultCount(page)).toBe(1);
  await search(page, 'idlib');
  await expect(ignored).toBeHidden();
});

test('the syntax help opens from the search box', async ({ page }) => {
  await openArchive(page);
  await page.getByTestId('query-help-button').click();
  const help = page.getByTestId('query-help');
  await expect(help).toBeVisible();
  await expect(help).toContainText('date:1861..1865');
  await expect(help).toContainText('source:"Abraham Lincoln"');
  await help.getByRole('button', { name: 'Close' }).click();
  await expect(help).toHaveCount(0);
});
