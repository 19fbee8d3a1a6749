// Every view passes axe-core (WCAG 2.2 A and AA rules, and best practices) with no
// violation of any impact: the start view, a search, an open document (its citation
// shown), the chronology,
// the filters drawer on a narrow screen, and the dark theme. See: #11
import { join } from 'node:path';
import { test, expect, openArchive, search } from './helpers';
import type { Page } from '@playwright/test';

const axePath = join(__dirname, '../../node_modules/axe-core/axe.min.js');

/** Runs axe on the page; returns its violations as readable lines. */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const found = await page.evaluate(async () => {
    const axe = (window as any).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map(
      (v: any) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n: any) => n.target.join(' ')).slice(0, 3).join(', ')}`,
    );
  });
  return found;
}

test('the start view, a search and an open document', async ({ page }) => {
  await openArchive(page);
  expect(await violations(page)).toEqual([]);
  await search(page, 'idlib');
  expect(await violations(page)).toEqual([]);
  await page.getByTestId('result-title').first().click();
  await expect(page.getByTestId('document-view')).toContainText('Syrian Coalition');
  expect(await violations(page)).toEqual([]);
  // With its citation shown, and its related documents listed.
  await page.getByTestId('cite-button').click();
  await expect(page.getByTestId('citation')).toBeVisible();
  await expect(page.getByTestId('related-item').first()).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('the chronology', async ({ page }) => {
  await openArchive(page, './#view=chronology');
  await expect(page.locator('.chronology')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('the filters drawer on a narrow screen', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await openArchive(page);
  await page.getByRole('button', { name: /Filters/ }).click();
  await expect(page.locator('.facets-pane')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('the dark theme, with a document open', async ({ page }) => {
  await openArchive(page, './#theme=dark&q=union&doc=press-release-2018-10-17');
  await expect(page.getByTestId('document-view')).toBeVisible();
  expect(await violations(page)).toEqual([]);
});

test('identical copies: folded, the control to show them, and an open document naming them', async ({ page }) => {
  await openArchive(page, './fixtures/copies/');
  await search(page, 'ceasefire');
  await expect(page.getByTestId('result-copies')).toBeVisible();
  expect(await violations(page)).toEqual([]);
  await page.getByTestId('result-copies').locator('xpath=ancestor::li').getByTestId('result-title').click();
  await expect(page.getByTestId('copies-item').first()).toBeVisible();
  expect(await violations(page)).toEqual([]);
});
