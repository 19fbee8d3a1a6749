// Terms over time: up to five queries compared on the timeline as lines, in counts or in
// shares of each period's documents, with a legend, a table and a CSV of the numbers,
// kept in the URL and following the facets. See: #12
import { readFileSync } from 'node:fs';
import { test, expect, openArchive, search, resultCount, settled } from './helpers';
import type { Page } from '@playwright/test';

/** Types a query into the compare box and presses Enter, as a reader would. */
async function compare(page: Page, q: string) {
  const input = page.getByTestId('series-input');
  await input.click();
  await input.pressSequentially(q, { delay: 10 });
  await input.press('Enter');
  await settled(page);
}

/** Opens the table of the chart's numbers (once it has followed the last answer). */
async function openTable(page: Page) {
  const toggle = page.getByTestId('timeline-table-toggle');
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const table = page.getByTestId('timeline-table');
  await expect(table).toBeVisible();
  return table;
}

/** The table as numbers: per row, the first number of each cell after the period. */
async function tableNumbers(page: Page, columns: number): Promise<number[][]> {
  const table = await openTable(page);
  // The table follows the counts once they settle.
  await expect(table.locator('thead th')).toHaveCount(columns + 1);
  return table.locator('tbody tr').evaluateAll((rows) =>
    rows.map((r) =>
      [...r.querySelectorAll('td')].map((td) => Number((td.textContent || '').split(' ')[0].replace(/,/g, ''))),
    ),
  );
}

test('a compared word gets a line, a legend entry and a total its search agrees with', async ({ page }) => {
  await openArchive(page);
  await compare(page, 'slavery');
  await expect(page.getByTestId('series-item')).toHaveCount(1);
  await expect(page.getByTestId('series-line')).toHaveCount(1);
  await expect(page).toHaveURL(/series=slavery/);
  const total = Number((await page.getByTestId('series-total').innerText()).replace(/,/g, ''));
  expect(total).toBeGreaterThan(10);
  // Documents | slavery | All documents, a row per bar.
  const compared = await tableNumbers(page, 3);
  expect(compared.length).toBeGreaterThan(10);
  for (const [documents, slavery, all] of compared) {
    expect(documents).toBe(all);
    expect(slavery).toBeLessThanOrEqual(all);
  }
  expect(compared.some((r) => r[1] > 0)).toBe(true);
  // Searching for the word itself (whole: a space after it, as the compared query is
  // whole), the bars (its search) and its line (counted apart) agree, bar by bar.
  await search(page, 'slavery ');
  expect(await resultCount(page)).toBe(total);
  await expect
    .poll(async () => {
      const rows = await tableNumbers(page, 3);
      return rows.length > 0 && rows.every(([documents, slavery]) => documents === slavery);
    })
    .toBe(true);
});

test('queries compared follow the facets, switch to shares, and stay in the URL', async ({ page }) => {
  await openArchive(page);
  await compare(page, 'war');
  await compare(page, 'peace');
  await expect(page.getByTestId('series-item')).toHaveCount(2);
  await expect(page.getByTestId('series-line')).toHaveCount(2);
  await expect(page).toHaveURL(/series=war\|peace/);
  const totals = async () =>
    (await page.getByTestId('series-total').allInnerTexts()).map((t) => Number(t.replace(/,/g, '')));
  const [war, peace] = await totals();
  expect(war).toBeGreaterThan(0);
  expect(peace).toBeGreaterThan(0);

  // A source chosen: the totals are that president's.
  const sources = page.locator('[data-testid="facet-group"][data-facet="source"]');
  await sources.getByPlaceholder('Filter source…').fill('Lincoln');
  await sources.locator('[data-testid="facet-item"][data-value="Abraham Lincoln"]').getByRole('checkbox').check();
  await settled(page);
  const [lincolnWar] = await totals();
  expect(lincolnWar).toBeLessThan(war);
  await search(page, 'war ');
  expect(await resultCount(page)).toBe(lincolnWar);
  await page.getByTestId('clear-filters').click();
  await search(page, '');

  // Shares: a per cent of each period's documents, never over 100.
  await page.getByTestId('series-share').check();
  await expect(page).toHaveURL(/share=1/);
  // Opened, the table shows the numbers of the chart as it is now.
  const table = await openTable(page);
  await expect(table.locator('thead th')).toHaveText(['Period', 'Documents', 'war', 'peace', 'All documents']);
  const cells = await table.locator('tbody td').allInnerTexts();
  const shares = cells.flatMap((c) => [...c.matchAll(/\(([\d.]+)%\)/g)].map((m) => Number(m[1])));
  expect(shares.length).toBeGreaterThan(10);
  for (const s of shares) expect(s).toBeLessThanOrEqual(100);
  expect(shares.some((s) => s > 0)).toBe(true);

  // The link restores the comparison.
  const url = page.url();
  await page.goto('about:blank');
  await openArchive(page, url);
  await expect(page.getByTestId('series-item')).toHaveCount(2);
  await expect(page.getByTestId('series-share')).toBeChecked();
  await expect(page.getByTestId('series-line')).toHaveCount(2);

  // Removing one keeps the other.
  await page.getByRole('button', { name: 'Stop comparing war' }).click();
  await expect(page.getByTestId('series-item')).toHaveCount(1);
  await expect(page.getByTestId('series-item')).toContainText('peace');
  await expect(page).toHaveURL(/series=peace(&|$)/);
  // With nothing compared, the scale goes back to counts, as the link says.
  await page.getByRole('button', { name: 'Stop comparing peace' }).click();
  await expect(page.getByTestId('series-item')).toHaveCount(0);
  await expect(page).not.toHaveURL(/series=|share=/);
  await compare(page, 'union');
  await expect(page.getByTestId('series-share')).not.toBeChecked();
});

test('the chart says each query’s value from the keyboard, and the numbers download as CSV', async ({ page }) => {
  await openArchive(page);
  await compare(page, 'tariff');
  const chart = page.locator('.timeline__chart');
  await chart.focus();
  await page.keyboard.press('End');
  await expect(chart.locator('[aria-live]')).toContainText(/documents?; tariff \d/);

  const downloading = page.waitForEvent('download');
  await page.getByTestId('timeline-csv').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('chronicle-timeline.csv');
  const path = test.info().outputPath('chronicle-timeline.csv');
  await download.saveAs(path);
  const lines = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(lines[0]).toBe('period,from,to,documents,tariff,tariff (% of documents),all documents');
  const rows = await (await openTable(page)).locator('tbody tr').count();
  expect(lines.length - 1).toBe(rows);
  expect(lines[1]).toMatch(/^[^,]+,\d{4}-\d\d-\d\d,\d{4}-\d\d-\d\d,\d+,\d+,\d+\.\d,\d+$/);
});

test('five queries at most: the box closes, and opens again when one goes', async ({ page }) => {
  await openArchive(page);
  for (const q of ['war', 'peace', 'tariff', 'slavery', 'union']) await compare(page, q);
  await expect(page.getByTestId('series-item')).toHaveCount(5);
  await expect(page.getByTestId('series-input')).toBeDisabled();
  await page.getByRole('button', { name: 'Stop comparing tariff' }).click();
  await expect(page.getByTestId('series-input')).toBeEnabled();
  await expect(page).toHaveURL(/series=war\|peace\|slavery\|union/);
});
