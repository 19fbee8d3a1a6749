// A keystroke redraws what changed in the results, in place: a result row is a place in
// the list, kept while the list has it, and what it shows follows the answer (its
// document, marks, passage, link). See: #9 (render only what changed)
import { test, expect, openArchive, search } from './helpers';

test('typing redraws result rows in place, and each row stays true to its document', async ({ page }) => {
  await openArchive(page);
  const first = page.getByTestId('result-item').first();
  await search(page, 'congres');
  // Tag the element at the first place: a row drawn anew would not have the tag.
  await first.evaluate((el) => ((el as any).__place = 'first'));
  const before = await first.getAttribute('data-doc-id');
  await page.getByTestId('search-input').pressSequentially('s');
  await expect(page.getByTestId('results')).toHaveAttribute('aria-busy', 'false');
  await expect(first.locator('.result-card__title mark, .result-card__snippet mark').first()).toHaveText(/congress/i);
  expect(await first.evaluate((el) => (el as any).__place)).toBe('first');

  // Another query puts another document at that place: the same element shows it, with
  // its own title, link and marks, and opens it.
  await search(page, 'washington');
  expect(await first.evaluate((el) => (el as any).__place)).toBe('first');
  const after = await first.getAttribute('data-doc-id');
  expect(after).not.toBe(before);
  await expect(first.locator('mark').first()).toHaveText(/washington/i);
  const href = await first.locator('a').getAttribute('href');
  expect(decodeURIComponent(href ?? '')).toContain(after!);
  const title = (await first.getByTestId('result-title').innerText()).trim();
  await first.locator('a').click();
  await expect(page.getByTestId('document-title')).toHaveText(title);
});
