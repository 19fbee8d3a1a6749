// Facets: values of one facet widen (OR), facets narrow each other (AND), counts are
// cross-filtered, and chips remove choices. See: #4
import { test, expect, openArchive, resultCount } from './helpers';

test('choosing two sources shows the sum of their documents', async ({ page }) => {
  await openArchive(page);
  const sources = page.locator('[data-testid="facet-group"][data-facet="source"]');
  await expect(sources).toBeVisible();
  const lincoln = sources.locator('[data-testid="facet-item"][data-value="Abraham Lincoln"]');
  await sources.getByPlaceholder('Filter source…').fill('George');
  const washington = sources.locator('[data-testid="facet-item"][data-value="George Washington"]');
  await expect(washington).toHaveAttribute('data-count', '7');
  await washington.getByRole('checkbox').check();
  await sources.getByPlaceholder('Filter source…').fill('Lincoln');
  await expect(lincoln).toHaveAttribute('data-count', '4');
  await lincoln.getByRole('checkbox').check();
  expect(await resultCount(page)).toBe(7 + 4);
  // Cross-filtered: the source facet ignores its own choices, so counts stay.
  await expect(lincoln).toHaveAttribute('data-count', '4');
  await expect(page).toHaveURL(/f\.source=Abraham\+Lincoln/);
  const chips = page.getByTestId('active-filter');
  await expect(chips).toHaveCount(2);
  // Another facet narrows: only years of these two presidents are offered (all of them
  // shown), and their counts add up to the 11 documents.
  const yearGroup = page.locator('[data-testid="facet-group"][data-facet="year"]');
  const more = yearGroup.getByRole('button', { name: /Show more/ });
  if (await more.count()) await more.click();
  const years = yearGroup.locator('[data-testid="facet-item"]');
  await expect(years.first()).toBeVisible();
  const offered = await years.evaluateAll((items) =>
    items.map((i) => [Number(i.getAttribute('data-value')), Number(i.getAttribute('data-count'))]),
  );
  for (const [year] of offered) {
    expect((year >= 1789 && year <= 1797) || (year >= 1861 && year <= 1865), `year ${year}`).toBe(true);
  }
  expect(offered.reduce((n, [, count]) => n + count, 0)).toBe(11);
  // Chips remove one value, then everything.
  await chips.filter({ hasText: 'George Washington' }).getByRole('button').click();
  expect(await resultCount(page)).toBe(4);
  await page.getByTestId('clear-filters').click();
  expect(await resultCount(page)).toBe(234);
  await expect(page.getByTestId('active-filter')).toHaveCount(0);
});

test('facet counts follow the query', async ({ page }) => {
  await openArchive(page);
  await page.getByTestId('search-input').fill('idlib');
  const sources = page.locator('[data-testid="facet-group"][data-facet="source"] [data-testid="facet-item"]');
  await expect(sources).toHaveCount(1);
  await expect(sources.first()).toHaveAttribute('data-value', 'Syrian Coalition');
  await expect(sources.first()).toHaveAttribute('data-count', '1');
});

test('long facets show their top values, more on request', async ({ page }) => {
  await openArchive(page);
  const items = page.locator('[data-testid="facet-group"][data-facet="source"] [data-testid="facet-item"]');
  await expect(items).toHaveCount(8);
  await page.locator('[data-testid="facet-group"][data-facet="source"]').getByRole('button', { name: /Show more/ }).click();
  await expect(items).toHaveCount(44);
});
