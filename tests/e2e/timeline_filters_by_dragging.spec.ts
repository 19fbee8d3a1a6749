// The timeline: drag across bars to narrow the results to those dates, click a bar to
// zoom, use it from the keyboard. See: #4
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, openArchive, resultCount } from './helpers';
import type { Page } from '@playwright/test';

const corpus = JSON.parse(readFileSync(join(__dirname, '../../public/corpus.json'), 'utf8'));
const yearsOf = (from: number, to: number) =>
  corpus.documents.filter((d: any) => d.date && +d.date.slice(0, 4) >= from && +d.date.slice(0, 4) <= to);

async function barCentre(page: Page, start: string) {
  const bar = page.locator(`[data-testid="timeline-bar"][data-start="${start}"]`);
  const box = await bar.boundingBox();
  if (!box) throw new Error(`no bar ${start}`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 + 0 };
}

async function clickBar(page: Page, start: string) {
  const bar = await barCentre(page, start);
  const chartBox = (await page.locator('.timeline__chart').boundingBox())!;
  await page.mouse.click(bar.x, chartBox.y + chartBox.height / 2);
}

test('dragging across 1861–1865 shows exactly the speeches dated inside', async ({ page }) => {
  await openArchive(page);
  const timeline = page.getByTestId('timeline');
  await expect(timeline).toBeVisible();
  // 232 years are too many bars: the archive shows by decade. A click zooms into one.
  await expect(timeline).toContainText('by decade');
  await clickBar(page, '1860');
  await expect(page.getByTestId('timeline-bar')).toHaveCount(10);
  const from = await barCentre(page, '1861');
  const to = await barCentre(page, '1865');
  const chartBox = (await page.locator('.timeline__chart').boundingBox())!;
  const y = chartBox.y + chartBox.height / 2;
  await page.mouse.move(from.x, y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, y, { steps: 5 });
  await page.mouse.move(to.x, y, { steps: 5 });
  await page.mouse.up();
  const expected = yearsOf(1861, 1865);
  expect(expected.length).toBe(5);
  expect(await resultCount(page)).toBe(expected.length);
  const titles = await page.getByTestId('result-title').allInnerTexts();
  expect(titles.map((t) => t.match(/\d{4}/)![0]).sort()).toEqual(
    expected.map((d: any) => d.date.slice(0, 4)).sort(),
  );
  await expect(page.getByTestId('active-filter')).toContainText('1861 – 1865');
  await expect(page).toHaveURL(/range=1861\.\.1865/);
  // The timeline still shows the other years of the decade, for context.
  await expect(page.locator('[data-testid="timeline-bar"][data-start="1869"]')).toHaveAttribute('data-count', '1');
});

test('clicking a bar zooms into its months; zoom out and reset go back', async ({ page }) => {
  await openArchive(page);
  await clickBar(page, '2010');
  await expect(page.getByTestId('timeline')).toContainText('by year');
  await clickBar(page, '2018');
  const bars = page.getByTestId('timeline-bar');
  await expect(bars).toHaveCount(12);
  await expect(bars.first()).toHaveAttribute('data-start', '2018-01');
  // The press release is dated to the day; the 2018 speech only to the year.
  await expect(page.locator('[data-testid="timeline-bar"][data-start="2018-10"]')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('timeline')).toContainText('1 dated less precisely');
  await expect(page).toHaveURL(/zoom=2018/);
  await page.getByTestId('timeline-zoom-out').click();
  await expect.poll(() => bars.count()).toBeGreaterThan(12);
  await page.getByTestId('timeline-reset').click();
  await expect(page.locator('[data-testid="timeline-bar"][data-start="1790"]')).toHaveCount(1);
});

test('the timeline works from the keyboard alone', async ({ page }) => {
  await openArchive(page);
  // The chart is a tab stop; from there on, only keys.
  const chart = page.locator('.timeline__chart');
  await expect(chart).toHaveAttribute('tabindex', '0');
  await chart.focus();
  await expect(chart).toBeFocused();
  await page.keyboard.press('Home');
  await expect(page.locator('.timeline__tooltip')).toContainText('1790s');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByTestId('active-filter')).toContainText('1790 – 1839');
  expect(await resultCount(page)).toBe(yearsOf(1790, 1839).length);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('result-count')).toContainText('234 documents');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('timeline-bar').first()).toHaveAttribute('data-start', '1830');
  // Screen readers get the same counts as a table.
  await expect(page.locator('.timeline table tbody tr')).toHaveCount(10);
});

test('undated documents are counted beside the chart', async ({ page }) => {
  await page.goto('./fixtures/undated/');
  await expect(page.getByTestId('timeline-undated')).toHaveText('2 undated');
  await expect(page.getByTestId('result-count')).toContainText('5 documents');
});
