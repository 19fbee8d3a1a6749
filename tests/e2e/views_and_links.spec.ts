// The chronology view, and links that carry facets, a range and the view. See: #4
import { test, expect, openArchive, resultCount } from './helpers';

test('a deep link restores facets, the date range and the chronology', async ({ page }) => {
  await page.goto('./#f.source=Abraham+Lincoln&range=1861..1862&view=chronology');
  await expect(page.getByTestId('result-count')).toContainText('2 documents');
  await expect(page.getByTestId('active-filter')).toHaveCount(2);
  const chronology = page.getByTestId('chronology');
  await expect(chronology).toBeVisible();
  await expect(chronology.locator('.chronology__year')).toHaveText([/^1861/, /^1862/]);
  await expect(
    page.locator('[data-facet="source"] [data-testid="facet-item"][data-value="Abraham Lincoln"] input'),
  ).toBeChecked();
  await page.reload();
  await expect(page.getByTestId('chronology')).toBeVisible();
  expect(await resultCount(page)).toBe(2);
});

test('the view toggle switches list and chronology, and Back undoes it', async ({ page }) => {
  await openArchive(page);
  const toggle = page.getByTestId('view-toggle');
  await toggle.getByRole('button', { name: 'Chronology' }).click();
  await expect(page.getByTestId('chronology')).toBeVisible();
  await expect(page).toHaveURL(/view=chronology/);
  // Oldest first, under year headings.
  await expect(page.locator('.chronology__year').first()).toContainText('1790');
  await page.goBack();
  await expect(page.getByTestId('chronology')).toHaveCount(0);
  await expect(page.getByTestId('result-item').first()).toBeVisible();
});

test('the chronology of 10,000 documents renders only what is in view', async ({ page }) => {
  // The whole archive (a partial one shows first while 16 MB load).
  await openArchive(page, './fixtures/sotu-10k/#view=chronology');
  const chronology = page.getByTestId('chronology');
  await expect(chronology).toBeVisible();
  const rows = page.getByTestId('chronology-item');
  expect(await rows.count()).toBeLessThan(60);
  await expect(page.locator('.chronology__year').first()).toContainText('1790');
  await chronology.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  // At the very end: the undated documents (471 of them in this corpus), still windowed.
  await expect(page.getByTestId('timeline-undated')).toHaveText('471 undated');
  await expect(rows.last()).toBeInViewport();
  await expect(rows.last().locator('.chronology__meta')).not.toContainText(/\d{4}/);
  expect(await rows.count()).toBeLessThan(60);
  await rows.last().locator('a').click();
  await expect(page.getByTestId('document-view')).toBeVisible();
});
