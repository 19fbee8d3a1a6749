// Corpus text is data: markup in titles, bodies, sources, tags, URLs or meta shows as
// text and never runs. See: #2
import { Page } from '@playwright/test';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { test, expect, search } from './helpers';

test('a hostile corpus shows its markup literally and runs nothing', async ({ page }) => {
  await showsItsMarkupLiterally(page, './fixtures/xss/');
});

test('…and so does the offline single file built from it (cargo xtask test bundles it)', async ({ page }) => {
  // The corpus is inlined in a <script> element there: its "</script>" must not end it.
  await showsItsMarkupLiterally(page, pathToFileURL(join(__dirname, '../../dist-offline/xss.html')).href);
});

async function showsItsMarkupLiterally(page: Page, url: string) {
  const dialogs: string[] = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await page.goto(url);
  await expect(page.getByTestId('result-count')).toContainText('2 documents');
  await expect(page.getByTestId('archive-title')).toHaveText(
    `<img src=x onerror="window.__pwned='archive-title'">Hostile archive`,
  );
  await expect(page.getByTestId('result-title').filter({ hasText: '<script>' })).toHaveText(
    "<script>window.__pwned='title';alert(1)</script> Harmless words",
  );
  await search(page, 'harmless');
  await page.getByTestId('result-title').filter({ hasText: '<script>' }).click();
  const view = page.getByTestId('document-view');
  await expect(page.getByTestId('document-body')).toContainText(`<img src=x onerror="window.__pwned='body';alert(1)">`);
  await expect(view).toContainText(`<b onmouseover="window.__pwned='source'">Bold source</b>`);
  // A javascript: URL is shown as text, not made a link.
  await expect(view).toContainText("javascript:window.__pwned='url'");
  await expect(view.locator('a[href^="javascript"]')).toHaveCount(0);
  // No element was created from corpus text (the timeline's own SVG aside).
  for (const tag of ['img', 'script', 'iframe', 'svg:not(.timeline__svg)', 'b', 'style']) {
    await expect(page.locator(`main ${tag}, header ${tag}`)).toHaveCount(0);
  }
  // Facet values are text too.
  await expect(page.locator('[data-facet="tag"] [data-testid="facet-item"]').first()).toContainText(
    `<svg onload="window.__pwned='tag'">`,
  );
  await page.getByTestId('document-body').hover();
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as any).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
}
