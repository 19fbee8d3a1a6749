// Real archives hold the same document more than once (a mail filed in three folders, a
// release carried by several feeds). Copies with the same title, text and date fold into
// the first in the list, which says how many it holds; the count, facets and timeline
// still count every document; one press lists them all (kept in the link); an open
// document names its copies, and each opens. See: #9 (real archives)
import { test, expect, openArchive, search, resultCount, settled } from './helpers';

test('copies fold into one result, can be shown, and are named by the open document', async ({ page }) => {
  await openArchive(page, './fixtures/copies/');
  await search(page, 'ceasefire');
  // Five documents match: three are one mail in three folders.
  expect(await resultCount(page)).toBe(5);
  const items = page.getByTestId('result-item');
  await expect(items).toHaveCount(3);
  const folded = items.filter({ has: page.getByTestId('result-copies') });
  await expect(folded).toHaveCount(1);
  await expect(folded.getByTestId('result-copies')).toHaveText('+2 identical copies');
  // The same mail a week later is not a copy.
  await expect(items.filter({ hasText: '21 May 2001' })).toHaveCount(1);
  // Every copy still counts in the facets.
  const tags = page.locator('[data-testid="facet-group"][data-facet="tag"]');
  await expect(tags).toContainText('all_documents');
  await expect(tags).toContainText('discussion_threads');

  const toggle = page.getByTestId('copies-toggle');
  await expect(toggle).toHaveText('Show 2 identical copies');
  await toggle.click();
  await settled(page);
  // The control stays where it was pressed (focus is not lost to the page).
  await expect(toggle).toBeFocused();
  await expect(items).toHaveCount(5);
  await expect(page.getByTestId('result-copies')).toHaveCount(0);
  await expect(toggle).toHaveText('Fold 2 identical copies');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  expect(page.url()).toContain('copies=1');
  // The link keeps it.
  await page.reload();
  await settled(page);
  await expect(items).toHaveCount(5);
  await page.getByTestId('copies-toggle').click();
  await settled(page);
  await expect(items).toHaveCount(3);

  // The open document names its two copies; one opens, and Back returns.
  await folded.getByTestId('result-title').click();
  const view = page.getByTestId('document-view');
  await expect(view.getByTestId('document-title')).toHaveText('Ceasefire talks in Geneva');
  const first = new URL(page.url()).hash;
  const copies = view.getByTestId('copies-item');
  await expect(copies).toHaveCount(2);
  const names = await copies.allInnerTexts();
  expect(names.every((n) => n.startsWith('allen-p/'))).toBe(true);
  await copies.first().click();
  await expect(page).toHaveURL(new RegExp(`doc=${encodeURIComponent(names[0]).replace(/%2F/g, '(%2F|/)')}`));
  await expect(view.getByTestId('copies-item')).toHaveCount(2);
  // Not listed as related: its copies say nothing new.
  for (const n of names) {
    await expect(view.getByTestId('related-item').filter({ hasText: n })).toHaveCount(0);
  }
  await page.goBack();
  await expect.poll(() => new URL(page.url()).hash).toBe(first);
});

test('an archive without copies shows no copy control', async ({ page }) => {
  await openArchive(page);
  await search(page, 'union');
  await expect(page.getByTestId('result-item').first()).toBeVisible();
  await expect(page.getByTestId('copies-toggle')).toBeHidden();
  await expect(page.getByTestId('result-copies')).toHaveCount(0);
});

test('a document with many copies links to the first twenty and says how many more', async ({ page }) => {
  await openArchive(page, './fixtures/many-copies/');
  // 26 documents; one row for the 25 copies of the newsletter, one for the note.
  expect(await resultCount(page)).toBe(26);
  await expect(page.getByTestId('result-item')).toHaveCount(2);
  const row = page.getByTestId('result-item').filter({ hasText: 'Weekly newsletter' });
  await expect(row.getByTestId('result-copies')).toHaveText('+24 identical copies');
  await row.getByTestId('result-title').click();
  const copies = page.getByTestId('copies');
  await expect(copies.getByTestId('copies-item')).toHaveCount(20);
  await expect(copies).toContainText('and 4 more');
});
