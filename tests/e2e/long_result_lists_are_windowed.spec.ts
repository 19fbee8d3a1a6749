// Ten thousand results keep the page light: only the rows in view exist. See: #3
import { test, expect, resultCount } from './helpers';

test('10,000 results render a window of rows, all the way to the end', async ({ page }) => {
  await page.goto('./fixtures/sotu-10k/');
  await expect(page.getByTestId('result-count')).toContainText('10,000 documents');
  const items = page.getByTestId('result-item');
  expect(await items.count()).toBeLessThan(40);
  await expect(items.first()).toHaveAttribute('aria-setsize', '10000');
  const scroller = page.locator('.results__scroller');
  await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(page.locator('[aria-posinset="10000"]')).toBeVisible();
  expect(await items.count()).toBeLessThan(40);
  // A search over them is still windowed.
  await page.getByTestId('search-input').fill('union');
  await expect(page.getByTestId('result-count')).toContainText('match');
  const matches = await resultCount(page);
  expect(matches).toBeGreaterThan(500);
  expect(matches).toBeLessThan(10_000);
  await expect(items.first()).toHaveAttribute('aria-setsize', String(matches));
  expect(await items.count()).toBeLessThan(40);
});
