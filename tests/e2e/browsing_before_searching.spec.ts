// With an empty query the archive is browsable: every document, newest first. See: #2
import { test, expect, openArchive, resultCount } from './helpers';

test('an empty query lists every document, newest first, dates at their precision', async ({ page }) => {
  await openArchive(page);
  expect(await resultCount(page)).toBe(234);
  await expect(page.getByTestId('archive-title')).toHaveText(
    'State of the Union, 1790–2021, and a press release',
  );
  await expect(page).toHaveTitle(/State of the Union/);
  const items = page.getByTestId('result-item');
  await expect(items.nth(0)).toContainText('2021');
  await expect(items.nth(0).getByTestId('result-title')).toContainText('Joseph R Biden');
  // 2018 has a dated-to-the-day press release and a year-only speech: day precision shows.
  await expect(page.getByTestId('result-item').filter({ hasText: '17 Oct 2018' })).toHaveCount(1);
  // Only the rows in view (and a few more) are in the page, not 234.
  expect(await items.count()).toBeLessThan(40);
  // Scrolling to the end brings the oldest speech into view.
  await page.locator('.results__scroller').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(page.getByTestId('result-title').filter({ hasText: '1790' }).first()).toBeVisible();
  expect(await items.count()).toBeLessThan(40);
});
