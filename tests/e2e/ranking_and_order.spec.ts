// Results are ranked by relevance (title words count most, words standing together
// before words far apart), and can be ordered by date; the order is kept in the URL.
// See: #3, #12
import { test, expect, openArchive, search, resultCount } from './helpers';

test('a word in the title ranks above the same word in the text', async ({ page }) => {
  await openArchive(page);
  await search(page, 'coalition ');
  // 19 documents have the word; more have words two typos away ("collision").
  expect(await resultCount(page)).toBeGreaterThanOrEqual(19);
  await expect(page.getByTestId('result-title').first()).toContainText('The Coalition with the presence');
});

test('words typed together find the passage where they stand together', async ({ page }) => {
  await openArchive(page);
  // The title of the seed press release says "Political Process"; 32nd before the
  // ranking knew where words are, among many addresses that use both words apart.
  await search(page, 'political process ');
  expect(await resultCount(page)).toBeGreaterThan(20);
  await expect(page.getByTestId('result-title').first()).toContainText('UN-led Political Process');
  // The seed's title pasted whole finds it first too.
  await search(page, 'Coalition meet US Envoy to Discusses Ways to Reinvigorate ');
  await expect(page.getByTestId('result-title').first()).toContainText('UN-led Political Process');
});

test('newest and oldest orders, kept in the URL and restored by a link', async ({ page }) => {
  await openArchive(page);
  await search(page, 'union ');
  const sort = page.getByTestId('sort-select');
  await expect(sort).toHaveValue('relevance');
  await sort.selectOption('newest');
  await expect(page).toHaveURL(/sort=newest/);
  await expect(page.getByTestId('result-item').first()).toContainText('2021');
  await sort.selectOption('oldest');
  await expect(page.getByTestId('result-item').first()).toContainText('1790');
  await page.reload();
  await expect(page.getByTestId('sort-select')).toHaveValue('oldest');
  await expect(page.getByTestId('result-item').first()).toContainText('1790');
  await page.goBack();
  await expect(page.getByTestId('sort-select')).toHaveValue('newest');
});
