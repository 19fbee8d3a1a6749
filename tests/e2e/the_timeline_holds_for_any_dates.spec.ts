// Dates typed wrong (0102, 2102, the epoch) never squeeze the real ones into a bar, and
// never give more bars than the limit; they are counted beside the chart and one click
// away. By default the chart shows where the current matches are. See: #9
import { test, expect, search } from './helpers';

const MAX_BARS = 200;

test('misdated mail is counted beside the chart, whatever the span, and can be reached', async ({ page }) => {
  await page.goto('./fixtures/misdated/');
  await expect(page.getByTestId('result-count')).toContainText('407 documents');
  const bars = page.getByTestId('timeline-bar');
  // The bulk (1998–2002) by month, not 2,000 years by decade.
  await expect(page.getByTestId('timeline')).toContainText('by month');
  expect(await bars.count()).toBeLessThanOrEqual(MAX_BARS);
  await expect(bars.first()).toHaveAttribute('data-start', '1998-01');
  await expect(bars.last()).toHaveAttribute('data-start', '2002-12');
  await expect(page.getByTestId('timeline-undated')).toHaveText('3 undated');
  const before = page.getByTestId('timeline-before');
  const after = page.getByTestId('timeline-after');
  await expect(before).toHaveText('← 3 earlier');
  await expect(after).toHaveText('1 later →');
  // One click shows them, and only them.
  await before.click();
  await expect(page.getByTestId('result-count')).toContainText('3 documents match');
  const titles = await page.getByTestId('result-title').allInnerTexts();
  expect(titles.join(' ')).toContain('0102');
  expect(titles.join(' ')).toContain('epoch');
  expect(await bars.count()).toBeLessThanOrEqual(MAX_BARS);
  await page.getByTestId('timeline-reset').click();
  await expect(page.getByTestId('result-count')).toContainText('407 documents');
  await after.click();
  await expect(page.getByTestId('result-count')).toContainText('1 document matches');
});

test('the chart follows the matches: a search of a few weeks shows their days', async ({ page }) => {
  await page.goto('./fixtures/misdated/');
  await expect(page.getByTestId('result-count')).toContainText('407 documents');
  // Only the 0102 typos (May and November 0102) match: the chart shows their weeks, not
  // the archive's 1998–2002.
  await search(page, 'title:0102');
  await expect(page.getByTestId('result-count')).toContainText('2 documents match');
  await expect(page.getByTestId('timeline')).toContainText('by week');
  const bars = page.getByTestId('timeline-bar');
  await expect(bars.first()).toHaveAttribute('data-start', /^0102-05-/);
  await expect(bars.last()).toHaveAttribute('data-start', /^0102-(10|11)-/);
  expect(await bars.count()).toBeLessThanOrEqual(MAX_BARS);
});

test('a link that zooms over ten thousand years still draws at most the bar limit', async ({ page }) => {
  await page.goto('./fixtures/misdated/#zoom=0001..9999');
  await expect(page.getByTestId('result-count')).toContainText('407 documents');
  await expect(page.getByTestId('timeline')).toContainText('by century');
  expect(await page.getByTestId('timeline-bar').count()).toBeLessThanOrEqual(MAX_BARS);
});
