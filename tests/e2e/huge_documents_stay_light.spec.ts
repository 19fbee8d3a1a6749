// A 50 MB document (a mailbox exported as one message, beside five small ones) opens at
// once and keeps the page light: only the paragraphs in view are on the page, wherever
// the reader scrolls, and searching while it is open still works. The corpus is
// generated, seeded, by `cargo xtask corpora` (target/corpora/mail-huge.json). See: #9
import { test, expect, openArchive, search } from './helpers';

/** Elements on the whole page. */
const elements = (page) => page.evaluate(() => document.querySelectorAll('*').length);

/** Paragraphs of the open document that show in its pane. */
const inView = (page) =>
  page.getByTestId('document-view').evaluate((v) => {
    const pane = v.getBoundingClientRect();
    return [...v.querySelectorAll('[data-testid=document-body] p')].filter((p) => {
      const r = p.getBoundingClientRect();
      return r.bottom > pane.top && r.top < pane.bottom && p.textContent.trim().length > 0;
    }).length;
  });

test('a 50 MB document shows only the paragraphs in view, wherever it is scrolled', async ({ page }) => {
  test.setTimeout(90_000);
  await openArchive(page, './fixtures/mail-huge/');
  await expect(page.getByTestId('result-count')).toContainText('6 documents');
  await search(page, 'mailbox');
  await page.getByTestId('result-title').filter({ hasText: 'The whole mailbox' }).click();
  const view = page.getByTestId('document-view');
  await expect(page.getByTestId('document-title')).toHaveText('The whole mailbox, exported as one message');
  const body = page.getByTestId('document-body');
  const paragraphs = body.locator('p');
  await expect(paragraphs.first()).toBeVisible();
  // The body is as tall as the whole text (millions of pixels), but holds a few
  // paragraphs.
  const height = await body.evaluate((b) => b.getBoundingClientRect().height);
  expect(height).toBeGreaterThan(1_000_000);
  expect(await paragraphs.count()).toBeLessThan(100);
  expect(await elements(page)).toBeLessThan(2_000);

  // Scroll to the middle, as a reader dragging the scrollbar would: the paragraphs there
  // come, and the ones at the top go.
  await view.evaluate((v) => {
    v.scrollTop = v.scrollHeight / 2;
  });
  await expect
    .poll(async () => Number((await paragraphs.first().getAttribute('data-block')) ?? 0))
    .toBeGreaterThan(10_000);
  const middle = Number(await paragraphs.first().getAttribute('data-block'));
  await expect.poll(() => inView(page)).toBeGreaterThan(0);
  expect(await paragraphs.count()).toBeLessThan(100);
  expect(await elements(page)).toBeLessThan(2_000);

  // The wheel moves on from there.
  await view.hover();
  for (let i = 0; i < 5; i++) await page.mouse.wheel(0, 2_000);
  await expect
    .poll(async () => Number((await paragraphs.first().getAttribute('data-block')) ?? 0))
    .toBeGreaterThan(middle + 10);
  await expect.poll(() => inView(page)).toBeGreaterThan(0);
  expect(await paragraphs.count()).toBeLessThan(100);

  // Searching with the document open: the marks follow the new words, still only in view.
  await search(page, 'storage');
  await view.evaluate((v) => {
    v.scrollTop = 0;
  });
  await expect(body.locator('mark').first()).toHaveText(/storage/i);
  expect(await paragraphs.count()).toBeLessThan(100);
  expect(await elements(page)).toBeLessThan(2_000);
});
