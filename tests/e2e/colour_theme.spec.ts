// The colour theme: follows the system, can be forced by a link or an embedder, and the
// reader can choose with the header's button (remembered by the page).
// See: #5
import { Page } from '@playwright/test';
import { test, expect, openArchive, search } from './helpers';

const LIGHT_BG = 'rgb(251, 250, 247)';
const DARK_BG = 'rgb(18, 20, 22)';

const background = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('the theme follows the system setting', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await openArchive(page);
  expect(await background(page)).toBe(DARK_BG);
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await background(page)).toBe(LIGHT_BG);
});

test('#theme= in a link forces a theme whatever the system says', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openArchive(page, './#theme=dark&q=idlib');
  expect(await background(page)).toBe(DARK_BG);
  await page.emulateMedia({ colorScheme: 'dark' });
  await openArchive(page, './#theme=light');
  expect(await background(page)).toBe(LIGHT_BG);
});

test('the theme button cycles dark, light, system, and the page remembers the choice', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openArchive(page);
  const button = page.getByTestId('theme-toggle');
  await expect(button).toHaveAttribute('aria-label', /system/);
  // From the system theme, the first press always shows a change.
  await button.click();
  await expect(button).toHaveAttribute('aria-label', /dark/);
  expect(await background(page)).toBe(DARK_BG);
  // The choice survives a reload.
  await page.reload();
  await expect(page.getByTestId('result-count')).toBeVisible();
  expect(await background(page)).toBe(DARK_BG);
  await button.click();
  await expect(button).toHaveAttribute('aria-label', /light/);
  expect(await background(page)).toBe(LIGHT_BG);
  await button.click();
  await expect(button).toHaveAttribute('aria-label', /system/);
  // Following the system again: it changes when the system does.
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await background(page)).toBe(DARK_BG);
  await page.reload();
  await expect(page.getByTestId('result-count')).toBeVisible();
  await expect(button).toHaveAttribute('aria-label', /system/);
});

test("the reader's choice replaces a theme given by the link", async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await openArchive(page, './#theme=dark&q=idlib');
  const button = page.getByTestId('theme-toggle');
  await expect(button).toHaveAttribute('aria-label', /dark/);
  await button.click();
  expect(await background(page)).toBe(LIGHT_BG);
  expect(new URL(page.url()).hash).toBe('#q=idlib');
  // Later changes to the view do not bring it back.
  await search(page, 'idlib coalition');
  await expect(page).toHaveURL(/#q=idlib\+coalition$/);
  await page.reload();
  await expect(page.getByTestId('result-count')).toContainText('1 document');
  expect(await background(page)).toBe(LIGHT_BG);
});

test('an embed has its own theme button, and leaves the host page alone', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('./static/fixtures/hosts/two-embeds.html');
  const first = page.locator('#first');
  await expect(first.getByTestId('result-count')).toContainText('1 document');
  const bg = () => first.locator('.chronicle').evaluate((el) => getComputedStyle(el).backgroundColor);
  const before = await bg();
  await first.getByTestId('theme-toggle').click();
  expect(await bg()).not.toBe(before);
  await expect(first).toHaveAttribute('data-theme', 'dark');
  expect(await page.evaluate(() => document.documentElement.hasAttribute('data-theme'))).toBe(false);
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
});
