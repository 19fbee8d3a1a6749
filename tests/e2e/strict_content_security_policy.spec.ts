// Chronicle runs under the strict Content-Security-Policy the README gives publishers
// (no inline scripts or styles, wasm allowed), as the page and as a script-tag embed on
// a page with the same policy, with no violation at all. The test server sends the
// policy for every file under /csp/. See: #11
import { test, expect, search } from './helpers';
import type { Page } from '@playwright/test';

/** Records every CSP violation the page (or a shadow root in it) reports. */
async function watchViolations(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = ((window as any).__violations = []);
    document.addEventListener(
      'securitypolicyviolation',
      (e) => seen.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`),
      true,
    );
  });
  return () => page.evaluate(() => (window as any).__violations as string[]);
}

test('the app under the strict policy: search, a document, the timeline, no violation', async ({ page }) => {
  const violations = await watchViolations(page);
  const response = await page.goto('./csp/');
  expect(response!.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'");
  await expect(page.getByTestId('result-count')).toContainText('234 documents');
  await search(page, 'idlib');
  await expect(page.getByTestId('result-count')).toContainText('1 document');
  await page.getByTestId('result-title').first().click();
  await expect(page.getByTestId('document-view')).toContainText('Syrian Coalition');
  await search(page, 'union');
  await expect(page.getByTestId('timeline-bar').first()).toBeVisible();
  // Hovering a bar shows its tooltip, placed through the CSS object model.
  await page.getByTestId('timeline-bar').first().hover();
  await expect(page.locator('.timeline__tooltip')).toBeVisible();
  expect(page.workers().length).toBeGreaterThan(0);
  expect(await violations()).toEqual([]);
});

test('a script-tag embed on a page with the same policy', async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto('./csp/static/fixtures/hosts/csp-embed.html');
  const archive = page.locator('#archive');
  await expect(archive.getByTestId('result-count')).toContainText('1 document');
  await archive.getByTestId('result-title').first().click();
  await expect(archive.getByTestId('document-view')).toContainText('Syrian Coalition');
  expect(await violations()).toEqual([]);
});
