// While a large archive loads, the page is already usable: it shows how far loading has
// got (documents and bytes), answers searches over what has arrived, marked as partial,
// and then answers over everything. The test server trickles the 16 MB corpus in at
// about 4 MB/s (/slow/…), so there is time to watch. See: #9
import { test, expect, search, resultCount } from './helpers';

test('while 16 MB load: progress in bytes and documents, partial answers, then all', async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto('./slow/fixtures/sotu-10k/');
  const progress = page.getByTestId('load-progress');
  await expect(progress).toContainText(/[\d.]+ MB of 15\.9 MB · [\d,]+ documents/);
  // The archive shows before it is complete, and says that it is partial.
  await expect(progress).toContainText('results so far are partial', { timeout: 20_000 });
  await search(page, 'war', { partial: true });
  const partial = await resultCount(page, { partial: true });
  expect(partial).toBeGreaterThan(0);
  await expect(progress).toBeVisible();
  // The notice is a line above the answers, not a block that pushes them out of view:
  // the first result shows in the window while loading goes on.
  expect((await progress.boundingBox())!.height).toBeLessThan(80);
  await expect(page.getByTestId('result-item').first()).toBeInViewport();
  await expect(progress).toBeVisible();
  // Loading ends on its own; the same search now counts every document.
  await expect(progress).toHaveCount(0, { timeout: 40_000 });
  await expect(page.getByTestId('result-count')).not.toContainText(`${partial.toLocaleString('en')} `);
  const all = await resultCount(page);
  expect(all).toBeGreaterThan(partial);
  await search(page, '');
  await expect(page.getByTestId('result-count')).toContainText('10,000 documents');
});
